package printmap

// box is a rectangle on the page in millimetres from its top-left
// corner, y down.
type box struct{ X0, Y0, X1, Y1 float64 }

// W and H are the box's width and height.
func (b box) W() float64 { return b.X1 - b.X0 }

// H is the box's height.
func (b box) H() float64 { return b.Y1 - b.Y0 }

// overlaps reports whether b and o share more than an edge.
func (b box) overlaps(o box) bool { return b.X0 < o.X1 && o.X0 < b.X1 && b.Y0 < o.Y1 && o.Y0 < b.Y1 }

// within reports whether b lies inside o.
func (b box) within(o box) bool { return b.X0 >= o.X0 && b.Y0 >= o.Y0 && b.X1 <= o.X1 && b.Y1 <= o.Y1 }

// inset is b shrunk by d on every side.
func (b box) inset(d float64) box { return box{b.X0 + d, b.Y0 + d, b.X1 - d, b.Y1 - d} }

// union is the smallest box holding b and o.
func (b box) union(o box) box {
	return box{min(b.X0, o.X0), min(b.Y0, o.Y0), max(b.X1, o.X1), max(b.Y1, o.Y1)}
}
