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
	// The detail is what holds (en and en2; zh and zh2) ⇒ the grade.
	rule := func(code string, g Grade, en, en2, zh, zh2 string) Factor {
		var buf [256]byte
		w := newWords(buf[:]).s(en).s(en2).s(" ⇒ at least ").s(string(g)).
			zh().s(zh).s(zh2).s(" ⇒ 不低于").s(g.Chinese()).s("风险")
		return newFactor(code, SidePolicy, float64(g.Rank()), w.phrase())
	}
	var fs []Factor
	if f.Occupied {
		fs = append(fs, rule("floor_occupied", p.Occupied, "occupied", "", "管道被占压", ""))
		if p.MajorHazardClass(s.class) {
			fs = append(fs, rule("floor_major_hazard", p.MajorHazard, "occupied at "+s.class,
				": major hazard (MOHURD criteria, Jianchenggui [2023] No. 4)", pressureClassZH(s.class)+"管道被占压",
				"，判定为重大隐患（"+MajorHazardClause+"）"))
		}
		if s.aged {
			fs = append(fs, rule("floor_occupied_aged", p.OccupiedAggravated, "occupied and aged", "", "管道被占压且老化", ""))
		}
		if d := p.densePlace(f); d.en != "" {
			fs = append(fs, rule("floor_occupied_dense_place", p.OccupiedAggravated, "occupied with ", d.en, "管道被占压，且", d.zh))
		}
	}
	if n := f.ThroughSewers; n > 0 {
		fs = append(fs, rule("floor_through_sewer", p.ThroughSewer,
			fmt.Sprintf("%d crossing(s) through a sewer or culvert", n), " (GB 50028-2006 §6.3.8)",
			fmt.Sprintf("%d处穿越排水管道（涵洞）", n), "（GB 50028-2006 第6.3.8条）"))
		if e := f.ThroughSewersExposed; e > 0 && (f.SewerReachReceptors > 0 || f.SewerReachPlaces > 0 || f.DensePlaces > 0) {
			fs = append(fs, rule("floor_through_sewer_exposed", p.ThroughSewerExposed,
				fmt.Sprintf("%d of them without casing or a detector in the sewer", e), ", people within its reach",
				fmt.Sprintf("其中%d处无套管或排水管道内无监测", e), "，沿线有人员"))
		}
	}
	if s.renewal == RenewalGreyCastIron {
		fs = append(fs, rule("floor_grey_cast_iron", p.GreyCastIron, "grey cast iron, all of it renewed",
			" (State Council plan Guobanfa [2022] No. 22)", "灰口铸铁管道应全部更新改造", "（国办发〔2022〕22号）"))
	}
	return fs
}

// densePlace describes the dense-occupancy place in reach, empty if none.
func (p Floors) densePlace(f Facts) phrase {
	if f.DensePlaces > 0 {
		return phrase{fmt.Sprintf("%d dense-occupancy place(s) in reach", f.DensePlaces),
			fmt.Sprintf("影响范围内有人员密集场所%d处", f.DensePlaces)}
	}
	for _, u := range f.OccupiedUses {
		if contains(p.DenseUses, u) {
			return phrase{"a " + u + " occupying the pipe", "占压建筑为" + useZH(u)}
		}
	}
	for _, r := range f.Receptors {
		if r.Count > 0 && contains(p.DenseUses, r.Use) {
			return phrase{"a " + r.Use + " within the impact radius", "影响半径内有" + useZH(r.Use)}
		}
	}
	return phrase{}
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
