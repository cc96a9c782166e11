package web

import (
	"encoding/json"
	"errors"
	"gasrisk/permit"
	"io"
	"math"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"gasrisk"
)

// PermitLimits bound what one permit request may hold.
type PermitLimits struct {
	MaxBodyBytes int64 // request body size (default 256 KiB)
	MaxVertices  int   // positions in the work geometry (default 5000)
}

// withDefaults fills unset limits.
func (l PermitLimits) withDefaults() PermitLimits {
	if l.MaxBodyBytes <= 0 {
		l.MaxBodyBytes = 256 << 10
	}
	if l.MaxVertices <= 0 {
		l.MaxVertices = 5000
	}
	return l
}

// permitBody is the JSON of POST /api/v1/permits/check; pointers tell
// absent fields from zero values.
type permitBody struct {
	Geometry  json.RawMessage `json:"geometry"`
	WorkKind  *string         `json:"work_kind"`
	DepthM    *float64        `json:"depth_m"`
	Start     *string         `json:"start"`
	End       *string         `json:"end"`
	Applicant *string         `json:"applicant"`
}

// DecodePermitRequest reads one permit request: a JSON object with a
// GeoJSON Polygon, LineString or Point (EPSG:4326; a Feature holding one
// is accepted too), work_kind, depth_m, start and end dates and applicant.
// Malformed JSON, wrong types, unknown or missing fields → EINVALID;
// impossible values (coordinates outside WGS84, open rings, end before
// start) → EUNPROCESSABLE; a body or geometry over the limits → ETOOLARGE.
func DecodePermitRequest(r io.Reader, lim PermitLimits) (permit.Request, error) {
	lim = lim.withDefaults()
	var b permitBody
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&b); err != nil {
		return permit.Request{}, jsonError(err)
	}
	if err := dec.Decode(&struct{}{}); err != io.EOF {
		if err == nil || !errors.As(err, new(*http.MaxBytesError)) {
			err = gasrisk.Errorf(gasrisk.EINVALID, "unexpected data after the JSON object")
		}
		return permit.Request{}, jsonError(err)
	}
	if err := b.required(); err != nil {
		return permit.Request{}, err
	}
	geom, err := decodeWorkGeometry(b.Geometry, lim.MaxVertices)
	if err != nil {
		return permit.Request{}, err
	}
	req := permit.Request{Geometry: geom, WorkKind: *b.WorkKind, DepthM: *b.DepthM, Applicant: *b.Applicant}
	if req.Start, err = permitDate("start", *b.Start); err != nil {
		return permit.Request{}, err
	}
	if req.End, err = permitDate("end", *b.End); err != nil {
		return permit.Request{}, err
	}
	return req, req.Validate()
}

// required refuses a body with a missing field.
func (b permitBody) required() error {
	var missing []string
	for name, absent := range map[string]bool{"geometry": len(b.Geometry) == 0 || string(b.Geometry) == "null",
		"work_kind": b.WorkKind == nil, "depth_m": b.DepthM == nil, "start": b.Start == nil, "end": b.End == nil,
		"applicant": b.Applicant == nil} {
		if absent {
			missing = append(missing, name)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	slices.Sort(missing)
	return gasrisk.Errorf(gasrisk.EINVALID, "missing field(s): %s", strings.Join(missing, ", "))
}

// permitDate takes YYYY-MM-DD, or an RFC 3339 timestamp whose date counts.
func permitDate(field, s string) (string, error) {
	if _, err := time.Parse(time.DateOnly, s); err == nil {
		return s, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.Format(time.DateOnly), nil
	}
	return "", gasrisk.Errorf(gasrisk.EINVALID, "%s %q: want a date YYYY-MM-DD", field, s)
}

// jsonError turns a decoding error into a user error naming the problem.
func jsonError(err error) error {
	var tooBig *http.MaxBytesError
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var ge *gasrisk.Error
	if berr := bodyError(err); berr != nil {
		return berr
	}
	switch {
	case errors.As(err, &ge):
		return err
	case errors.As(err, &tooBig):
		return gasrisk.Errorf(gasrisk.ETOOLARGE, "request body exceeds %d bytes", tooBig.Limit)
	case errors.Is(err, io.EOF):
		return gasrisk.Errorf(gasrisk.EINVALID, "empty request body: want a JSON object")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return gasrisk.Errorf(gasrisk.EINVALID, "truncated JSON: the body ends inside a value")
	case errors.As(err, &syn):
		return gasrisk.Errorf(gasrisk.EINVALID, "invalid JSON at byte %d: %v", syn.Offset, syn)
	case errors.As(err, &typ):
		if typ.Field == "" {
			return gasrisk.Errorf(gasrisk.EINVALID, "want a JSON object, got %s", typ.Value)
		}
		return gasrisk.Errorf(gasrisk.EINVALID, "field %q: want %s, got JSON %s", typ.Field, jsonKind(typ.Type.Kind().String()), typ.Value)
	case strings.HasPrefix(err.Error(), "json: unknown field"):
		return gasrisk.Errorf(gasrisk.EINVALID, "%s", strings.TrimPrefix(err.Error(), "json: "))
	}
	return gasrisk.Errorf(gasrisk.EINVALID, "invalid JSON: %v", err)
}

// jsonKind names a Go kind the way a JSON user thinks of it.
func jsonKind(k string) string {
	switch k {
	case "float64", "int", "int64":
		return "a number"
	case "string", "ptr":
		return "a string"
	case "slice":
		return "an array"
	}
	return k
}

// decodeWorkGeometry checks a GeoJSON Polygon, LineString or Point (or a
// Feature with one) and returns it normalised (2D, no foreign members).
func decodeWorkGeometry(raw json.RawMessage, maxVertices int) (json.RawMessage, error) {
	var g struct {
		Type        string          `json:"type"`
		Coordinates json.RawMessage `json:"coordinates"`
		Geometry    json.RawMessage `json:"geometry"`
	}
	if err := json.Unmarshal(raw, &g); err != nil {
		return nil, gasrisk.Errorf(gasrisk.EINVALID, "geometry: want a GeoJSON geometry object")
	}
	if g.Type == "Feature" {
		if len(g.Geometry) == 0 || string(g.Geometry) == "null" {
			return nil, gasrisk.Errorf(gasrisk.EINVALID, "geometry: the Feature has no geometry")
		}
		return decodeWorkGeometry(g.Geometry, maxVertices)
	}
	og, err := workCoordinates(g.Type, g.Coordinates, maxVertices)
	if err != nil {
		return nil, err
	}
	return geojson.NewGeometry(og).MarshalJSON()
}

// workCoordinates decodes and checks the coordinates of a geometry type.
func workCoordinates(typ string, raw json.RawMessage, maxVertices int) (orb.Geometry, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, gasrisk.Errorf(gasrisk.EINVALID, "geometry: missing coordinates")
	}
	var c positions
	switch typ {
	case "Point":
		var p []float64
		if err := unmarshalCoords(raw, &p); err != nil {
			return nil, err
		}
		pt, err := c.point(p)
		return pt, err
	case "LineString":
		var ps [][]float64
		if err := unmarshalCoords(raw, &ps); err != nil {
			return nil, err
		}
		ls, err := c.line(ps, maxVertices)
		if err == nil && zeroLength(ls) {
			err = gasrisk.Errorf(gasrisk.EUNPROCESSABLE, "geometry: degenerate line (zero length)")
		}
		return ls, err
	case "Polygon":
		var rs [][][]float64
		if err := unmarshalCoords(raw, &rs); err != nil {
			return nil, err
		}
		return c.polygon(rs, maxVertices)
	}
	return nil, gasrisk.Errorf(gasrisk.EINVALID, "geometry type %q: want Polygon, LineString or Point", typ)
}

func unmarshalCoords(raw json.RawMessage, v any) error {
	if err := json.Unmarshal(raw, v); err != nil {
		return gasrisk.Errorf(gasrisk.EINVALID, "geometry: coordinates are not nested arrays of numbers of the geometry's type")
	}
	return nil
}

// zeroLength reports whether every position of a line is the same place
// on the Earth: equal, or both at the same pole (where longitude does
// not matter), or on the antimeridian at -180 and 180.
func zeroLength(ls orb.LineString) bool {
	for _, p := range ls[1:] {
		if !samePlace(ls[0], p) {
			return false
		}
	}
	return true
}

func samePlace(a, b orb.Point) bool {
	if a[1] != b[1] {
		return false
	}
	return math.Abs(a[1]) == 90 || a[0] == b[0] || math.Abs(a[0]) == 180 && math.Abs(b[0]) == 180
}

// positions checks positions and counts them.
type positions struct{ n int }

func (c *positions) point(p []float64) (orb.Point, error) {
	c.n++
	if len(p) != 2 && len(p) != 3 {
		return orb.Point{}, gasrisk.Errorf(gasrisk.EINVALID, "geometry: a position has %d numbers, want 2 (lon, lat) or 3", len(p))
	}
	lon, lat := p[0], p[1]
	if math.IsNaN(lon) || math.IsNaN(lat) || lon < -180 || lon > 180 || lat < -90 || lat > 90 {
		return orb.Point{}, gasrisk.Errorf(gasrisk.EUNPROCESSABLE,
			"geometry: position [%v, %v] is outside WGS84 (lon -180..180, lat -90..90; EPSG:4326, lon first)", lon, lat)
	}
	return orb.Point{lon, lat}, nil
}

func (c *positions) line(ps [][]float64, maxVertices int) (orb.LineString, error) {
	if len(ps) < 2 {
		return nil, gasrisk.Errorf(gasrisk.EUNPROCESSABLE, "geometry: a LineString needs at least 2 positions, got %d", len(ps))
	}
	ls := make(orb.LineString, 0, len(ps))
	for _, p := range ps {
		pt, err := c.point(p)
		if err != nil {
			return nil, err
		}
		if c.n > maxVertices {
			return nil, gasrisk.Errorf(gasrisk.ETOOLARGE, "geometry: more than %d positions", maxVertices)
		}
		ls = append(ls, pt)
	}
	return ls, nil
}

func (c *positions) polygon(rs [][][]float64, maxVertices int) (orb.Polygon, error) {
	if len(rs) == 0 {
		return nil, gasrisk.Errorf(gasrisk.EUNPROCESSABLE, "geometry: a Polygon needs an exterior ring")
	}
	poly := make(orb.Polygon, 0, len(rs))
	for i, r := range rs {
		ls, err := c.line(r, maxVertices)
		if err != nil {
			return nil, err
		}
		if len(ls) < 4 || ls[0] != ls[len(ls)-1] {
			return nil, gasrisk.Errorf(gasrisk.EUNPROCESSABLE,
				"geometry: ring %d must be closed (first position = last) with at least 4 positions", i)
		}
		poly = append(poly, orb.Ring(ls))
	}
	return poly, nil
}
