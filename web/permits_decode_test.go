package web_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"gasrisk"
	"gasrisk/permit"
	"gasrisk/riskmodel"
	"gasrisk/web"
)

// decodeSeeds are valid and broken permit requests; testdata/fuzz holds
// more.
func decodeSeeds() []string {
	return []string{
		`{"geometry":{"type":"Polygon","coordinates":[[[114.3,30.47],[114.301,30.47],[114.301,30.471],[114.3,30.47]]]},"work_kind":"excavation","depth_m":2.5,"start":"2026-07-01","end":"2026-07-31","applicant":"某某建设"}`,
		`{"geometry":{"type":"LineString","coordinates":[[114.3,30.47,0],[114.31,30.48,1]]},"work_kind":"trenchless","depth_m":6,"start":"2026-07-01T08:00:00+08:00","end":"2026-08-01","applicant":"HDD Ltd"}`,
		`{"geometry":{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[114.3,30.47]}},"work_kind":"drilling","depth_m":0,"start":"2026-07-01","end":"2026-07-01","applicant":"x"}`,
		`{"geometry":{"type":"Point","coordinates":[400000,3400000]},"work_kind":"piling","depth_m":1,"start":"2026-07-01","end":"2026-07-02","applicant":"x"}`,
		`{"geometry":{"type":"Polygon","coordinates":[]},"work_kind":"blasting","depth_m":1,"start":"2026-07-01","end":"2026-07-02","applicant":"x"}`,
		`{"geometry":null,"work_kind":"excavation"}`,
		`{"geometry":{"type":"Point","coordinates":[1e999,1]},"work_kind":"excavation","depth_m":1,"start":"2026-07-01","end":"2026-07-02","applicant":"x"}`,
		`{"geometry":{"type":"Point","coordinates":[1,2]},"work_kind":"excavation","depth_m":"deep","start":"2026-07-01","end":"2026-07-02","applicant":"x"}`,
		`{"geometry":{"type":"Point","coordinates":[1,2]},"work_kind":"excavation","depth_m":1,"start":"2026-07-02","end":"2026-07-01","applicant":"x"} {}`,
		`{"geometry":{"type":"Point","coordinates":[1,2]`,
		`[]`, `null`, ``, `"x"`, `{}`,
	}
}

// decode runs the decoder behind the server's body limit.
func decode(body []byte) (any, error) {
	lim := web.PermitLimits{MaxBodyBytes: 1 << 16, MaxVertices: 200}
	return web.DecodePermitRequest(http.MaxBytesReader(nil, io.NopCloser(bytes.NewReader(body)), lim.MaxBodyBytes), lim)
}

// FuzzDecodePermitRequest: the decoder never panics, refuses only with
// the 400/413/422 codes, and what it accepts is a valid request that
// decodes to itself again, with a Polygon, LineString or Point inside
// WGS84.
func FuzzDecodePermitRequest(f *testing.F) {
	for _, s := range decodeSeeds() {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		v, err := decode(body)
		if err != nil {
			switch gasrisk.ErrorCode(err) {
			case gasrisk.EINVALID, gasrisk.EUNPROCESSABLE, gasrisk.ETOOLARGE:
				return
			}
			t.Fatalf("refused with %v (%s)", err, gasrisk.ErrorCode(err))
		}
		checkAccepted(t, v)
	})
}

// checkAccepted holds an accepted request to the invariants.
func checkAccepted(t *testing.T, v any) {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	again, err := decode(b)
	if err != nil || !reflect.DeepEqual(again, v) {
		t.Fatalf("an accepted request does not decode to itself: %v\n%s", err, b)
	}
	var req struct{ Geometry json.RawMessage }
	json.Unmarshal(b, &req)
	g, err := geojson.UnmarshalGeometry(req.Geometry)
	if err != nil {
		t.Fatalf("normalised geometry %s: %v", req.Geometry, err)
	}
	switch g.Geometry().(type) {
	case orb.Polygon, orb.LineString, orb.Point:
	default:
		t.Fatalf("accepted a %T", g.Geometry())
	}
	bound := g.Geometry().Bound()
	if bound.Min[0] < -180 || bound.Max[0] > 180 || bound.Min[1] < -90 || bound.Max[1] > 90 {
		t.Fatalf("accepted coordinates outside WGS84: %v", bound)
	}
}

func TestDecodePermitRequestSeeds(t *testing.T) {
	for i, s := range decodeSeeds() {
		t.Run(string(rune('a'+i)), func(t *testing.T) {
			v, err := decode([]byte(s))
			if i < 3 {
				if err != nil {
					t.Fatalf("valid seed refused: %v", err)
				}
				checkAccepted(t, v)
				return
			}
			if err == nil {
				t.Fatalf("broken seed accepted: %s", s)
			}
		})
	}
}

// TestDecodePermitRequestWorkKinds: every work kind of the model is
// accepted (building, earth_borrow and open_flame among them, which
// 《城镇燃气管理条例》 第三十三条 prohibits inside a protection range), and
// nothing else.
func TestDecodePermitRequestWorkKinds(t *testing.T) {
	body := func(kind string) []byte {
		return []byte(`{"geometry":{"type":"Point","coordinates":[114.3,30.47]},"work_kind":"` + kind +
			`","depth_m":1,"start":"2026-07-01","end":"2026-07-02","applicant":"x"}`)
	}
	for _, kind := range riskmodel.WorkKinds() {
		t.Run(kind, func(t *testing.T) {
			v, err := decode(body(kind))
			if err != nil {
				t.Fatalf("refused: %v", err)
			}
			if req, ok := v.(permit.Request); !ok || req.WorkKind != kind {
				t.Errorf("decoded %+v", v)
			}
		})
	}
	for _, kind := range []string{"Building", "fire", "earth-borrow", "open flame", "取土"} {
		t.Run(kind, func(t *testing.T) {
			if _, err := decode(body(kind)); gasrisk.ErrorCode(err) != gasrisk.EINVALID {
				t.Errorf("work_kind %q: %v, want %s", kind, err, gasrisk.EINVALID)
			}
		})
	}
}

// TestZeroLengthLinesRefused: a line whose positions are one place on
// the Earth is refused like any zero-length line, at the poles (where
// longitude does not matter) and on the antimeridian too.
func TestZeroLengthLinesRefused(t *testing.T) {
	for _, coords := range []string{`[[114.3,30.5],[114.3,30.5]]`, `[[0,90],[180,90]]`, `[[-45,-90],[120,-90],[0,-90]]`, `[[-180,10],[180,10]]`} {
		body := `{"geometry":{"type":"LineString","coordinates":` + coords + `},"work_kind":"excavation","depth_m":1,"start":"2026-07-01","end":"2026-07-02","applicant":"x"}`
		_, err := decode([]byte(body))
		if gasrisk.ErrorCode(err) != gasrisk.EUNPROCESSABLE || !strings.Contains(err.Error(), "zero length") {
			t.Errorf("%s: %v, want unprocessable (zero length)", coords, err)
		}
	}
	if _, err := decode([]byte(`{"geometry":{"type":"LineString","coordinates":[[0,89.9],[180,89.9]]},"work_kind":"excavation","depth_m":1,"start":"2026-07-01","end":"2026-07-02","applicant":"x"}`)); err != nil {
		t.Errorf("a line over the pole: %v", err)
	}
}
