package riskmodel

import (
	"math"
	"strings"
	"testing"
)

// steelStreet is a 1970s steel MPA segment under a street with twenty
// six-storey houses in reach: yellow, at two thirds of the orange
// threshold.
func steelStreet() Facts {
	f := plain()
	f.Material, f.PressureClass, f.DiameterMM, f.InstallYear = MaterialSteel, ClassMPA, 159, 1975
	f.Receptors = []ReceptorCount{{Use: UseResidential, Count: 20, Floors: 120}}
	return f
}

func factor(a Assessment, code string) (Factor, bool) {
	for _, f := range a.Factors {
		if f.Code == code {
			return f, true
		}
	}
	return Factor{}, false
}

// checkContributions: the contributions still add up to log10(score).
func checkContributions(t *testing.T, a Assessment) {
	t.Helper()
	sum := 0.0
	for _, f := range a.Factors {
		sum += f.Contribution
	}
	if math.Abs(sum-math.Log10(a.Score)) > 1e-9 {
		t.Errorf("contributions add up to %v, log10(score) = %v", sum, math.Log10(a.Score))
	}
}

func TestLeakEvidence(t *testing.T) {
	c := DefaultConfig()
	before := Assess(c, steelStreet())
	f := steelStreet()
	f.Leaks = []Leak{{ID: "L-7", Class: 1, Cause: ThreatCorrosion, FoundDaysAgo: 30, RepairedDaysAgo: -1}}
	after := Assess(c, f)
	if !(after.LoF > 2*before.LoF) || after.Grade.Rank() <= before.Grade.Rank() {
		t.Errorf("class-1 corrosion leak: LoF %.3g → %.3g, grade %s → %s; want LoF ×2 or more and a higher grade",
			before.LoF, after.LoF, before.Grade, after.Grade)
	}
	lf, ok := factor(after, "leaks")
	if !ok || !strings.Contains(lf.Detail, "leak L-7 (class 1, corrosion") || !strings.Contains(lf.DetailZH, "泄漏L-7（1级，腐蚀") ||
		lf.Threat != ThreatCorrosion || math.Abs(lf.Value*before.LoF-after.LoF) > 1e-12*after.LoF {
		t.Errorf("leak factor %+v", lf)
	}
	mix, ok := factor(after, "threat_mix")
	if !ok || mix.Value != 1 || mix.Threat != ThreatCorrosion || !strings.HasPrefix(mix.Detail, "corrosion ") {
		t.Errorf("threat_mix %+v", mix)
	}
	if b, _ := factor(before, "base_rate"); b.Threat != ThreatExcavation || !strings.Contains(b.Detail, "threats: excavation / third party 74 %") {
		t.Errorf("base_rate %+v", b)
	}
	if _, ok := factor(before, "threat_mix"); ok {
		t.Error("threat_mix without evidence")
	}
	checkContributions(t, after)
}

// TestRepairedLeaksDecay: the longer ago a leak was repaired the less it
// weighs; an unrepaired leak weighs most; class 1 more than 3.
func TestRepairedLeaksDecay(t *testing.T) {
	c := DefaultConfig()
	lof := func(class, repairedDaysAgo int) float64 {
		f := steelStreet()
		f.Leaks = []Leak{{ID: "L", Class: class, Cause: ThreatCorrosion, FoundDaysAgo: 4000, RepairedDaysAgo: repairedDaysAgo}}
		return Assess(c, f).LoF
	}
	base := Assess(c, steelStreet()).LoF
	prev := lof(1, -1)
	for _, days := range []int{0, 365, 3 * 365, 6 * 365, 30 * 365} {
		v := lof(1, days)
		if !(v < prev || days == 0 && v == prev) || v <= base {
			t.Errorf("repaired %d days ago: LoF %.4g after %.4g (no evidence %.4g)", days, v, prev, base)
		}
		prev = v
	}
	w := c.Evidence.leakWeight(Leak{Class: 1, RepairedDaysAgo: 3 * 365})
	if math.Abs(w-15) > 0.01 {
		t.Errorf("weight a half-life after repair %v, want 15", w)
	}
	if !(lof(1, -1) > lof(2, -1) && lof(2, -1) > lof(3, -1)) {
		t.Error("leak classes do not order the likelihood")
	}
}

func TestCPEvidence(t *testing.T) {
	c := DefaultConfig()
	f := steelStreet()
	f.FailedCPReadings = 1
	before, after := c.Shares(steelStreet()), c.Shares(f)
	if !(after[ThreatCorrosion] > 2*before[ThreatCorrosion]) {
		t.Errorf("corrosion share %.3f → %.3f", before[ThreatCorrosion], after[ThreatCorrosion])
	}
	a := Assess(c, f)
	if cp, ok := factor(a, "cp_failed"); !ok || cp.Threat != ThreatCorrosion || cp.Value <= 1 {
		t.Errorf("cp factor %+v", cp)
	}
	pe := plain()
	pe.FailedCPReadings = 2
	if _, ok := factor(Assess(c, pe), "cp_failed"); ok || Assess(c, pe).LoF != Assess(c, plain()).LoF {
		t.Error("a CP reading changed a PE segment")
	}
	total := 0.0
	for _, v := range after {
		total += v
	}
	if math.Abs(total-1) > 1e-12 {
		t.Errorf("shares add up to %v", total)
	}
}

func TestPatrolEvidence(t *testing.T) {
	c := DefaultConfig()
	tests := []struct {
		name   string
		obs    string
		days   int
		threat string
		raises bool
	}{
		{"unpermitted dig yesterday", PatrolWorksWithoutPermit, 1, ThreatExcavation, true},
		{"unpermitted dig at the end of its period", PatrolWorksWithoutPermit, c.Evidence.PatrolValidDays, ThreatExcavation, true},
		{"unpermitted dig expired", PatrolWorksWithoutPermit, c.Evidence.PatrolValidDays + 1, ThreatExcavation, false},
		{"subsidence", PatrolSubsidence, 10, ThreatNaturalForce, true},
		{"exposed pipe", PatrolExposedPipe, 10, ThreatExcavation, true},
	}
	before := Assess(c, steelStreet())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := steelStreet()
			f.Patrols = []Patrol{{ID: "T-1", Observation: tt.obs, DaysAgo: tt.days}}
			a := Assess(c, f)
			p, ok := factor(a, "patrol")
			if ok != tt.raises || (a.LoF > before.LoF) != tt.raises {
				t.Fatalf("patrol factor %v (%+v), LoF %.3g → %.3g", ok, p, before.LoF, a.LoF)
			}
			if tt.raises && (p.Threat != tt.threat || !strings.Contains(p.Detail, "T-1 "+tt.obs) ||
				c.Shares(f)[tt.threat] <= c.Shares(steelStreet())[tt.threat]) {
				t.Errorf("patrol %+v", p)
			}
			checkContributions(t, a)
		})
	}
}

func TestEvidenceConfigErrors(t *testing.T) {
	tests := []struct {
		name, json, says string
	}{
		{"unknown class", `{"evidence":{"leak_class_weight":{"4":1}}}`, `unknown class "4"`},
		{"negative weight", `{"evidence":{"patrol_weight":{"odour":-1}}}`, "evidence.patrol_weight.odour"},
		{"unknown observation", `{"evidence":{"patrol_weight":{"ufo":1}}}`, `unknown observation "ufo"`},
		{"zero half-life", `{"evidence":{"repaired_half_life_years":0}}`, "evidence.repaired_half_life_years"},
		{"shares not adding up", `{"threat_shares":{"shares":{"pe":{"excavation":0.5,"corrosion":0.5,"natural_force":0.5,
			"material_joint":0,"equipment":0,"incorrect_operation":0,"other":0}}}}`, `threat_shares.shares["pe"] add up to 1.5000`},
		{"unknown threat", `{"threat_shares":{"shares":{"pe":{"excavation":1,"corrosion":0,"natural_force":0,
			"material_joint":0,"equipment":0,"incorrect_operation":0,"other":0,"gremlins":0}}}}`, `unknown threat "gremlins"`},
		{"missing threat", `{"threat_shares":{"shares":{"pe":{"excavation":1}}}}`, `threat_shares.shares["pe"]: missing threat "corrosion"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadConfig(strings.NewReader(tt.json))
			if err == nil || !strings.Contains(err.Error(), tt.says) {
				t.Errorf("err = %v, want %q", err, tt.says)
			}
		})
	}
}
