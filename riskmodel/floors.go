package riskmodel

import "fmt"

// Floors are the policy minimum grades of docs/design.md §4: an occupied segment is
// at least Occupied (orange); occupied together with ageing, a pressure
// class in HighPressureClasses or a dense-occupancy place in reach (a
// DensePlaces count, or an occupying or receptor building whose use is in
// DenseUses) is at least OccupiedAggravated (red). Grey cast iron (renewal
// category grey_cast_iron) is at least GreyCastIron (yellow) anywhere.
type Floors struct {
	Occupied            Grade    `json:"occupied"`
	OccupiedAggravated  Grade    `json:"occupied_aggravated"`
	GreyCastIron        Grade    `json:"grey_cast_iron"`
	HighPressureClasses []string `json:"high_pressure_classes"`
	DenseUses           []string `json:"dense_uses"`
}

func defaultFloors() Floors {
	return Floors{
		Occupied:            GradeOrange,
		OccupiedAggravated:  GradeRed,
		GreyCastIron:        GradeYellow,
		HighPressureClasses: []string{ClassSHPB, ClassSHPA, ClassHPB, ClassHPA},
		DenseUses:           []string{UseSchool, UseHospital, UseNursingHome, UseMarket, UseMall},
	}
}

// floors returns a policy factor for every floor rule that applies: the
// occupied rules, the basic one first, then grey cast iron.
func (p Floors) floors(f Facts, s segment) []Factor {
	rule := func(code string, g Grade, detail string) Factor {
		return newFactor(code, SidePolicy, float64(g.Rank()), detail+" ⇒ at least "+string(g))
	}
	var grey []Factor
	if s.renewal == RenewalGreyCastIron {
		grey = append(grey, rule("floor_grey_cast_iron", p.GreyCastIron, "grey cast iron, all of it renewed (国办发〔2022〕22号)"))
	}
	if !f.Occupied {
		return grey
	}
	fs := []Factor{rule("floor_occupied", p.Occupied, "occupied")}
	if s.aged {
		fs = append(fs, rule("floor_occupied_aged", p.OccupiedAggravated, "occupied and aged"))
	}
	if contains(p.HighPressureClasses, s.class) {
		fs = append(fs, rule("floor_occupied_high_pressure", p.OccupiedAggravated, fmt.Sprintf("occupied at %s", s.class)))
	}
	if d := p.densePlace(f); d != "" {
		fs = append(fs, rule("floor_occupied_dense_place", p.OccupiedAggravated, "occupied with "+d))
	}
	return append(fs, grey...)
}

// densePlace describes the dense-occupancy place in reach, or "" if none.
func (p Floors) densePlace(f Facts) string {
	if f.DensePlaces > 0 {
		return fmt.Sprintf("%d dense-occupancy place(s) in reach", f.DensePlaces)
	}
	for _, u := range f.OccupiedUses {
		if contains(p.DenseUses, u) {
			return "a " + u + " occupying the pipe"
		}
	}
	for _, r := range f.Receptors {
		if r.Count > 0 && contains(p.DenseUses, r.Use) {
			return "a " + r.Use + " within the impact radius"
		}
	}
	return ""
}

// apply raises g by the floor factors and returns the new grade and the
// code of the rule that raised it ("" if none did).
func applyFloors(g Grade, fs []Factor) (Grade, string) {
	rule := ""
	for _, x := range fs {
		fg := Grades()[int(x.Value)-1]
		if fg.Rank() > g.Rank() {
			g, rule = fg, x.Code
		}
	}
	return g, rule
}
