package synth

// span is a range [a, b) of points in a batch.
type span struct{ a, b int }

// pipeAttrs are a gas pipe's canonical attributes.
type pipeAttrs struct {
	material string
	diameter int
	pressure string
	year     int
	depth    float64
	district string
	status   string
	condition
	wall       float64 // mm; NaN: unknown, and so is protection
	protection bool    // agreed protective measures (GB 50028 t.6.3.3-1 note)
}

// condition is what a pipe's condition assessment found (国办发〔2022〕22号;
// docs/risk-model.md §6): an assessed condition ("" unknown) and whether
// a ductile iron pipe was found unsafe and a hazard cannot be controlled
// (-1 unknown, 0 no, 1 yes).
type condition struct {
	assessed       string
	ductileUnsafe  int8
	uncontrollable int8
}

// sewerAttrs are a sewer's or water main's canonical attributes; a NaN
// depth is unknown.
type sewerAttrs struct {
	kind     string
	diameter int
	depth    float64
}

type pipeRec struct {
	line span
	pipeAttrs
}

type sewerRec struct {
	line span
	sewerAttrs
}

type buildingRec struct {
	ring     rect
	box      bbox
	use      string
	floors   int
	customer customerRec
}

type placeRec struct {
	at       vec
	kind     string
	name     string
	capacity int
}

type stationRec struct {
	at       vec
	kind     string
	year     int
	name     string
	near     bool   // buildings may stand within 10 m of it
	setting  string // regulators: above_ground or cabinet
	inlet    string // regulators: inlet pressure class
	lpgClass string // LPG supply stations: I, II, III (GB 50028 §8.6)
}

type detectorRec struct {
	at   vec
	year int
}

// batch holds the features of one grid row on their way from the
// generator to the writers. Batches are recycled; their points are copied
// so that the generator may reuse its own buffers at once.
type batch struct {
	pts       []vec
	pipes     []pipeRec
	sewers    []sewerRec
	buildings []buildingRec
	places    []placeRec
	stations  []stationRec
	detectors []detectorRec
	valves    []valveRec
}

func (b *batch) reset() {
	b.pts = b.pts[:0]
	b.pipes = b.pipes[:0]
	b.sewers = b.sewers[:0]
	b.buildings = b.buildings[:0]
	b.places = b.places[:0]
	b.stations = b.stations[:0]
	b.detectors = b.detectors[:0]
	b.valves = b.valves[:0]
}

// line copies a polyline into the batch.
func (b *batch) line(pts []vec) span {
	a := len(b.pts)
	b.pts = append(b.pts, pts...)
	return span{a, len(b.pts)}
}

func (b *batch) points(s span) []vec { return b.pts[s.a:s.b] }
