package datatest

// PlanNode is a node of a plan as EXPLAIN (FORMAT JSON) and auto_explain
// write it, with the fields the tests read: what the node is, which
// relation it scans, what it did (with ANALYZE) and what it touched (with
// BUFFERS). A field the EXPLAIN options did not ask for stays zero.
type PlanNode struct {
	Type        string     `json:"Node Type"`
	Relation    string     `json:"Relation Name"`
	Schema      string     `json:"Schema"`
	Parent      string     `json:"Parent Relationship"`
	Loops       float64    `json:"Actual Loops"`
	Rows        float64    `json:"Actual Rows"`
	Removed     float64    `json:"Rows Removed by Filter"`
	HeapFetches *float64   `json:"Heap Fetches"` // nil unless an index-only scan
	SharedHit   float64    `json:"Shared Hit Blocks"`
	SharedRead  float64    `json:"Shared Read Blocks"`
	Plans       []PlanNode `json:"Plans"`
}

// Walk calls f on n and on every node below it, parents first.
func (n PlanNode) Walk(f func(PlanNode)) {
	f(n)
	for _, c := range n.Plans {
		c.Walk(f)
	}
}
