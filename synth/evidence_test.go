package synth

import (
	"math"
	"testing"
	"time"
)

// TestFieldRecords: the generated leak history follows the materials'
// leak rates (cast iron far above steel, steel above PE), its dates lie in
// the history, repairs follow finds, some class-1 leaks are open; CP
// readings fail at the rate their potentials say; patrols are recent.
func TestFieldRecords(t *testing.T) {
	dir, st := generate(t, Config{Segments: 4000, Seed: 11})
	city := readCity(t, dir, "geojson")
	if st.Leaks == 0 || st.Patrols == 0 || st.CPReadings == 0 {
		t.Fatalf("stats %+v", st)
	}
	km, material := map[string]float64{}, map[string]string{}
	for _, p := range city["pipes"] {
		l := 0.0
		for k := 1; k < len(p.pts); k++ {
			l += math.Hypot(p.pts[k].x-p.pts[k-1].x, p.pts[k].y-p.pts[k-1].y)
		}
		if p.props["status"] == "in_service" {
			km[p.props["material"]] += l / 1000
		}
		material[p.props["id"]] = p.props["material"]
	}
	leaks := map[string]float64{}
	open1 := 0
	end := HistoryEnd().Format(time.DateOnly)
	start := HistoryEnd().AddDate(-historyYears, 0, 0).Format(time.DateOnly)
	for _, l := range city["leaks"] {
		leaks[material[l.props["pipe_id"]]]++
		found, repaired := l.props["found_date"], l.props["repaired_date"]
		if found < start || found > end || repaired != "" && (repaired < found || repaired > end) {
			t.Fatalf("leak %v: dates outside the history", l.props)
		}
		if repaired == "" && l.props["leak_class"] == "1" {
			open1++
		}
	}
	rate := func(m string) float64 { return leaks[m] / km[m] / historyYears }
	if !(rate("cast_iron") > 5*rate("steel") && rate("steel") > rate("pe")) || open1 == 0 {
		t.Errorf("leaks per km·yr: cast iron %.3f, steel %.3f, pe %.4f; open class-1 leaks %d", rate("cast_iron"), rate("steel"), rate("pe"), open1)
	}
	fails := 0
	for _, c := range city["cp_readings"] {
		if c.props["pass"] == "false" {
			fails++
		}
	}
	if share := float64(fails) / float64(len(city["cp_readings"])); share < 0.1 || share > 0.35 {
		t.Errorf("%.0f %% of CP readings fail, want about 20 %% (N(−950, 120) mV against −850 mV)", 100*share)
	}
	recent := HistoryEnd().AddDate(0, 0, -patrolDays).Format(time.DateOnly)
	for _, p := range city["patrols"] {
		if d := p.props["date"]; d <= recent || d > end {
			t.Fatalf("patrol %v: date outside the last %d days", p.props, patrolDays)
		}
	}
}
