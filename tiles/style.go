package tiles

import "image/color"

// The four-colour risk palette (重大 red, 较大 orange, 一般 yellow, 低 blue)
// and the greys of the context layers, as 0xRRGGBB.
const (
	RGBRed     = 0xd7191c
	RGBOrange  = 0xfdae61
	RGBYellow  = 0xffd92f
	RGBBlue    = 0x2c7bb6
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

// gradeRank orders grades for drawing (lowest first, red on top); -1 for
// anything else.
func gradeRank(g any) int {
	switch g {
	case "blue":
		return 0
	case "yellow":
		return 1
	case "orange":
		return 2
	case "red":
		return 3
	}
	return -1
}

// gradeColor is the colour of grade rank r (see gradeRank).
func gradeColor(r int) color.RGBA {
	switch r {
	case 0:
		return rgb(RGBBlue)
	case 1:
		return rgb(RGBYellow)
	case 2:
		return rgb(RGBOrange)
	case 3:
		return rgb(RGBRed)
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
