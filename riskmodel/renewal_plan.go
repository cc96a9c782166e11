package riskmodel

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
)

// Surfaces over a pipe, the surface multiplier's keys (pipes.surface):
// a road carriageway, a footway, green land or unpaved ground.
const (
	SurfaceRoad     = "road"
	SurfaceSidewalk = "sidewalk"
	SurfaceGreen    = "green"
	SurfaceUnpaved  = "unpaved"
)

// Surfaces returns the surface types a pipe may lie under.
func Surfaces() []string {
	return []string{SurfaceRoad, SurfaceSidewalk, SurfaceGreen, SurfaceUnpaved}
}

// RenewalPlan configures the renewal programme (docs/risk-model.md §11):
// what a renewal costs, which categories 国办发〔2022〕22号 makes
// mandatory, and how near candidate pipes must lie to be dug as one job.
// The cost figures are planning assumptions, not rates of any standard.
type RenewalPlan struct {
	// NewMaterial is the material a pipe of each pressure class is
	// renewed in.
	NewMaterial map[string]string `json:"new_material"`
	// CostBands are yuan per metre of new pipe by diameter band, in
	// ascending MaxDiameterMM; a pipe above the last band's maximum (or
	// of unknown diameter above it) costs the last band's rate.
	CostBands []CostBand `json:"cost_bands"`
	// SurfaceMultiplier scales the cost per metre by the surface dug up
	// and reinstated; DefaultSurface is taken for a pipe without one.
	SurfaceMultiplier map[string]float64 `json:"surface_multiplier"`
	DefaultSurface    string             `json:"default_surface"`
	// FixedPerJobYuan is added once per job (survey, design, traffic
	// management, tie-ins, commissioning).
	FixedPerJobYuan float64 `json:"fixed_per_job_yuan"`
	// Mandatory are the categories scheduled before every other, as
	// 国办发〔2022〕22号 requires.
	Mandatory []MandatoryRule `json:"mandatory"`
	// JoinToleranceM: candidate pipes of one district this near each
	// other (touching ends: 0) are dug as one job.
	JoinToleranceM float64 `json:"join_tolerance_m"`
}

// CostBand is the cost per metre of new pipe up to a diameter.
type CostBand struct {
	MaxDiameterMM float64            `json:"max_diameter_mm"`
	YuanPerM      map[string]float64 `json:"yuan_per_m"` // by new material
}

// MandatoryRule makes a renewal category mandatory, at the listed
// pressure classes (empty: at all).
type MandatoryRule struct {
	Category        string   `json:"category"`
	PressureClasses []string `json:"pressure_classes,omitempty"`
}

func defaultRenewalPlan() RenewalPlan {
	band := func(max, pe, steel float64) CostBand {
		return CostBand{MaxDiameterMM: max, YuanPerM: map[string]float64{MaterialPE: pe, MaterialSteel: steel}}
	}
	return RenewalPlan{
		NewMaterial: map[string]string{ClassLP: MaterialPE, ClassMPB: MaterialPE, ClassMPA: MaterialPE,
			ClassSHPB: MaterialSteel, ClassSHPA: MaterialSteel, ClassHPB: MaterialSteel, ClassHPA: MaterialSteel},
		CostBands: []CostBand{band(110, 600, 900), band(200, 900, 1300), band(315, 1300, 1800), band(500, 2000, 2600),
			band(1000, 3000, 3800)},
		SurfaceMultiplier: map[string]float64{SurfaceRoad: 1.6, SurfaceSidewalk: 1.25, SurfaceGreen: 1.0, SurfaceUnpaved: 0.9},
		DefaultSurface:    SurfaceRoad,
		FixedPerJobYuan:   200000,
		Mandatory: []MandatoryRule{{Category: RenewalGreyCastIron},
			{Category: RenewalOccupied, PressureClasses: []string{ClassMPB, ClassMPA}}},
		JoinToleranceM: 1,
	}
}

// IsMandatory reports whether a pipe of the category and pressure class is
// in a mandatory category.
func (p RenewalPlan) IsMandatory(category, class string) bool {
	for _, r := range p.Mandatory {
		if r.Category == category && (len(r.PressureClasses) == 0 || contains(r.PressureClasses, class)) {
			return true
		}
	}
	return false
}

// NewMaterialFor is the material a pipe of the pressure class is renewed
// in (steel for an unknown class).
func (p RenewalPlan) NewMaterialFor(class string) string {
	if m, ok := p.NewMaterial[class]; ok {
		return m
	}
	return MaterialSteel
}

// YuanPerM is the cost per metre of renewing a pipe of the diameter (0:
// unknown, the first band), class and surface ("": DefaultSurface), with
// the new material.
func (p RenewalPlan) YuanPerM(diameterMM float64, class, surface string) (float64, string) {
	m := p.NewMaterialFor(class)
	b := p.CostBands[len(p.CostBands)-1]
	for _, x := range p.CostBands {
		if diameterMM <= x.MaxDiameterMM {
			b = x
			break
		}
	}
	mult, ok := p.SurfaceMultiplier[surface]
	if !ok {
		mult = p.SurfaceMultiplier[p.DefaultSurface]
	}
	return b.YuanPerM[m] * mult, m
}

// RenewedRiskFactor is the share of a pipe's risk left after renewing it
// in newMaterial in the year renewed: the ratio of the base rates (§2)
// of the new pipe to the old, at most 1. It ignores the ageing and
// condition modifiers the old pipe loses too, so it understates the
// reduction; the scenario analysis regrades in full.
func (c Config) RenewedRiskFactor(material string, installYear int, newMaterial string, renewed int) float64 {
	old, _, _ := c.BaseRates.Rate(material, installYear)
	now, _, _ := c.BaseRates.Rate(newMaterial, renewed)
	if !(old > 0) || now >= old {
		return 1
	}
	return now / old
}

func (p RenewalPlan) validate() error {
	var errs []error
	for class, m := range p.NewMaterial {
		if !contains(PressureClasses(), class) {
			errs = append(errs, fmt.Errorf("renewal.new_material: unknown pressure class %q", class))
		}
		if !KnownMaterial(m) {
			errs = append(errs, fmt.Errorf("renewal.new_material[%q]: unknown material %q", class, m))
		}
	}
	if len(p.CostBands) == 0 {
		errs = append(errs, errors.New("renewal.cost_bands: at least one band is needed"))
	}
	if !sort.SliceIsSorted(p.CostBands, func(i, j int) bool { return p.CostBands[i].MaxDiameterMM < p.CostBands[j].MaxDiameterMM }) {
		errs = append(errs, errors.New("renewal.cost_bands: max_diameter_mm must ascend"))
	}
	used := map[string]bool{MaterialSteel: true}
	for _, m := range p.NewMaterial {
		used[m] = true
	}
	for i, b := range p.CostBands {
		errs = append(errs, positive(fmt.Sprintf("renewal.cost_bands[%d].max_diameter_mm", i), b.MaxDiameterMM))
		for m := range used {
			errs = append(errs, positive(fmt.Sprintf("renewal.cost_bands[%d].yuan_per_m[%q]", i, m), b.YuanPerM[m]))
		}
	}
	for _, s := range Surfaces() {
		errs = append(errs, positive(fmt.Sprintf("renewal.surface_multiplier[%q]", s), p.SurfaceMultiplier[s]))
	}
	for s := range p.SurfaceMultiplier {
		if !contains(Surfaces(), s) {
			errs = append(errs, fmt.Errorf("renewal.surface_multiplier: unknown surface %q", s))
		}
	}
	if !contains(Surfaces(), p.DefaultSurface) {
		errs = append(errs, fmt.Errorf("renewal.default_surface: unknown surface %q", p.DefaultSurface))
	}
	errs = append(errs, nonNegative("renewal.fixed_per_job_yuan", p.FixedPerJobYuan),
		nonNegative("renewal.join_tolerance_m", p.JoinToleranceM))
	for i, r := range p.Mandatory {
		if !contains(RenewalCategories(), r.Category) {
			errs = append(errs, fmt.Errorf("renewal.mandatory[%d].category: unknown category %q", i, r.Category))
		}
		if err := knownAll(fmt.Sprintf("renewal.mandatory[%d].pressure_classes", i), r.PressureClasses, PressureClasses()); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// UnmarshalJSON decodes a band afresh: a band given in a model file
// replaces the default one at its index whole (encoding/json would merge
// its yuan_per_m into the default's).
func (b *CostBand) UnmarshalJSON(data []byte) error {
	type plain CostBand
	var x plain
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&x); err != nil {
		return err
	}
	*b = CostBand(x)
	return nil
}
