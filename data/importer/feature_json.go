package importer

import (
	"errors"
	"fmt"
	"math"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/twpayne/go-geom"
)

// A feature's text is decoded in one pass by the JSON v2 decoder
// (github.com/go-json-experiment/json, what encoding/json/v2 will be),
// geometry included: encoding/json first checked the whole text, then
// decoded it, and go-geom's GeoJSON decoder then read the geometry twice
// more and its coordinates twice again — most of the import's CPU.

// featureJSON makes the v2 decoder as lenient as encoding/json is: member
// names match in any case, a repeated member keeps its last value and
// invalid UTF-8 reads as U+FFFD.
func featureJSON() json.Options {
	return json.JoinOptions(json.MatchCaseInsensitiveNames(true),
		jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))
}

// geometryJSON is a GeoJSON geometry as read: its type, and its positions
// however deeply nested, or its members for a GeometryCollection.
type geometryJSON struct {
	Type        string         `json:"type"`
	Coordinates *positions     `json:"coordinates"`
	Geometries  []geometryJSON `json:"geometries"`
}

// positions are GeoJSON coordinates read in one pass: the numbers in
// order, how many each position has, and where each array of positions
// (and each array of those) ends, as go-geom's flat constructors take them.
// Coordinates that are valid JSON but not positions leave err set, not
// the feature unreadable: the refusal can name the feature's id.
type positions struct {
	err   error
	flat  []float64
	dim   int // numbers in a position: 0 none read, -1 positions of different sizes
	depth int // nesting of arrays: 1 a position, 2 a line, 3 a polygon, 4 a multipolygon
	// ends[k] are the ends (in flat) of the arrays k+2 deep from the
	// innermost: ends[0] those of the lines or rings, ends[1] those of the
	// polygons (each end the number of rings before it).
	ends [2][]int
}

// notPositions is the refusal of coordinates that are not arrays of numbers.
func notPositions() error { return bad("coordinates are not arrays of numbers") }

// UnmarshalJSONFrom reads the coordinates member.
func (p *positions) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	start := dec.StackDepth()
	depth, err := p.read(dec, 0)
	var bp *badPositions
	if !errors.As(err, &bp) {
		p.depth = depth
		return err // nil, or the text is not JSON
	}
	p.err = bp.err
	if dec.StackDepth() == start { // the value is not an array: not read yet
		return dec.SkipValue()
	}
	for dec.StackDepth() > start { // the rest of the array
		if _, err := dec.ReadToken(); err != nil {
			return err
		}
	}
	return nil
}

// badPositions is JSON that is not GeoJSON positions.
type badPositions struct{ err error }

func (b *badPositions) Error() string { return b.err.Error() }

func bad(format string, args ...any) error { return &badPositions{fmt.Errorf(format, args...)} }

// read reads one array at nesting level and returns the depth of the
// arrays it holds (1 for a position).
func (p *positions) read(dec *jsontext.Decoder, level int) (int, error) {
	if level > 3 {
		return 0, bad("coordinates nested deeper than a MultiPolygon's")
	}
	if dec.PeekKind() != '[' {
		return 0, notPositions()
	}
	if _, err := dec.ReadToken(); err != nil {
		return 0, err
	}
	if dec.PeekKind() == ']' { // [] is an empty geometry; nested, a mistake
		if level > 0 {
			return 0, bad("empty array inside coordinates")
		}
		return 0, p.close(dec)
	}
	if dec.PeekKind() == '0' { // a position
		n := 0
		for dec.PeekKind() == '0' {
			t, err := dec.ReadToken()
			if err != nil {
				return 0, err
			}
			v := t.Float() // saturates: beyond ±MaxFloat64 reads as it
			if math.Abs(v) == math.MaxFloat64 {
				return 0, bad("number %s out of range", clip(t.String()))
			}
			p.flat = append(p.flat, v)
			n++
		}
		if p.dim == 0 {
			p.dim = n
		} else if p.dim != n {
			p.dim = -1
		}
		return 1, p.close(dec)
	}
	inner := 0
	for dec.PeekKind() == '[' {
		d, err := p.read(dec, level+1)
		if err != nil {
			return 0, err
		}
		if inner != 0 && d != inner {
			return 0, bad("coordinates nested unevenly")
		}
		inner = d
		switch d {
		case 1: // a line's or ring's position: its end is recorded by the caller
		case 2:
			p.ends[0] = append(p.ends[0], len(p.flat))
		case 3:
			p.ends[1] = append(p.ends[1], len(p.ends[0]))
		}
	}
	return inner + 1, p.close(dec)
}

// close reads the ']' that ends an array.
func (p *positions) close(dec *jsontext.Decoder) error {
	if dec.PeekKind() != ']' {
		return notPositions()
	}
	_, err := dec.ReadToken()
	return err
}

// depth is how deep a type's coordinates nest (0: not a type with
// coordinates).
func depth(geomType string) int {
	switch geomType {
	case "Point":
		return 1
	case "LineString", "MultiPoint":
		return 2
	case "Polygon", "MultiLineString":
		return 3
	case "MultiPolygon":
		return 4
	}
	return 0
}

// layout is the layout of positions of dim numbers.
func layout(dim int) geom.Layout {
	switch dim {
	case 2:
		return geom.XY
	case 3:
		return geom.XYZ
	case 4:
		return geom.XYZM
	}
	return geom.NoLayout
}

// decode builds the geometry.
func (g *geometryJSON) decode() (geom.T, error) {
	if g.Type == "GeometryCollection" {
		c := geom.NewGeometryCollection()
		for i := range g.Geometries {
			m, err := g.Geometries[i].decode()
			if err != nil {
				return nil, err
			}
			if err := c.Push(m); err != nil {
				return nil, err
			}
		}
		return c, nil
	}
	want := depth(g.Type)
	if want == 0 {
		return nil, fmt.Errorf("unknown geometry type %q", clip(g.Type))
	}
	p := g.Coordinates
	if p != nil && p.err != nil {
		return nil, p.err
	}
	if p == nil || p.depth == 0 {
		return emptyGeometry(g.Type), nil
	}
	if p.depth != want {
		return nil, fmt.Errorf("%s coordinates nested %d deep, want %d", g.Type, p.depth, want)
	}
	layout := layout(p.dim)
	if layout == geom.NoLayout {
		return nil, fmt.Errorf("positions of %s numbers (want 2, 3 or 4, all alike)", dimName(p.dim))
	}
	switch g.Type {
	case "Point":
		return geom.NewPointFlat(layout, p.flat), nil
	case "LineString":
		return geom.NewLineStringFlat(layout, p.flat), nil
	case "MultiPoint":
		return geom.NewMultiPointFlat(layout, p.flat), nil
	case "Polygon":
		return geom.NewPolygonFlat(layout, p.flat, p.ends[0]), nil
	case "MultiLineString":
		return geom.NewMultiLineStringFlat(layout, p.flat, p.ends[0]), nil
	}
	endss := make([][]int, len(p.ends[1]))
	start := 0
	for i, n := range p.ends[1] {
		endss[i] = p.ends[0][start:n:n]
		start = n
	}
	return geom.NewMultiPolygonFlat(layout, p.flat, endss), nil
}

func dimName(d int) string {
	if d < 0 {
		return "different numbers of"
	}
	return fmt.Sprint(d)
}

// emptyGeometry is the empty geometry of a type.
func emptyGeometry(t string) geom.T {
	switch t {
	case "Point":
		return geom.NewPointEmpty(geom.XY)
	case "LineString":
		return geom.NewLineString(geom.XY)
	case "MultiPoint":
		return geom.NewMultiPoint(geom.XY)
	case "Polygon":
		return geom.NewPolygon(geom.XY)
	case "MultiLineString":
		return geom.NewMultiLineString(geom.XY)
	}
	return geom.NewMultiPolygon(geom.XY)
}
