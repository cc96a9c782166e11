package riskmodel

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// TestPermitsRaiseExcavation: active permits raise the excavation threat
// alone — its share rises, the third_party factor names the threat and
// is the only factor they add to the likelihood (no second multiplier),
// and the likelihood is base × (1 + share·weight·min(n, max)).
func TestPermitsRaiseExcavation(t *testing.T) {
	c := DefaultConfig()
	tests := []struct {
		name     string
		material string
		works    int
	}{
		{"steel, one permit", MaterialSteel, 1},
		{"steel, past the cap", MaterialSteel, 7},
		{"cast iron, two permits", MaterialCastIron, 2},
		{"PE, three permits", MaterialPE, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plainF := steelStreet()
			plainF.Material = tt.material
			f := plainF
			f.ThirdPartyWorks = tt.works
			before, after := Assess(c, plainF), Assess(c, f)
			share := c.Shares(plainF)[ThreatExcavation]
			want := 1 + share*c.Evidence.PermitWeight*float64(min(tt.works, c.Evidence.PermitMaxWorks))
			if math.Abs(after.LoF/before.LoF-want) > 1e-9*want {
				t.Errorf("LoF × %.4f, want 1 + %.3f × %g × min(%d, %d) = %.4f", after.LoF/before.LoF, share,
					c.Evidence.PermitWeight, tt.works, c.Evidence.PermitMaxWorks, want)
			}
			if got := c.Shares(f)[ThreatExcavation]; !(got > share) {
				t.Errorf("excavation share %.3f → %.3f, want it to rise", share, got)
			}
			tp, ok := factor(after, "third_party")
			if !ok || tp.Threat != ThreatExcavation || math.Abs(tp.Value-want) > 1e-9*want ||
				!strings.Contains(tp.Detail, "active permit(s) within the control range: excavation +") ||
				!strings.Contains(tp.DetailZH, "项在施第三方施工：第三方施工破坏威胁+") {
				t.Errorf("third_party factor %+v", tp)
			}
			mix, ok := factor(after, "threat_mix")
			if !ok || !strings.Contains(mix.Detail, "excavation / third party") {
				t.Errorf("threat_mix %+v", mix)
			}
			if len(after.Factors) != len(before.Factors)+2 {
				t.Errorf("permits added %d factors, want third_party and threat_mix", len(after.Factors)-len(before.Factors))
			}
			checkContributions(t, after)
		})
	}
}

// TestPermitsAndPatrolsAddOnExcavation: an unpermitted dig seen on patrol
// and an active permit both add to the excavation multiplier, each with
// its own factor.
func TestPermitsAndPatrolsAddOnExcavation(t *testing.T) {
	c := DefaultConfig()
	f := steelStreet()
	f.ThirdPartyWorks = 1
	f.Patrols = []Patrol{{ID: "T-1", Observation: PatrolWorksWithoutPermit, DaysAgo: 3}}
	a := Assess(c, f)
	share := c.Shares(steelStreet())[ThreatExcavation]
	want := 1 + share*(c.Evidence.PermitWeight+c.Evidence.PatrolWeight[PatrolWorksWithoutPermit])
	if got := a.LoF / Assess(c, steelStreet()).LoF; math.Abs(got-want) > 1e-9*want {
		t.Errorf("LoF × %.4f, want %.4f", got, want)
	}
	for _, code := range []string{"third_party", "patrol"} {
		if x, ok := factor(a, code); !ok || x.Threat != ThreatExcavation {
			t.Errorf("%s factor %+v", code, x)
		}
	}
	checkContributions(t, a)
}

// TestDeprecatedPermitKeys: model files and recorded runs that give the
// old likelihood keys keep working; LoadConfig moves them to the evidence
// keys and refuses a key given under both names.
func TestDeprecatedPermitKeys(t *testing.T) {
	withWorks := steelStreet()
	withWorks.ThirdPartyWorks = 3
	t.Run("model file", func(t *testing.T) {
		old, err := LoadConfig(strings.NewReader(`{"likelihood":{"third_party_per_work":3,"third_party_max_works":2}}`))
		if err != nil {
			t.Fatal(err)
		}
		if old.Evidence.PermitWeight != 3 || old.Evidence.PermitMaxWorks != 2 ||
			old.Likelihood.ThirdPartyPerWork != nil || old.Likelihood.ThirdPartyMaxWorks != nil {
			t.Fatalf("old keys not moved: evidence %+v, likelihood %v %v", old.Evidence, old.Likelihood.ThirdPartyPerWork,
				old.Likelihood.ThirdPartyMaxWorks)
		}
		b, _ := json.Marshal(old)
		if strings.Contains(string(b), "third_party_per_work") {
			t.Error("the recorded config still has the deprecated key")
		}
		now, err := LoadConfig(strings.NewReader(`{"evidence":{"permit_weight":3,"permit_max_works":2}}`))
		if err != nil {
			t.Fatal(err)
		}
		if Assess(old, withWorks).Score != Assess(now, withWorks).Score {
			t.Error("old and new keys grade differently")
		}
	})
	t.Run("recorded run", func(t *testing.T) {
		// a run recorded before the move, read over the defaults leniently
		// (data.DecodeRunConfig)
		c := DefaultConfig()
		if err := json.Unmarshal([]byte(`{"likelihood":{"third_party_per_work":1,"third_party_max_works":1}}`), &c); err != nil {
			t.Fatal(err)
		}
		if err := c.Validate(); err != nil {
			t.Fatal(err)
		}
		want := 1 + c.Shares(steelStreet())[ThreatExcavation]*1
		if got := Assess(c, withWorks).LoF / Assess(c, steelStreet()).LoF; math.Abs(got-want) > 1e-9 {
			t.Errorf("LoF × %.4f, want %.4f (the recorded weight)", got, want)
		}
	})
	rejects := []struct{ name, json, says string }{
		{"both weights", `{"likelihood":{"third_party_per_work":3},"evidence":{"permit_weight":2}}`, "keep evidence.permit_weight"},
		{"both maxima", `{"likelihood":{"third_party_max_works":3},"evidence":{"permit_max_works":2}}`, "keep evidence.permit_max_works"},
		{"negative old weight", `{"likelihood":{"third_party_per_work":-1}}`, "likelihood.third_party_per_work"},
		{"negative weight", `{"evidence":{"permit_weight":-1}}`, "evidence.permit_weight"},
		{"negative maximum", `{"evidence":{"permit_max_works":-1}}`, "the maxima >= 0"},
	}
	for _, tt := range rejects {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadConfig(strings.NewReader(tt.json))
			if err == nil || !strings.Contains(err.Error(), tt.says) {
				t.Errorf("err = %v, want %q", err, tt.says)
			}
		})
	}
}
