package riskmodel

import (
	"fmt"
	"math"
	"sort"
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
	// SewerReachReceptor weighs each building along the crossing sewers.
	SewerReachReceptor float64 `json:"sewer_reach_receptor"`
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
		DefaultDiameterMM:    100,
		DefaultPressureClass: ClassMPA,
	}
}

// consequence returns the CoF and its component factors.
func (c Config) consequence(f Facts, s segment) (float64, []Factor) {
	k := c.Consequence
	area := k.OpenAreaPer1000M2 * math.Pi * s.radius * s.radius / 1000
	fs := []Factor{newFactor("impact_radius", SideConsequence, area, s.radiusDetail)}
	add := func(code string, v float64, detail string) {
		if v > 0 {
			fs = append(fs, newFactor(code, SideConsequence, v, detail))
		}
	}
	add(k.receptors(f.Receptors))
	add("dense_places", k.DensePlace*float64(max(f.DensePlaces, 0))+k.CapacityPer100*float64(max(f.PlaceCapacity, 0))/100,
		fmt.Sprintf("%d place(s), capacity %d", max(f.DensePlaces, 0), max(f.PlaceCapacity, 0)))
	add(k.crossings(f))
	if f.NearParallelSewerM > 0 {
		add("near_parallel_sewer", k.NearParallelSewer,
			fmt.Sprintf("%.0f m alongside a sewer within its clearance", f.NearParallelSewerM))
	}
	add("sewer_reach", k.SewerReachReceptor*float64(max(f.SewerReachReceptors, 0)),
		fmt.Sprintf("%d building(s) within %.0f m along crossing sewers", f.SewerReachReceptors, c.Detection.SewerReachM))
	cof := 0.0
	for _, x := range fs {
		cof += x.Value
	}
	return cof, fs
}

// receptors weighs the buildings by use and floors.
func (k Consequence) receptors(rs []ReceptorCount) (string, float64, string) {
	type agg struct{ count, floors int }
	by := map[string]agg{}
	for _, r := range rs {
		if r.Count <= 0 {
			continue
		}
		a := by[r.Use]
		by[r.Use] = agg{a.count + r.Count, a.floors + max(r.Floors, 0)}
	}
	uses := make([]string, 0, len(by))
	for u := range by {
		uses = append(uses, u)
	}
	sort.Strings(uses)
	total, parts := 0.0, []string{}
	for _, u := range uses {
		a := by[u]
		w, ok := k.UseWeights[u]
		if !ok {
			w = k.UseWeights[UseOther]
		}
		extra := float64(max(a.floors-a.count, 0))
		total += w * (float64(a.count) + k.ExtraFloorWeight*extra)
		parts = append(parts, fmt.Sprintf("%d %s (%d floors)", a.count, u, a.floors))
	}
	return "receptors", total, strings.Join(parts, ", ")
}

// crossings weighs sewer crossings, crediting those covered by a detector.
func (k Consequence) crossings(f Facts) (string, float64, string) {
	n := max(f.SewerCrossings, 0)
	without := min(max(f.CrossingsWithoutDetector, 0), n)
	v := k.SewerCrossing * (float64(without) + (1-k.DetectorCredit)*float64(n-without))
	return "sewer_crossing", v, fmt.Sprintf("%d crossing(s), %d without a leak detector", n, without)
}
