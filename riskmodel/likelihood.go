package riskmodel

import (
	"math"
	"sort"
	"strings"
)

// Likelihood holds the threat modifiers that multiply the base rate. All
// aggravating multipliers are >= 1; temporary measures are in (0, 1].
type Likelihood struct {
	// Occupied multiplies the rate of an occupied segment: loads on the
	// pipe, no leak survey or repair access, corrosion under slabs.
	Occupied float64 `json:"occupied"`
	// Clearance multiplies per kind of insufficient clearance found
	// (building, sewer, water); several kinds multiply together.
	Clearance map[string]float64 `json:"clearance"`
	// VerticalGap multiplies when the vertical gap at a crossing is short.
	VerticalGap float64 `json:"vertical_gap"`
	// Aged multiplies an aged segment (policy ageing on top of the
	// decade factor of the base rate).
	Aged float64 `json:"aged"`
	// ThirdPartyPerWork and ThirdPartyMaxWorks are the keys active permits
	// had when they multiplied the whole likelihood (1 + per_work ×
	// min(n, max_works)); permits now raise the excavation threat alone.
	//
	// Deprecated: use Evidence.PermitWeight and Evidence.PermitMaxWorks.
	// A value given here wins over those (old model files and recorded
	// runs keep their meaning as a weight per permit); LoadConfig moves it
	// there.
	ThirdPartyPerWork  *float64 `json:"third_party_per_work,omitempty"`
	ThirdPartyMaxWorks *int     `json:"third_party_max_works,omitempty"`
	// ShallowCover multiplies when the known depth of cover is below
	// ShallowCoverM.
	ShallowCover  float64 `json:"shallow_cover"`
	ShallowCoverM float64 `json:"shallow_cover_m"`
	// LeakPerEvent adds per recorded leak, up to LeakMaxEvents:
	// 1 + LeakPerEvent × min(n, LeakMaxEvents).
	LeakPerEvent  float64 `json:"leak_per_event"`
	LeakMaxEvents int     `json:"leak_max_events"`
	// TemporaryMeasures maps interim control measures to multipliers < 1;
	// measures not listed get no credit. The product of all credited
	// measures is never below MinTemporaryMultiplier.
	TemporaryMeasures      map[string]float64 `json:"temporary_measures"`
	MinTemporaryMultiplier float64            `json:"min_temporary_multiplier"`
}

func defaultLikelihood() Likelihood {
	return Likelihood{
		Occupied:      5,
		Clearance:     map[string]float64{ClearanceBuilding: 2, ClearanceSewer: 2, ClearanceWater: 1.5},
		VerticalGap:   1.5,
		Aged:          1.5,
		ShallowCover:  1.5,
		ShallowCoverM: 0.6,
		LeakPerEvent:  1,
		LeakMaxEvents: 3,
		TemporaryMeasures: map[string]float64{
			"guard": 0.7, "leak_detector": 0.8, "patrol": 0.85, "warning_sign": 0.95,
		},
		MinTemporaryMultiplier: 0.5,
	}
}

// likelihood returns the LoF per km·yr and dst with its factors appended.
func (c Config) likelihood(dst []Factor, f Facts, s segment) (float64, []Factor) {
	base, m, d := c.BaseRates.Rate(s.material, f.InstallYear)
	detail := remember(s.texts.base, baseKey{m, d, f.InstallYear}, func() phrase {
		return c.withShares(baseDetail(c.BaseRates, m, d, f.InstallYear), m)
	})
	n := len(dst)
	b := newFactor("base_rate", SideLikelihood, base, detail)
	b.Threat = remember(s.texts.threat, m, func() string { return c.baseThreat(m) })
	fs, _, _ := c.evidence(append(dst, b), f, s)
	fs = c.Likelihood.modifiers(fs, f, s)
	fs = c.Sensors.alarmFactor(fs, f)
	lof := base
	for _, x := range fs[n+1:] {
		lof *= x.Value
	}
	return lof, fs
}

// modifiers appends to fs one factor per applicable threat modifier.
func (l Likelihood) modifiers(fs []Factor, f Facts, s segment) []Factor {
	add := func(code string, v float64, detail phrase) {
		fs = append(fs, newFactor(code, SideLikelihood, v, detail))
	}
	if f.Occupied {
		add("occupied", l.Occupied, occupiedDetail(f.OccupiedUses))
	}
	if v, kinds := l.clearance(f.ClearanceKinds); len(kinds) > 0 {
		var buf [192]byte
		w := newWords(buf[:])
		w = w.s("too close to ").list(kinds, ", ", nil).zh().s("与").list(kinds, "、", clearanceZH)
		add("clearance", v, w.s("的水平净距不足").phrase())
	}
	if f.VerticalGapViolation {
		add("vertical_gap", l.VerticalGap, phrase{"vertical gap at a sewer crossing below the minimum",
			"与排水管道交叉处垂直净距小于规定值"})
	}
	if s.aged {
		add("aged", l.Aged, s.agedDetail)
	}
	if f.DepthM > 0 && f.DepthM < l.ShallowCoverM {
		var buf [64]byte
		w := newWords(buf[:])
		add("shallow_cover", l.ShallowCover, w.s("cover ").f(f.DepthM, 2).s(" m < ").f(l.ShallowCoverM, 2).s(" m").
			zh().s("覆土深度").f(f.DepthM, 2).s(" m < ").f(l.ShallowCoverM, 2).s(" m").phrase())
	}
	if n := f.LeakHistory; n > 0 {
		var buf [64]byte
		w := newWords(buf[:])
		add("leak_history", 1+l.LeakPerEvent*float64(min(n, l.LeakMaxEvents)),
			w.d(n).s(" recorded leak(s)").zh().s("有").d(n).s("次泄漏记录").phrase())
	}
	if v, detail, ok := l.temporary(f.TemporaryMeasures); ok {
		add("temporary_measure", v, detail)
	}
	return fs
}

// clearance returns the product of the multipliers of the distinct known
// kinds found, and those kinds in sorted order.
func (l Likelihood) clearance(kinds []string) (float64, []string) {
	seen := map[string]bool{}
	var out []string
	v := 1.0
	for _, k := range kinds {
		m, ok := l.Clearance[k]
		if !ok || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, k)
		v *= m
	}
	sort.Strings(out)
	return v, out
}

// temporary returns the credited multiplier of the measures in place.
func (l Likelihood) temporary(measures []string) (float64, phrase, bool) {
	seen := map[string]bool{}
	var credited, ignored []string
	v := 1.0
	for _, m := range measures {
		if seen[m] {
			continue
		}
		seen[m] = true
		if k, ok := l.TemporaryMeasures[m]; ok {
			v *= k
			credited = append(credited, m)
		} else {
			ignored = append(ignored, m)
		}
	}
	if len(measures) == 0 {
		return 1, phrase{}, false
	}
	detail := "in place: " + strings.Join(credited, ", ")
	zh := "已采取：" + joinZH(credited, measureZH)
	if len(credited) == 0 {
		detail, zh = "none credited", "无可折减的临时措施"
	}
	if len(ignored) > 0 {
		detail += "; no credit for: " + strings.Join(ignored, ", ")
		zh += "；不予折减：" + joinZH(ignored, measureZH)
	}
	return math.Max(v, l.MinTemporaryMultiplier), phrase{detail, zh}, true
}

// occupiedDetail names the uses of the occupying buildings.
func occupiedDetail(uses []string) phrase {
	var buf [192]byte
	w := newWords(buf[:])
	w = w.s("building within the protection range")
	if len(uses) > 0 {
		w = w.s(" (").list(uses, ", ", nil).s(")")
	}
	w = w.zh().s("管道保护范围内有建（构）筑物占压")
	if len(uses) > 0 {
		w = w.s("（").list(uses, "、", useZH).s("）")
	}
	return w.phrase()
}
