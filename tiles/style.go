package tiles

import (
	"image/color"

	"gasrisk/riskmodel"
)

// The greys of the context layers, as 0xRRGGBB; the four grade colours
// are riskmodel's (Grade.RGB), shared with every other map gasrisk draws.
const (
	RGBGrey    = 0x8c8c8c // context lines
	rgbFill    = 0xc8c8c8 // building footprints
	rgbOutline = 0x707070 // district boundaries
	rgbStation = 0x404040 // stations without findings
	rgbHalo    = 0xffffff // rim around dots
)

// rgb turns 0xRRGGBB into an opaque colour.
func rgb(v uint32) color.RGBA { return color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 0xff} }

// GradeColor returns the raster colour of a risk grade (red, orange,
// yellow, blue); grey for anything else.
func GradeColor(grade string) color.RGBA { return gradeColor(gradeRank(grade)) }

// gradeRank orders grades for drawing (blue 0 … red 3, red on top); -1
// for anything else.
func gradeRank(g any) int {
	s, _ := g.(string)
	return riskmodel.Grade(s).Rank() - 1
}

// gradeColor is the colour of grade rank r (see gradeRank); grey for
// anything else.
func gradeColor(r int) color.RGBA {
	if gs := riskmodel.Grades(); r >= 0 && r < len(gs) {
		return rgb(gs[r].RGB())
	}
	return rgb(RGBGrey)
}

// lineWidth is the stroke width in pixels (at scale 1) of risk-coloured
// lines at zoom z; context lines are drawn thinner.
func lineWidth(z int) float64 {
	switch {
	case z < 14:
		return 1.5
	case z < 16:
		return 2.5
	}
	return 3.5
}

// dotRadius is the radius in pixels (at scale 1) of point features at zoom z.
func dotRadius(z int) float64 {
	switch {
	case z < 12:
		return 2.5
	case z < 15:
		return 3.5
	}
	return 5
}
