package printmap

import (
	"math"
	"time"
)

// XY is a point in the map's metric CRS (metres, x east, y north).
type XY [2]float64

// Rect is an extent in the map's CRS.
type Rect struct{ MinX, MinY, MaxX, MaxY float64 }

// Dx and Dy are the extent's width and height in metres.
func (r Rect) Dx() float64 { return r.MaxX - r.MinX }

// Dy is the extent's height in metres.
func (r Rect) Dy() float64 { return r.MaxY - r.MinY }

// Fit grows r about its centre to the aspect ratio of w × h pixels, plus
// a margin (a fraction of each side), so that it fills the frame.
func (r Rect) Fit(w, h int, margin float64) Rect {
	cx, cy := (r.MinX+r.MaxX)/2, (r.MinY+r.MaxY)/2
	dx, dy := math.Max(r.Dx(), 1)*(1+2*margin), math.Max(r.Dy(), 1)*(1+2*margin)
	if aspect := float64(w) / float64(h); dx/dy < aspect {
		dx = dy * aspect
	} else {
		dy = dx / aspect
	}
	return Rect{cx - dx/2, cy - dy/2, cx + dx/2, cy + dy/2}
}

// Line is a pipe segment in its grade's colour.
type Line struct {
	Grade  string // red, orange, yellow or blue
	Points []XY
}

// Marker is a hazard of the ledger (the caller picks which to draw).
type Marker struct {
	At     XY
	Grade  string
	Listed bool // under listed supervision (挂牌督办)
}

// Polygon is a district: an outer ring (holes are not drawn).
type Polygon []XY

// Map is everything one printed map shows.
type Map struct {
	Page Page
	Lang string // "zh" (default) or "en"
	// Area names what is shown: a district's name, or "" for a bounding
	// box or the whole network.
	Area    string
	RunID   int64
	AsOf    string    // the run's as-of date
	Printed time.Time // the date printed on the map
	SRID    int       // the metric CRS of the coordinates
	// Bounds is the extent to show; Render fits it to the frame.
	Bounds    Rect
	Districts []Polygon // outlines for orientation
	Highlight []Polygon // the district shown, outlined boldly
	Lines     []Line
	Hazards   []Marker
	// Km is the length shown per grade, for the legend.
	Km map[string]float64
	// Hazard counts for the legend: the hazards drawn (red and orange ones
	// not closed) and the listed ones among them.
	OpenHazards, ListedHazards int
}
