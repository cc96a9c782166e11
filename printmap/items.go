package printmap

// item is one thing drawn around the map (a line of text, a legend
// swatch, the scale bar, the north arrow): the box it takes on the page
// and how to draw it. The items of a page must not overlap; the tests
// check their boxes.
type item struct {
	name string
	text string // what it writes, if anything
	box  box
	draw func(s surface)
}

// Text sizes in points.
const (
	titlePt  = 18
	normalPt = 9
	smallPt  = 7.5
)

// label is a line of text at size points with its baseline's left end
// at (x, y).
func (ms metrics) label(name string, size float64, s string, x, y float64) item {
	b := box{x, y - ms.ascent(size), x + ms.width(size, s), y + ms.descent(size)}
	return item{name: name + ": " + s, text: s, box: b, draw: func(c surface) { c.text(size, s, x, y, rgb(black)) }}
}

// fit is the factor (at most 1) that shrinks content of natural size
// w × h into b.
func fit(b box, w, h float64) float64 {
	k := 1.0
	if w > b.W() {
		k = b.W() / w
	}
	if h > b.H() {
		k = min(k, b.H()/h)
	}
	return k
}

// titleItem centres the title in its band, smaller when it is too long.
func (ms metrics) titleItem(b box, s string) item {
	size := float64(titlePt)
	if w := ms.width(size, s); w > b.W() {
		size *= b.W() / w * 0.98
	}
	asc, desc := ms.ascent(size), ms.descent(size)
	y := b.Y0 + (b.H()+asc-desc)/2
	return ms.label("title", size, s, b.X0+(b.W()-ms.width(size, s))/2, y)
}

// swatch is a line sample of a grade's colour in the legend, k the
// legend's scale.
func swatch(g string, x, y, k float64) item {
	a, b := pt{X: x + 0.6*k, Y: y - 1.2*k}, pt{X: x + 9.4*k, Y: y - 1.2*k}
	w := 1.2 * k
	return item{name: "swatch " + g, box: box{x, y - 1.2*k - w/2, x + 10*k, y - 1.2*k + w/2},
		draw: func(c surface) { c.stroke(GradeColour(g), w, []pt{a, b}) }}
}

// marker is a hazard marker sample centred at (x, y): a grade's colour
// on a white rim, ringed in black for listed supervision.
func marker(g string, listed bool, at pt, k float64) item {
	r := 1.9 * k
	return item{name: "marker " + g, box: box{at.X - r, at.Y - r, at.X + r, at.Y + r},
		draw: func(c surface) { drawMarker(c, at, g, listed, k) }}
}

// drawMarker draws one hazard marker at scale k (1 on the map).
func drawMarker(c surface, at pt, g string, listed bool, k float64) {
	if listed {
		c.discs(rgb(black), 1.9*k, at)
	}
	c.discs(rgb(white), 1.4*k, at)
	if g != "" {
		c.discs(GradeColour(g), 1.0*k, at)
	}
}
