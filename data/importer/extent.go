package importer

import (
	"fmt"
	"math"

	"github.com/twpayne/go-geom"
)

// extent is a bounding box of coordinates; the zero value is empty.
type extent struct {
	MinX, MinY, MaxX, MaxY float64
	ok                     bool
}

// add grows the extent over a geometry's finite coordinates.
func (e *extent) add(g geom.T) {
	flat, stride := g.FlatCoords(), g.Stride()
	for i := 0; i+1 < len(flat); i += stride {
		x, y := flat[i], flat[i+1]
		if math.IsNaN(x) || math.IsInf(x, 0) || math.IsNaN(y) || math.IsInf(y, 0) {
			continue
		}
		e.addXY(x, y)
	}
}

func (e *extent) addXY(x, y float64) {
	if !e.ok {
		*e = extent{x, y, x, y, true}
		return
	}
	e.MinX, e.MinY = min(e.MinX, x), min(e.MinY, y)
	e.MaxX, e.MaxY = max(e.MaxX, x), max(e.MaxY, y)
}

// merge grows the extent over another.
func (e *extent) merge(o extent) {
	if o.ok {
		e.addXY(o.MinX, o.MinY)
		e.addXY(o.MaxX, o.MaxY)
	}
}

// within reports whether the extent lies inside the box (with a margin).
func (e extent) within(o extent, margin float64) bool {
	return e.MinX >= o.MinX-margin && e.MaxX <= o.MaxX+margin && e.MinY >= o.MinY-margin && e.MaxY <= o.MaxY+margin
}

// centre is the middle of the extent.
func (e extent) centre() (float64, float64) { return (e.MinX + e.MaxX) / 2, (e.MinY + e.MaxY) / 2 }

// String writes the extent as (minx miny, maxx maxy), rounded.
func (e extent) String() string {
	if !e.ok {
		return "(empty)"
	}
	return fmt.Sprintf("(%s %s, %s %s)", num(e.MinX), num(e.MinY), num(e.MaxX), num(e.MaxY))
}

func num(v float64) string {
	if math.Abs(v) >= 1000 {
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.4f", v)
}

// lonLatBox is the range of longitudes and latitudes.
var lonLatBox = extent{-180, -90, 180, 90, true}

// clip cuts a value quoted in a message to 80 characters.
func clip(s string) string {
	n := 0
	for i := range s {
		if n == 80 {
			return s[:i] + "…"
		}
		n++
	}
	return s
}
