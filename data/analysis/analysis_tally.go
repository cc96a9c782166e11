package analysis

import "sync"

// tally counts, while grading, what the run's summary reports: segments
// and km per district and grade, and segments per finding. Shards add to
// their own tally and merge it at the end, so the summary needs no pass
// over the written partition.
type tally struct {
	districts map[string]map[string]GradeTotal
	findings  map[string]int
}

func newTally() *tally {
	return &tally{districts: map[string]map[string]GradeTotal{}, findings: map[string]int{}}
}

// add counts one segment.
func (t *tally) add(district *string, grade string, lengthM float64, findings []string) {
	d := ""
	if district != nil {
		d = *district
	}
	g := t.districts[d]
	if g == nil {
		g = map[string]GradeTotal{}
		t.districts[d] = g
	}
	gt := g[grade]
	gt.Segments++
	gt.Km += lengthM / 1000
	g[grade] = gt
	for _, f := range findings {
		t.findings[f]++
	}
}

// merge adds o into t under mu.
func (t *tally) merge(mu *sync.Mutex, o *tally) {
	mu.Lock()
	defer mu.Unlock()
	for d, gs := range o.districts {
		for g, x := range gs {
			dst := t.districts[d]
			if dst == nil {
				dst = map[string]GradeTotal{}
				t.districts[d] = dst
			}
			y := dst[g]
			y.Segments += x.Segments
			y.Km += x.Km
			dst[g] = y
		}
	}
	for f, n := range o.findings {
		t.findings[f] += n
	}
}

// summary fills sum's totals from the tally.
func (t *tally) summary(sum *RunSummary) {
	for d, gs := range t.districts {
		sum.Districts[d] = gs
		for g, x := range gs {
			gt := sum.Grades[g]
			gt.Segments += x.Segments
			gt.Km += x.Km
			sum.Grades[g] = gt
			sum.Segments += x.Segments
			sum.Km += x.Km
		}
	}
	for f, n := range t.findings {
		sum.Findings[f] = n
	}
}
