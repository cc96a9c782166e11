package riskmodel

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// Consequence holds the consequence-of-failure weights. CoF is a sum of
// components in receptor equivalents (one single-storey residential building
// = 1): the open impact area, the buildings within the impact radius, the
// dense-occupancy places, and the sewer migration paths.
type Consequence struct {
	// ImpactCoefficient and MinImpactRadiusM define ImpactRadius.
	ImpactCoefficient float64 `json:"impact_coefficient"`
	MinImpactRadiusM  float64 `json:"min_impact_radius_m"`
	// OpenAreaPer1000M2 weighs the impact circle itself (passers-by,
	// traffic, property) per 1000 m²; it must be positive so that CoF > 0.
	OpenAreaPer1000M2 float64 `json:"open_area_per_1000_m2"`
	// UseWeights weighs one building by use; unknown uses weigh as "other".
	UseWeights map[string]float64 `json:"use_weights"`
	// ExtraFloorWeight adds per floor above the first, as a fraction of the
	// building's use weight.
	ExtraFloorWeight float64 `json:"extra_floor_weight"`
	// DensePlace weighs each dense-occupancy place in reach, plus
	// CapacityPer100 per 100 persons of their capacity.
	DensePlace     float64 `json:"dense_place"`
	CapacityPer100 float64 `json:"capacity_per_100"`
	// SewerCrossing weighs each crossing without a leak detector; a crossing
	// with one weighs (1 − DetectorCredit) of that.
	SewerCrossing  float64 `json:"sewer_crossing"`
	DetectorCredit float64 `json:"detector_credit"`
	// NearParallelSewer weighs a sewer running alongside the segment.
	NearParallelSewer float64 `json:"near_parallel_sewer"`
	// SewerReachReceptor weighs each building, and SewerReachPlace each
	// dense-occupancy place, along the connected sewers a crossing reaches;
	// with a detector on the stretch reached they weigh (1 −
	// DetectorCredit) of that.
	SewerReachReceptor float64 `json:"sewer_reach_receptor"`
	SewerReachPlace    float64 `json:"sewer_reach_place"`
	// Outage weighs the customers an isolation of the segment cuts off.
	Outage Outage `json:"outage"`
	// DefaultDiameterMM and DefaultPressureClass stand in for an unknown
	// diameter or pressure when computing the impact radius.
	DefaultDiameterMM    float64 `json:"default_diameter_mm"`
	DefaultPressureClass string  `json:"default_pressure_class"`
}

func defaultConsequence() Consequence {
	return Consequence{
		ImpactCoefficient: 0.0997,
		MinImpactRadiusM:  10,
		OpenAreaPer1000M2: 0.5,
		UseWeights: map[string]float64{
			UseResidential: 1, UseCommercial: 1, UseOther: 0.5,
			UseSchool: 5, UseHospital: 5, UseNursingHome: 5, UseMarket: 4, UseMall: 4,
		},
		ExtraFloorWeight:     0.1,
		DensePlace:           3,
		CapacityPer100:       1,
		SewerCrossing:        2,
		DetectorCredit:       0.5,
		NearParallelSewer:    1,
		SewerReachReceptor:   0.5,
		SewerReachPlace:      1.5,
		Outage:               defaultOutage(),
		DefaultDiameterMM:    100,
		DefaultPressureClass: ClassMPA,
	}
}

// consequence returns the CoF and dst with its component factors appended.
func (c Config) consequence(dst []Factor, f Facts, s segment) (float64, []Factor) {
	k := c.Consequence
	area := k.OpenAreaPer1000M2 * math.Pi * s.radius * s.radius / 1000
	first := len(dst)
	fs := append(dst, newFactor("impact_radius", SideConsequence, area, s.radiusDetail))
	// Details are written only for the components present.
	add := func(code string, v float64, detail phrase) {
		fs = append(fs, newFactor(code, SideConsequence, v, detail))
	}
	if code, v, d := k.receptors(f.Receptors); v > 0 {
		add(code, v, d)
	}
	n, p := max(f.DensePlaces, 0), max(f.PlaceCapacity, 0)
	if v := k.DensePlace*float64(n) + k.CapacityPer100*float64(p)/100; v > 0 {
		var buf [96]byte
		w := newWords(buf[:])
		add("dense_places", v, w.d(n).s(" place(s), capacity ").d(p).zh().s("人员密集场所").d(n).s("处，可容纳").d(p).s("人").phrase())
	}
	if code, v, d := k.crossings(f); v > 0 {
		add(code, v, d)
	}
	if f.NearParallelSewerM > 0 && k.NearParallelSewer > 0 {
		add("near_parallel_sewer", k.NearParallelSewer, phrase{
			fmt.Sprintf("%.0f m alongside a sewer within its clearance", f.NearParallelSewerM),
			fmt.Sprintf("有%.0f m管段与平行排水管道的间距小于安全间距", f.NearParallelSewerM)})
	}
	if v, d := c.sewerReach(f); v > 0 {
		add("sewer_reach", v, d)
	}
	if v, d := k.Outage.factor(f); v > 0 {
		add("outage", v, d)
	}
	cof := 0.0
	for _, x := range fs[first:] {
		cof += x.Value
	}
	return cof, fs
}

// useCount is the buildings of one use within the impact radius.
type useCount struct {
	use           string
	count, floors int
}

// receptors weighs the buildings by use and floors.
// The detail is written only when the amount is positive.
func (k Consequence) receptors(rs []ReceptorCount) (string, float64, phrase) {
	var arr [8]useCount
	by := arr[:0] // by use, in order of use
	for _, r := range rs {
		if r.Count <= 0 {
			continue
		}
		i, found := slices.BinarySearchFunc(by, r.Use, func(a useCount, u string) int { return strings.Compare(a.use, u) })
		if !found {
			by = slices.Insert(by, i, useCount{use: r.Use})
		}
		by[i].count += r.Count
		by[i].floors += max(r.Floors, 0)
	}
	total := 0.0
	for _, a := range by {
		w, ok := k.UseWeights[a.use]
		if !ok {
			w = k.UseWeights[UseOther]
		}
		extra := float64(max(a.floors-a.count, 0))
		total += w * (float64(a.count) + k.ExtraFloorWeight*extra)
	}
	if !(total > 0) {
		return "receptors", total, phrase{}
	}
	var buf [384]byte
	w := newWords(buf[:])
	for i, a := range by {
		if i > 0 {
			w = w.s(", ")
		}
		w = w.d(a.count).s(" ").s(a.use).s(" (").d(a.floors).s(" floors)")
	}
	w = w.zh()
	for i, a := range by {
		if i > 0 {
			w = w.s("、")
		}
		if name := useZH(a.use); name != a.use {
			w = w.s(name)
		} else {
			w = w.s(name).s(" ") // a use the model does not know, as it is
		}
		w = w.d(a.count).s("栋（共").d(a.floors).s("层）")
	}
	return "receptors", total, w.phrase()
}

// crossings weighs sewer crossings, crediting those covered by a detector.
// The detail is written only when the amount is positive.
func (k Consequence) crossings(f Facts) (string, float64, phrase) {
	n := max(f.SewerCrossings, 0)
	without := min(max(f.CrossingsWithoutDetector, 0), n)
	v := k.SewerCrossing * (float64(without) + (1-k.DetectorCredit)*float64(n-without))
	if !(v > 0) {
		return "sewer_crossing", v, phrase{}
	}
	var buf [160]byte
	w := newWords(buf[:])
	return "sewer_crossing", v, w.d(n).s(" crossing(s), ").d(without).s(" without a leak detector").
		zh().s("与排水管道交叉").d(n).s("处，其中").d(without).s("处未设泄漏检测装置").phrase()
}
