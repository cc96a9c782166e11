package riskmodel

import "fmt"

// Floors are the policy minimum grades of docs/design.md §4.
//
// Occupation (占压): a building, structure or other facility inside the
// protection range of a buried pipe of a class in MajorHazardClasses
// (medium pressure or higher) is a major hazard (重大隐患) by
// 《城镇燃气经营安全重大隐患判定标准》(建城规〔2023〕4号): at least MajorHazard
// (red), listed for supervision. Any other occupied segment (low
// pressure) is at least Occupied (orange), and OccupiedAggravated (red)
// together with ageing or a dense-occupancy place in reach (a DensePlaces
// count, or an occupying or receptor building whose use is in DenseUses).
// A low-pressure occupation is thus never graded above an otherwise equal
// medium-pressure one.
//
// Through a sewer (穿越): a pipe that passes through a sewer, culvert or
// other confined space must lie in a sealed casing (GB 50028-2006 §6.3.8):
// such a segment is at least ThroughSewer (orange), and ThroughSewerExposed
// (red) when a crossing it passes through has no casing or no leak
// detector in that sewer and people are within the sewer's reach
// (buildings along it, or dense-occupancy places in reach).
//
// Grey cast iron (renewal category grey_cast_iron) is at least
// GreyCastIron (yellow) anywhere: 国办发〔2022〕22号 renews all of it.
type Floors struct {
	Occupied           Grade `json:"occupied"`
	OccupiedAggravated Grade `json:"occupied_aggravated"`
	// MajorHazardClasses are the classes whose occupation is a 重大隐患.
	MajorHazardClasses  []string `json:"major_hazard_classes"`
	MajorHazard         Grade    `json:"major_hazard"`
	GreyCastIron        Grade    `json:"grey_cast_iron"`
	DenseUses           []string `json:"dense_uses"`
	ThroughSewer        Grade    `json:"through_sewer"`
	ThroughSewerExposed Grade    `json:"through_sewer_exposed"`
}

// MajorHazardClause is the clause that makes an occupied medium-pressure
// or higher pipe a major hazard (its article number is unconfirmed, see
// docs/risk-model.md, "Values not confirmed").
const MajorHazardClause = "建城规〔2023〕4号"

func defaultFloors() Floors {
	return Floors{
		Occupied:            GradeOrange,
		OccupiedAggravated:  GradeRed,
		MajorHazardClasses:  []string{ClassMPB, ClassMPA, ClassSHPB, ClassSHPA, ClassHPB, ClassHPA},
		MajorHazard:         GradeRed,
		GreyCastIron:        GradeYellow,
		DenseUses:           []string{UseSchool, UseHospital, UseNursingHome, UseMarket, UseMall},
		ThroughSewer:        GradeOrange,
		ThroughSewerExposed: GradeRed,
	}
}

// MajorHazardClass reports whether an occupied pipe of pressure class class is
// a major hazard (重大隐患).
func (p Floors) MajorHazardClass(class string) bool { return contains(p.MajorHazardClasses, class) }

// floors returns a policy factor for every floor rule that applies, the
// basic rule of each kind first: occupation, through a sewer, grey cast
// iron.
func (p Floors) floors(f Facts, s segment) []Factor {
	rule := func(code string, g Grade, detail string) Factor {
		return newFactor(code, SidePolicy, float64(g.Rank()), detail+" ⇒ at least "+string(g))
	}
	var fs []Factor
	if f.Occupied {
		fs = append(fs, rule("floor_occupied", p.Occupied, "occupied"))
		if p.MajorHazardClass(s.class) {
			fs = append(fs, rule("floor_major_hazard", p.MajorHazard,
				fmt.Sprintf("occupied at %s: major hazard (重大隐患, %s)", s.class, MajorHazardClause)))
		}
		if s.aged {
			fs = append(fs, rule("floor_occupied_aged", p.OccupiedAggravated, "occupied and aged"))
		}
		if d := p.densePlace(f); d != "" {
			fs = append(fs, rule("floor_occupied_dense_place", p.OccupiedAggravated, "occupied with "+d))
		}
	}
	if f.ThroughSewers > 0 {
		fs = append(fs, rule("floor_through_sewer", p.ThroughSewer,
			fmt.Sprintf("%d crossing(s) through a sewer or culvert (GB 50028-2006 §6.3.8)", f.ThroughSewers)))
		if f.ThroughSewersExposed > 0 && (f.SewerReachReceptors > 0 || f.DensePlaces > 0) {
			fs = append(fs, rule("floor_through_sewer_exposed", p.ThroughSewerExposed,
				fmt.Sprintf("%d of them without casing or a detector in the sewer, people within its reach", f.ThroughSewersExposed)))
		}
	}
	if s.renewal == RenewalGreyCastIron {
		fs = append(fs, rule("floor_grey_cast_iron", p.GreyCastIron, "grey cast iron, all of it renewed (国办发〔2022〕22号)"))
	}
	return fs
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
