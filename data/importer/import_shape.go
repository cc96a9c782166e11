package importer

import (
	"fmt"
	"math"

	"github.com/twpayne/go-geom"
)

// checkShape refuses geometries PostGIS would reject or that make no sense
// for the layer: wrong family, empty, lines without two distinct points,
// unclosed or too short rings, coordinates outside lon/lat ranges (when
// lonLat).
func checkShape(g geom.T, layer Layer, lonLat bool) string {
	want := layer.Geom
	if g.Empty() {
		return "empty geometry"
	}
	if family(g)&want == 0 {
		return fmt.Sprintf("%s geometry where layer %s takes %s", typeName(g), layer.Name, kindNames(want))
	}
	for _, c := range g.FlatCoords() {
		if math.IsNaN(c) || math.IsInf(c, 0) {
			return "geometry has a non-finite coordinate"
		}
	}
	b := g.Bounds()
	if lonLat && (b.Min(0) < -180 || b.Max(0) > 180 || b.Min(1) < -90 || b.Max(1) > 90) {
		return "coordinates outside longitude/latitude ranges (wrong CRS? pass --srid)"
	}
	switch t := g.(type) {
	case *geom.LineString:
		return checkLine(t)
	case *geom.MultiLineString:
		for i := 0; i < t.NumLineStrings(); i++ {
			if r := checkLine(t.LineString(i)); r != "" {
				return fmt.Sprintf("part %d: %s", i, r)
			}
		}
	case *geom.Polygon:
		return checkPolygon(t)
	case *geom.MultiPolygon:
		for i := 0; i < t.NumPolygons(); i++ {
			if r := checkPolygon(t.Polygon(i)); r != "" {
				return fmt.Sprintf("part %d: %s", i, r)
			}
		}
	}
	return ""
}

func checkLine(l *geom.LineString) string {
	n := l.NumCoords()
	if n < 2 {
		return fmt.Sprintf("line with %d point (needs at least 2)", n)
	}
	first := l.Coord(0)
	for i := 1; i < n; i++ {
		if !l.Coord(i).Equal(geom.XY, first) {
			return ""
		}
	}
	return "line of zero length (all points equal)"
}

func checkPolygon(p *geom.Polygon) string {
	if p.NumLinearRings() == 0 {
		return "polygon without rings"
	}
	for i := 0; i < p.NumLinearRings(); i++ {
		r := p.LinearRing(i)
		n := r.NumCoords()
		if n < 4 {
			return fmt.Sprintf("ring %d has %d points (needs at least 4)", i, n)
		}
		if !r.Coord(0).Equal(geom.XY, r.Coord(n-1)) {
			return fmt.Sprintf("ring %d is not closed", i)
		}
	}
	return ""
}

func family(g geom.T) GeomKind {
	switch g.(type) {
	case *geom.LineString, *geom.MultiLineString:
		return Lines
	case *geom.Polygon, *geom.MultiPolygon:
		return Polygons
	case *geom.Point, *geom.MultiPoint:
		return Points
	}
	return 0
}

func typeName(g geom.T) string {
	switch g.(type) {
	case *geom.Point:
		return "Point"
	case *geom.MultiPoint:
		return "MultiPoint"
	case *geom.LineString:
		return "LineString"
	case *geom.MultiLineString:
		return "MultiLineString"
	case *geom.Polygon:
		return "Polygon"
	case *geom.MultiPolygon:
		return "MultiPolygon"
	}
	return "GeometryCollection"
}

func kindNames(k GeomKind) string {
	var s []string
	if k&Lines != 0 {
		s = append(s, "(Multi)LineString")
	}
	if k&Polygons != 0 {
		s = append(s, "(Multi)Polygon")
	}
	if k&Points != 0 {
		s = append(s, "Point")
	}
	if len(s) == 2 {
		return s[0] + " or " + s[1]
	}
	return s[0]
}
