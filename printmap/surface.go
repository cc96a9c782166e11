package printmap

import "image/color"

// surface is what a page is drawn on: a raster image (PNG) or a PDF page.
// Coordinates are millimetres from the page's top-left corner, y down;
// lines are stroked with round caps and joins, shapes fill by the
// non-zero rule.
type surface interface {
	// fillRect and strokeRect paint a rectangle or its outline (a line
	// of width w centred on the edges).
	fillRect(b box, c color.RGBA)
	strokeRect(b box, w float64, c color.RGBA)
	// fill paints closed rings; stroke paints polylines of width w.
	fill(c color.RGBA, rings ...[]pt)
	stroke(c color.RGBA, w float64, lines ...[]pt)
	// discs paints circles of radius r.
	discs(c color.RGBA, r float64, centres ...pt)
	// text writes s at size points with its baseline's left end at (x, y).
	text(size float64, s string, x, y float64, c color.RGBA)
	// clip limits what is drawn to b until unclip.
	clip(b box)
	unclip()
	// minStep is the distance in mm below which points of a line can be
	// dropped without a visible difference.
	minStep() float64
}
