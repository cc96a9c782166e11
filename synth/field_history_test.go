package synth

import (
	"bytes"
	"strings"
	"testing"
)

// TestFieldHistoryScale: Config.FieldHistory multiplies the leaks and
// patrol observations (about fourfold at 4, within Poisson noise) and
// leaves every layer but the field records byte for byte as it is (the
// CP readings share the field records' random stream: drawn anew, at
// the same rate);
// 1 and the zero value give the same city; out-of-range scales are refused.
func TestFieldHistoryScale(t *testing.T) {
	dir1, st1 := generate(t, Config{Segments: 2000, Seed: 3})
	dirOne, stOne := generate(t, Config{Segments: 2000, Seed: 3, FieldHistory: 1})
	dir4, st4 := generate(t, Config{Segments: 2000, Seed: 3, FieldHistory: 4})
	if st1 != stOne {
		t.Errorf("FieldHistory 1 %+v differs from the default %+v", stOne, st1)
	}
	for _, r := range []struct {
		name   string
		n1, n4 int
	}{{"leaks", st1.Leaks, st4.Leaks}, {"patrols", st1.Patrols, st4.Patrols}} {
		if ratio := float64(r.n4) / float64(r.n1); r.n1 < 50 || ratio < 3.4 || ratio > 4.6 {
			t.Errorf("%s: %d at scale 1, %d at scale 4 (× %.2f)", r.name, r.n1, r.n4, ratio)
		}
	}
	a, one, b := readLayerFiles(t, dir1, "geojson"), readLayerFiles(t, dirOne, "geojson"), readLayerFiles(t, dir4, "geojson")
	for _, l := range allLayers {
		if !bytes.Equal(a[l], one[l]) {
			t.Errorf("%s: FieldHistory 1 changed it", l)
		}
		if l != "leaks" && l != "patrols" && l != "cp_readings" && !bytes.Equal(a[l], b[l]) {
			t.Errorf("%s: FieldHistory 4 changed it", l)
		}
	}
	for _, bad := range []float64{-1, 101} {
		if _, err := Generate(t.Context(), Config{Segments: 100, Seed: 1, FieldHistory: bad}, t.TempDir(), nil); err == nil ||
			!strings.Contains(err.Error(), "field history") {
			t.Errorf("FieldHistory %g: err %v", bad, err)
		}
	}
}
