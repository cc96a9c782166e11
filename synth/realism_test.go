package synth

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"testing"
)

// TestRealism measures the hazards that the detection rules look for in a
// 2,000-pipe city with plain geometry.
func TestRealism(t *testing.T) {
	dir, _ := generate(t, Config{Segments: 2000, Seed: 9})
	city := readCity(t, dir, "geojson")
	pipes, sewers, buildings := city["pipes"], city["sewers"], city["buildings"]
	n := float64(len(pipes))

	occupied, clearance := buildingShares(pipes, buildings)
	crossings := sewerCrossings(pipes, sewers)
	withDetector := detectorCoverage(crossings, city["detectors"])
	nearSewer := nearSewerShare(pipes, sewers, 1.5)
	ci, pe := meanDistance(pipes, "cast_iron"), meanDistance(pipes, "pe")
	t.Logf("pipes %d: building within 0.5 m %.2f%%, 0.5–2 m %.2f%%; sewer crossings %d (%.0f%% with a detector); "+
		"sewer nearer than 1.5 m %.1f%%; mean distance from centre: cast iron %.0f m, PE %.0f m",
		len(pipes), 100*occupied, 100*clearance, len(crossings), 100*withDetector, 100*nearSewer, ci, pe)

	for _, c := range []struct {
		name   string
		got    float64
		lo, hi float64
	}{
		{"share of pipes with a building within 0.5 m", occupied, 0.005, 0.04},
		{"share of pipes with a building 0.5–2 m away", clearance, 0.01, 0.05},
		{"sewer crossings per pipe", float64(len(crossings)) / n, 0.3, 3},
		{"share of crossings with a detector within 5 m", withDetector, 0.25, 0.6},
		{"share of pipes with a parallel sewer nearer than 1.5 m", nearSewer, 0.03, 0.3},
		{"cast iron / PE mean distance from the centre", ci / pe, 0, 0.8},
	} {
		t.Run(c.name, func(t *testing.T) {
			if c.got < c.lo || c.got > c.hi || math.IsNaN(c.got) {
				t.Errorf("%s = %.4f, want %g..%g", c.name, c.got, c.lo, c.hi)
			}
		})
	}
}

// buildingShares returns the shares of pipes with a building within 0.5 m,
// and with the nearest building 0.5–2 m away.
func buildingShares(pipes, buildings []feat) (occupied, clearance float64) {
	g := gridOf(buildings)
	for _, p := range pipes {
		d := math.Inf(1)
		for _, k := range g.near(boxOf(p.pts, 2)) {
			d = math.Min(d, polyLineDist(buildings[k].pts, p.pts))
		}
		switch {
		case d <= 0.5:
			occupied++
		case d < 2:
			clearance++
		}
	}
	n := float64(len(pipes))
	return occupied / n, clearance / n
}

// sewerCrossings returns a point of every gas pipe/sewer crossing.
func sewerCrossings(pipes, sewers []feat) []pt {
	g := gridOf(sewers)
	var out []pt
	for _, p := range pipes {
		for _, k := range g.near(boxOf(p.pts, 0)) {
			s := sewers[k].pts
			for a := 1; a < len(p.pts); a++ {
				for b := 1; b < len(s); b++ {
					if x, ok := crossPoint(p.pts[a-1], p.pts[a], s[b-1], s[b]); ok {
						out = append(out, x)
					}
				}
			}
		}
	}
	return out
}

// detectorShare is the share of crossings with a leak detector within 5 m
// (of the crossing sewer segment's end, which lies within a few metres).
func detectorCoverage(crossings []pt, detectors []feat) float64 {
	g := gridOf(detectors)
	hit := 0
	for _, c := range crossings {
		for _, k := range g.near(boxOf([]pt{c}, 5)) {
			if detectors[k].pts[0].dist(c) <= 5 {
				hit++
				break
			}
		}
	}
	return float64(hit) / float64(len(crossings))
}

// nearSewerShare is the share of pipes with a sewer nearer than d along
// most of its length (mid-point distance), i.e. a parallel clearance issue.
func nearSewerShare(pipes, sewers []feat, d float64) float64 {
	g := gridOf(sewers)
	hit := 0
	for _, p := range pipes {
		mid := midpoint(p.pts)
		for _, k := range g.near(boxOf([]pt{mid}, d)) {
			s := sewers[k].pts
			near := math.Inf(1)
			for b := 1; b < len(s); b++ {
				near = math.Min(near, ptSegDist(mid, s[b-1], s[b]))
			}
			if near < d && len(s) > 2 || near < d && s[0].dist(s[1]) > 20 {
				hit++
				break
			}
		}
	}
	return float64(hit) / float64(len(pipes))
}

func midpoint(line []pt) pt {
	k := len(line) / 2
	if len(line)%2 == 1 {
		return line[k]
	}
	return pt{(line[k-1].x + line[k].x) / 2, (line[k-1].y + line[k].y) / 2}
}

// meanDistance is the mean distance from the centre of pipes of a material.
func meanDistance(pipes []feat, material string) float64 {
	sum, n := 0.0, 0
	for _, p := range pipes {
		if p.props["material"] == material {
			sum += midpoint(p.pts).dist(pt{})
			n++
		}
	}
	return sum / float64(n)
}

func TestBuildingsDoNotOverlap(t *testing.T) {
	dir, _ := generate(t, Config{Segments: 2000, Seed: 9})
	bs := readCity(t, dir, "geojson")["buildings"]
	g := gridOf(bs)
	for a, ba := range bs {
		for _, b := range g.near(boxOf(ba.pts, 0)) {
			if b <= a {
				continue
			}
			if polyLineDist(ba.pts, bs[b].pts) == 0 {
				t.Fatalf("buildings %s and %s overlap", ba.props["id"], bs[b].props["id"])
			}
		}
	}
}

func TestPipesLieInTheirDistricts(t *testing.T) {
	dir, st := generate(t, Config{Segments: 20000, Seed: 5})
	city := readCity(t, dir, "geojson")
	ring := map[string][]pt{}
	for _, d := range city["districts"] {
		ring[d.props["id"]] = d.pts
	}
	if st.Districts < 10 {
		t.Errorf("%d districts for 20,000 pipes", st.Districts)
	}
	area, radius := 0.0, 0.0
	for _, d := range city["districts"] {
		if msg := checkGeometry(d, "Polygon"); msg != "" {
			t.Fatalf("district %s: %s", d.props["id"], msg)
		}
		area += signedArea(d.pts)
		for _, p := range d.pts {
			radius = math.Max(radius, p.dist(pt{}))
		}
	}
	if disc := math.Pi * radius * radius; math.Abs(area-disc) > 0.002*disc {
		t.Errorf("districts cover %.0f m², the city disc %.0f m²: gaps or overlaps", area, disc)
	}
	bad := 0
	for _, p := range city["pipes"] {
		m := arcMidpoint(p.pts)
		if r := ring[p.props["district"]]; !inRing(r, m) && polyPointDist(r, m) > 0.05 {
			bad++
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d pipes have their mid-point outside their district", bad, len(city["pipes"]))
	}
}

func arcMidpoint(line []pt) pt {
	total := 0.0
	for k := 1; k < len(line); k++ {
		total += line[k].dist(line[k-1])
	}
	s := total / 2
	for k := 1; k < len(line); k++ {
		l := line[k].dist(line[k-1])
		if s <= l {
			f := s / l
			return pt{line[k-1].x + f*(line[k].x-line[k-1].x), line[k-1].y + f*(line[k].y-line[k-1].y)}
		}
		s -= l
	}
	return line[len(line)-1]
}

func TestStationsAndFloors(t *testing.T) {
	dir, _ := generate(t, Config{Segments: 20000, Seed: 6})
	city := readCity(t, dir, "geojson")
	stations, buildings := city["stations"], city["buildings"]
	g := gridOf(buildings)
	near, kinds := 0, map[string]int{}
	for _, s := range stations {
		kinds[s.props["kind"]]++
		for _, k := range g.near(boxOf(s.pts, 10)) {
			if polyPointDist(buildings[k].pts, s.pts[0]) < 10 {
				near++
				break
			}
		}
	}
	share := float64(near) / float64(len(stations))
	t.Logf("stations %v; %.1f%% with a building within 10 m", kinds, 100*share)
	if share <= 0 || share > 0.3 {
		t.Errorf("share of stations with a building within 10 m = %.3f, want a few", share)
	}
	if kinds["city_gate"] < 1 || kinds["regulator"] < 2 || kinds["regulator_box"] < 20 {
		t.Errorf("station kinds %v", kinds)
	}
	inner, outer := floorsByDistance(buildings)
	if inner <= outer {
		t.Errorf("mean floors: inner third %.1f, outer third %.1f; want taller in the core", inner, outer)
	}
}

// floorsByDistance returns the mean floors of the third of buildings
// nearest the centre and of the third farthest from it.
func floorsByDistance(bs []feat) (inner, outer float64) {
	type bf struct{ d, floors float64 }
	var all []bf
	for _, b := range bs {
		f, _ := strconv.ParseFloat(b.props["floors"], 64)
		all = append(all, bf{b.pts[0].dist(pt{}), f})
	}
	slices.SortFunc(all, func(a, b bf) int { return cmp.Compare(a.d, b.d) })
	n := len(all) / 3
	for k := range n {
		inner += all[k].floors / float64(n)
		outer += all[len(all)-1-k].floors / float64(n)
	}
	return inner, outer
}

// TestConditionAssessments: the condition attributes of 国办发〔2022〕22号
// (docs/risk-model.md §6) take their vocabularies, sit on the materials
// they are for, and are frequent enough that a 2,000-segment city shows
// every renewal category: a few per cent of ductile iron unsafe, hazards
// on old steel and PE, now and then an uncontrollable one.
func TestConditionAssessments(t *testing.T) {
	dir, _ := generate(t, Config{Segments: 2000, Seed: 7})
	pipes := readCity(t, dir, "geojson")["pipes"]
	count := map[string]int{}
	for _, p := range pipes {
		mat, cond, unsafe, unc := p.props["material"], p.props["condition"], p.props["ductile_unsafe"], p.props["hazard_uncontrollable"]
		year, _ := strconv.Atoi(p.props["install_year"])
		if cond != "" && !slices.Contains([]string{"corrosion", "leak_history", "failed_inspection", "good"}, cond) ||
			unsafe != "" && unsafe != "true" && unsafe != "false" || unc != "" && unc != "true" && unc != "false" {
			t.Fatalf("pipe %s: condition %q, ductile_unsafe %q, hazard_uncontrollable %q", p.props["id"], cond, unsafe, unc)
		}
		if unsafe != "" && mat != "ductile_iron" || (cond != "" || unc != "") && mat != "steel" && mat != "pe" ||
			mat == "pe" && cond == "corrosion" {
			t.Fatalf("pipe %s (%s): condition %q, ductile_unsafe %q, hazard_uncontrollable %q", p.props["id"], mat, cond, unsafe, unc)
		}
		count[mat]++
		if unsafe == "true" {
			count["ductile_unsafe"]++
		}
		if cond != "" && cond != "good" && conditionYear-year >= 20 {
			count["old_hazard"]++
		}
		if unc == "true" && conditionYear-year < 20 {
			count["young_uncontrollable"]++
		}
	}
	t.Logf("%v", count)
	unsafe := float64(count["ductile_unsafe"]) / float64(count["ductile_iron"])
	if unsafe < 0.01 || unsafe > 0.08 {
		t.Errorf("%.1f%% of ductile iron unsafe, want a few per cent", 100*unsafe)
	}
	if count["old_hazard"] < 5 || count["young_uncontrollable"] < 1 {
		t.Errorf("old steel/PE with a hazard: %d, young with an uncontrollable one: %d", count["old_hazard"], count["young_uncontrollable"])
	}
}
