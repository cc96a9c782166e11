package riskmodel

import (
	"math"
	"math/rand/v2"
	"sort"
	"testing"
)

// typicalCity generates n deterministic segments of a plausible Chinese city
// network: mostly PE and steel at LP/MP, a few per cent grey cast iron,
// sparse findings. It is the reference for calibrating the default
// thresholds (see docs/risk-model.md).
func typicalCity(n int, seed uint64) []Facts {
	r := rand.New(rand.NewPCG(seed, 1))
	out := make([]Facts, n)
	for i := range out {
		out[i] = cityFacts(r, int64(i+1))
	}
	return out
}

func pick[T any](r *rand.Rand, items []T, weights []float64) T {
	x := r.Float64() * sumF(weights)
	for i, w := range weights {
		if x < w {
			return items[i]
		}
		x -= w
	}
	return items[len(items)-1]
}

func sumF(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s
}

func cityFacts(r *rand.Rand, id int64) Facts {
	class := pick(r, PressureClasses(), []float64{30, 15, 45, 5, 3, 1.5, 0.5})
	hp := class == ClassSHPB || class == ClassSHPA || class == ClassHPB || class == ClassHPA
	mat := pick(r, Materials(), []float64{6, 6, 25, 55, 0, 1, 7})
	if hp {
		mat = pick(r, []string{MaterialSteel, MaterialPE}, []float64{9, 1})
	}
	f := Facts{SegmentID: id, PipeID: "P", LengthM: 50, Material: mat, PressureClass: class, AsOfYear: 2025}
	f.InstallYear = cityYear(r, mat)
	f.DiameterMM = float64(pick(r, []int{50, 100, 150, 200, 300, 400, 500}, []float64{10, 25, 20, 20, 12, 8, 5}))
	if r.Float64() < 0.8 {
		f.DepthM = 0.5 + 1.3*r.Float64()
	}
	cityReceptors(r, &f, hp)
	cityFindings(r, &f)
	return f
}

func cityYear(r *rand.Rand, mat string) int {
	if r.Float64() < 0.05 {
		return 0
	}
	switch mat {
	case MaterialCastIron:
		return 1960 + r.IntN(36)
	case MaterialDuctileIron:
		return 1985 + r.IntN(26)
	case MaterialPE:
		return 1995 + r.IntN(30)
	}
	return 1975 + r.IntN(50)
}

func cityReceptors(r *rand.Rand, f *Facts, hp bool) {
	p, _ := PressureMPa(f.PressureClass)
	rad := DefaultConfig().ImpactRadius(f.DiameterMM, p)
	density := 0.006
	if hp {
		density *= 0.3
	}
	n := poisson(r, density*math.Pi*rad*rad)
	by := map[string]*ReceptorCount{}
	for range n {
		use := pick(r, BuildingUses(), []float64{75, 15, 0.7, 0.3, 0.2, 0.4, 0.4, 8})
		rc := by[use]
		if rc == nil {
			rc = &ReceptorCount{Use: use}
			by[use] = rc
		}
		rc.Count++
		rc.Floors += pick(r, []int{2, 6, 12, 25}, []float64{30, 30, 25, 15})
	}
	for _, u := range BuildingUses() {
		if rc := by[u]; rc != nil {
			f.Receptors = append(f.Receptors, *rc)
		}
	}
	if r.Float64() < 1-math.Exp(-0.0002*math.Pi*rad*rad) {
		f.DensePlaces = 1
		f.PlaceCapacity = 100 + r.IntN(1900)
	}
}

func cityFindings(r *rand.Rand, f *Facts) {
	if r.Float64() < 0.008 {
		f.Occupied = true
		f.OccupiedUses = []string{pick(r, []string{UseResidential, UseCommercial, UseOther, UseSchool, UseMarket}, []float64{60, 25, 10, 2, 3})}
		if r.Float64() < 0.3 {
			f.TemporaryMeasures = []string{"guard"}
		}
	}
	for k, p := range map[string]float64{ClearanceBuilding: 0.03, ClearanceSewer: 0.02, ClearanceWater: 0.01} {
		if r.Float64() < p {
			f.ClearanceKinds = append(f.ClearanceKinds, k)
		}
	}
	sort.Strings(f.ClearanceKinds)
	if r.Float64() < 0.1 {
		f.SewerCrossings = 1 + r.IntN(2)
		f.CrossingsWithoutDetector = r.IntN(f.SewerCrossings + 1)
		f.VerticalGapViolation = r.Float64() < 0.1
		f.SewerReachReceptors = r.IntN(20)
	}
	if r.Float64() < 0.05 {
		f.NearParallelSewerM = 10 + 40*r.Float64()
	}
	if r.Float64() < 0.025 {
		f.ThirdPartyWorks = 1 + r.IntN(2)
	}
	if x := r.Float64(); x < 0.04 {
		f.LeakHistory = 1 + r.IntN(2)
	}
}

func poisson(r *rand.Rand, mean float64) int {
	l, k, p := math.Exp(-mean), 0, 1.0
	if mean > 30 {
		return max(0, int(math.Round(mean+math.Sqrt(mean)*r.NormFloat64())))
	}
	for {
		p *= r.Float64()
		if p <= l {
			return k
		}
		k++
	}
}

func TestTypicalCityDistribution(t *testing.T) {
	c := DefaultConfig()
	city := typicalCity(20000, 42)
	count := map[Grade]int{}
	var scores []float64
	floors := 0
	for _, f := range city {
		a := Assess(c, f)
		count[a.Grade]++
		scores = append(scores, a.Score)
		if a.Floor != "" {
			floors++
		}
	}
	sort.Float64s(scores)
	for _, q := range []float64{0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.98, 0.99, 0.995, 0.999} {
		t.Logf("p%.1f = %.2f", q*100, scores[int(q*float64(len(scores)))])
	}
	share := func(g Grade) float64 { return float64(count[g]) / float64(len(city)) }
	for _, g := range Grades() {
		t.Logf("%s %.2f%%", g, 100*share(g))
	}
	t.Logf("raised by floors %.2f%%", 100*float64(floors)/float64(len(city)))
	if low := share(GradeBlue) + share(GradeYellow); low < 0.9 {
		t.Errorf("blue+yellow = %.1f%%, want mostly blue/yellow (>= 90%%)", 100*low)
	}
	if o := share(GradeOrange); o < 0.01 || o > 0.08 {
		t.Errorf("orange = %.1f%%, want a few per cent (1–8%%)", 100*o)
	}
	if r := share(GradeRed); r <= 0 || r >= 0.02 {
		t.Errorf("red = %.2f%%, want some but under 2%%", 100*r)
	}
}
