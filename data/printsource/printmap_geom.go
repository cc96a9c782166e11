package printsource

import (
	"github.com/twpayne/go-geom"
	"github.com/twpayne/go-geom/encoding/wkb"

	"gasrisk/printmap"
)

// printLines decodes the lines of a (Multi)LineString in WKB; other
// geometries give none.
func printLines(b []byte) [][]printmap.XY {
	g, err := wkb.Unmarshal(b)
	if err != nil {
		return nil
	}
	switch t := g.(type) {
	case *geom.LineString:
		return [][]printmap.XY{printXYs(t.FlatCoords(), t.Stride())}
	case *geom.MultiLineString:
		var out [][]printmap.XY
		for i := 0; i < t.NumLineStrings(); i++ {
			l := t.LineString(i)
			out = append(out, printXYs(l.FlatCoords(), l.Stride()))
		}
		return out
	}
	return nil
}

// printRings decodes the outer rings of a (Multi)Polygon in WKB.
func printRings(b []byte) []printmap.Polygon {
	g, err := wkb.Unmarshal(b)
	if err != nil {
		return nil
	}
	var polys []*geom.Polygon
	switch t := g.(type) {
	case *geom.Polygon:
		polys = append(polys, t)
	case *geom.MultiPolygon:
		for i := 0; i < t.NumPolygons(); i++ {
			polys = append(polys, t.Polygon(i))
		}
	}
	var out []printmap.Polygon
	for _, p := range polys {
		if p.NumLinearRings() > 0 {
			r := p.LinearRing(0)
			out = append(out, printmap.Polygon(printXYs(r.FlatCoords(), r.Stride())))
		}
	}
	return out
}

// printXYs turns flat coordinates into points.
func printXYs(flat []float64, stride int) []printmap.XY {
	out := make([]printmap.XY, 0, len(flat)/stride)
	for i := 0; i+1 < len(flat); i += stride {
		out = append(out, printmap.XY{flat[i], flat[i+1]})
	}
	return out
}
