package tiles

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"gasrisk/paint"
)

// A small Mapbox Vector Tile 2.1 decoder: enough to draw raster tiles from
// the vector tiles the Source builds, strict about malformed input (it
// returns an error, never panics, never over-allocates).

// GeomType is an MVT feature's geometry type.
type GeomType int

// MVT geometry types.
const (
	GeomUnknown GeomType = iota
	GeomPoint
	GeomLine
	GeomPolygon
)

// vtLayer is one decoded layer.
type vtLayer struct {
	Version  uint32
	Name     string
	Extent   uint32
	Keys     []string
	Values   []any // string, float32, float64, int64, uint64, bool
	Features []vtFeature
}

// vtFeature is one decoded feature with its raw tags and command stream.
type vtFeature struct {
	ID       uint64
	HasID    bool
	Type     GeomType
	Tags     []uint32
	Geometry []uint32
}

// point is a vertex in tile units (scaled to pixels before drawing).
type point = paint.Point

var errTruncated = errors.New("mvt: truncated message")

// pbuf reads protobuf wire format.
type pbuf struct {
	b []byte
	i int
}

func (p *pbuf) done() bool { return p.i >= len(p.b) }

func (p *pbuf) varint() (uint64, error) {
	v, n := binary.Uvarint(p.b[p.i:])
	if n <= 0 {
		return 0, errTruncated
	}
	p.i += n
	return v, nil
}

// field reads a tag and returns the field number and wire type.
func (p *pbuf) field() (num int, wire int, err error) {
	t, err := p.varint()
	if err != nil {
		return 0, 0, err
	}
	if t>>3 == 0 || t>>3 > math.MaxInt32 {
		return 0, 0, fmt.Errorf("mvt: bad field number %d", t>>3)
	}
	return int(t >> 3), int(t & 7), nil
}

func (p *pbuf) bytes() ([]byte, error) {
	n, err := p.varint()
	if err != nil {
		return nil, err
	}
	if n > uint64(len(p.b)-p.i) {
		return nil, errTruncated
	}
	b := p.b[p.i : p.i+int(n)]
	p.i += int(n)
	return b, nil
}

// skip passes over a field of the given wire type.
func (p *pbuf) skip(wire int) error {
	switch wire {
	case 0:
		_, err := p.varint()
		return err
	case 1, 5:
		n := 8
		if wire == 5 {
			n = 4
		}
		if len(p.b)-p.i < n {
			return errTruncated
		}
		p.i += n
		return nil
	case 2:
		_, err := p.bytes()
		return err
	}
	return fmt.Errorf("mvt: unsupported wire type %d", wire)
}

// expect checks that a field has the wire type the schema gives it.
func expect(num, wire, want int) error {
	if wire != want {
		return fmt.Errorf("mvt: field %d has wire type %d, want %d", num, wire, want)
	}
	return nil
}

// decodeMVT decodes a (not gzipped) vector tile.
func decodeMVT(b []byte) ([]vtLayer, error) {
	p := pbuf{b: b}
	var layers []vtLayer
	for !p.done() {
		num, wire, err := p.field()
		if err != nil {
			return nil, err
		}
		if num != 3 {
			if err := p.skip(wire); err != nil {
				return nil, err
			}
			continue
		}
		if err := expect(num, wire, 2); err != nil {
			return nil, err
		}
		lb, err := p.bytes()
		if err != nil {
			return nil, err
		}
		l, err := decodeLayer(lb)
		if err != nil {
			return nil, err
		}
		layers = append(layers, l)
	}
	return layers, nil
}

func decodeLayer(b []byte) (vtLayer, error) {
	l := vtLayer{Version: 1, Extent: 4096}
	p := pbuf{b: b}
	hasName := false
	for !p.done() {
		num, wire, err := p.field()
		if err != nil {
			return l, err
		}
		switch num {
		case 15, 5: // version, extent
			if err := expect(num, wire, 0); err != nil {
				return l, err
			}
			v, err := p.varint()
			if err != nil {
				return l, err
			}
			if v > math.MaxUint32 {
				return l, fmt.Errorf("mvt: field %d value %d too large", num, v)
			}
			if num == 15 {
				l.Version = uint32(v)
			} else {
				l.Extent = uint32(v)
			}
		case 1, 3: // name, keys
			if err := expect(num, wire, 2); err != nil {
				return l, err
			}
			s, err := p.bytes()
			if err != nil {
				return l, err
			}
			if num == 1 {
				l.Name, hasName = string(s), true
			} else {
				l.Keys = append(l.Keys, string(s))
			}
		case 2, 4: // features, values
			if err := expect(num, wire, 2); err != nil {
				return l, err
			}
			mb, err := p.bytes()
			if err != nil {
				return l, err
			}
			if num == 2 {
				f, err := decodeFeature(mb)
				if err != nil {
					return l, err
				}
				l.Features = append(l.Features, f)
			} else {
				v, err := decodeValue(mb)
				if err != nil {
					return l, err
				}
				l.Values = append(l.Values, v)
			}
		default:
			if err := p.skip(wire); err != nil {
				return l, err
			}
		}
	}
	if !hasName {
		return l, errors.New("mvt: layer without a name")
	}
	if l.Version < 1 || l.Version > 2 {
		return l, fmt.Errorf("mvt: layer %q has unknown version %d", l.Name, l.Version)
	}
	if l.Extent == 0 {
		return l, fmt.Errorf("mvt: layer %q has extent 0", l.Name)
	}
	for _, f := range l.Features {
		if len(f.Tags)%2 != 0 {
			return l, fmt.Errorf("mvt: layer %q: feature %d has an odd number of tags", l.Name, f.ID)
		}
		for i := 0; i < len(f.Tags); i += 2 {
			if int(f.Tags[i]) >= len(l.Keys) || int(f.Tags[i+1]) >= len(l.Values) {
				return l, fmt.Errorf("mvt: layer %q: feature %d has a tag outside the key/value tables", l.Name, f.ID)
			}
		}
	}
	return l, nil
}

func decodeFeature(b []byte) (vtFeature, error) {
	var f vtFeature
	p := pbuf{b: b}
	hasGeom := false
	for !p.done() {
		num, wire, err := p.field()
		if err != nil {
			return f, err
		}
		switch num {
		case 1, 3:
			if err := expect(num, wire, 0); err != nil {
				return f, err
			}
			v, err := p.varint()
			if err != nil {
				return f, err
			}
			if num == 1 {
				f.ID, f.HasID = v, true
			} else {
				if v > uint64(GeomPolygon) {
					return f, fmt.Errorf("mvt: unknown geometry type %d", v)
				}
				f.Type = GeomType(v)
			}
		case 2, 4:
			var dst *[]uint32
			if num == 2 {
				dst = &f.Tags
			} else {
				if hasGeom {
					return f, errors.New("mvt: feature has two geometry fields")
				}
				hasGeom, dst = true, &f.Geometry
			}
			if err := packed(&p, wire, dst); err != nil {
				return f, err
			}
		default:
			if err := p.skip(wire); err != nil {
				return f, err
			}
		}
	}
	if !hasGeom {
		return f, errors.New("mvt: feature without geometry")
	}
	return f, nil
}

// packed reads a packed (or, tolerated, unpacked) repeated uint32.
func packed(p *pbuf, wire int, dst *[]uint32) error {
	read := func(q *pbuf) error {
		v, err := q.varint()
		if err != nil {
			return err
		}
		if v > math.MaxUint32 {
			return fmt.Errorf("mvt: value %d exceeds uint32", v)
		}
		*dst = append(*dst, uint32(v))
		return nil
	}
	if wire == 0 {
		return read(p)
	}
	if err := expect(0, wire, 2); err != nil {
		return err
	}
	b, err := p.bytes()
	if err != nil {
		return err
	}
	q := pbuf{b: b}
	for !q.done() {
		if err := read(&q); err != nil {
			return err
		}
	}
	return nil
}

func decodeValue(b []byte) (any, error) {
	p := pbuf{b: b}
	var v any
	n := 0
	for !p.done() {
		num, wire, err := p.field()
		if err != nil {
			return nil, err
		}
		if num < 1 || num > 7 {
			if err := p.skip(wire); err != nil {
				return nil, err
			}
			continue
		}
		if err := expect(num, wire, valueWire(num)); err != nil {
			return nil, err
		}
		n++
		switch num {
		case 1:
			s, err := p.bytes()
			if err != nil {
				return nil, err
			}
			v = string(s)
		case 2:
			if len(p.b)-p.i < 4 {
				return nil, errTruncated
			}
			v = math.Float32frombits(binary.LittleEndian.Uint32(p.b[p.i:]))
			p.i += 4
		case 3:
			if len(p.b)-p.i < 8 {
				return nil, errTruncated
			}
			v = math.Float64frombits(binary.LittleEndian.Uint64(p.b[p.i:]))
			p.i += 8
		default:
			u, err := p.varint()
			if err != nil {
				return nil, err
			}
			switch num {
			case 4:
				v = int64(u)
			case 5:
				v = u
			case 6:
				v = int64(u>>1) ^ -int64(u&1)
			case 7:
				v = u != 0
			}
		}
	}
	if n != 1 {
		return nil, fmt.Errorf("mvt: value has %d fields, want exactly one", n)
	}
	return v, nil
}

// valueWire is the wire type of Value field num (1–7).
func valueWire(num int) int {
	switch num {
	case 1:
		return 2 // string
	case 2:
		return 5 // float
	case 3:
		return 1 // double
	}
	return 0 // varints
}

// properties returns the feature's tags as a map.
func (l *vtLayer) properties(f *vtFeature) map[string]any {
	m := make(map[string]any, len(f.Tags)/2)
	for i := 0; i+1 < len(f.Tags); i += 2 {
		m[l.Keys[f.Tags[i]]] = l.Values[f.Tags[i+1]]
	}
	return m
}

// property returns one tag's value, or nil.
func (l *vtLayer) property(f *vtFeature, name string) any {
	for i := 0; i+1 < len(f.Tags); i += 2 {
		if l.Keys[f.Tags[i]] == name {
			return l.Values[f.Tags[i+1]]
		}
	}
	return nil
}

// Geometry commands.
const (
	cmdMoveTo    = 1
	cmdLineTo    = 2
	cmdClosePath = 7
)

// parts decodes a feature's command stream into its parts in tile units:
// the points of a (multi)point, the lines of a (multi)linestring or the
// rings of a polygon (closed: the first vertex repeated at the end). Ring
// orientation is kept, so exterior rings and holes fill correctly under
// the non-zero rule.
func (f *vtFeature) parts() ([][]point, error) {
	if f.Type == GeomUnknown {
		return nil, errors.New("mvt: feature of unknown geometry type")
	}
	var out [][]point
	var cur []point
	var x, y int64
	g := f.Geometry
	for i := 0; i < len(g); {
		cmd, count := g[i]&7, int(g[i]>>3)
		i++
		switch cmd {
		case cmdMoveTo, cmdLineTo:
			if count == 0 || count > (len(g)-i)/2 {
				return nil, fmt.Errorf("mvt: command %d count %d exceeds the remaining %d parameters", cmd, count, len(g)-i)
			}
			if cmd == cmdMoveTo && f.Type != GeomPoint && count != 1 {
				return nil, fmt.Errorf("mvt: MoveTo count %d in a non-point geometry", count)
			}
			if cmd == cmdLineTo && (f.Type == GeomPoint || len(cur) == 0) {
				return nil, errors.New("mvt: LineTo without a preceding MoveTo")
			}
			for k := 0; k < count; k++ {
				x += zigzag(g[i])
				y += zigzag(g[i+1])
				i += 2
				if cmd == cmdMoveTo && f.Type != GeomPoint && len(cur) > 0 {
					if f.Type == GeomPolygon {
						return nil, errors.New("mvt: polygon ring without ClosePath")
					}
					out = append(out, cur)
					cur = nil
				}
				cur = append(cur, point{X: float64(x), Y: float64(y)})
			}
		case cmdClosePath:
			if f.Type != GeomPolygon || count != 1 || len(cur) < 3 {
				return nil, fmt.Errorf("mvt: bad ClosePath (count %d, %d vertices, type %d)", count, len(cur), f.Type)
			}
			out = append(out, append(cur, cur[0]))
			cur = nil
		default:
			return nil, fmt.Errorf("mvt: unknown command %d", cmd)
		}
	}
	if f.Type == GeomPolygon && len(cur) > 0 {
		return nil, errors.New("mvt: polygon ring without ClosePath")
	}
	if len(cur) > 0 {
		if f.Type == GeomPoint {
			for _, p := range cur {
				out = append(out, []point{p})
			}
		} else {
			out = append(out, cur)
		}
	}
	return out, nil
}

func zigzag(v uint32) int64 { return int64(v>>1) ^ -int64(v&1) }
