package riskmodel

import "fmt"

// Floors are the policy minimum grades of docs/design.md §4: an occupied segment is
// at least Occupied (orange); occupied together with ageing, a pressure
// class in HighPressureClasses or a dense-occupancy place in reach (a
// DensePlaces count, or an occupying or receptor building whose use is in
// DenseUses) is at least OccupiedAggravated (red).
type Floors struct {
	Occupied            Grade    `json:"occupied"`
	OccupiedAggravated  Grade    `json:"occupied_aggravated"`
	HighPressureClasses []string `json:"high_pressure_classes"`
	DenseUses           []string `json:"dense_uses"`
}

func defaultFloors() Floors {
	return Floors{
		Occupied:            GradeOrange,
		OccupiedAggravated:  GradeRed,
		HighPressureClasses: []string{ClassSHPB, ClassSHPA, ClassHPB, ClassHPA},
		DenseUses:           []string{UseSchool, UseHospital, UseNursingHome, UseMarket, UseMall},
	}
}

// floors returns a policy factor for every floor rule that applies, the
// basic occupied rule first.
func (p Floors) floors(f Facts, s segment) []Factor {
	if !f.Occupied {
		return nil
	}
	// The detail is what holds (en and en2; zh and zh2) ⇒ the grade.
	rule := func(code string, g Grade, en, en2, zh, zh2 string) Factor {
		var buf [256]byte
		w := newWords(buf[:]).s(en).s(en2).s(" ⇒ at least ").s(string(g)).
			zh().s(zh).s(zh2).s(" ⇒ 不低于").s(g.Chinese()).s("风险")
		return newFactor(code, SidePolicy, float64(g.Rank()), w.phrase())
	}
	fs := make([]Factor, 1, 4)
	fs[0] = rule("floor_occupied", p.Occupied, "occupied", "", "管道被占压", "")
	if s.aged {
		fs = append(fs, rule("floor_occupied_aged", p.OccupiedAggravated, "occupied and aged", "", "管道被占压且老化", ""))
	}
	if contains(p.HighPressureClasses, s.class) {
		fs = append(fs, rule("floor_occupied_high_pressure", p.OccupiedAggravated, "occupied at ", s.class,
			pressureClassZH(s.class), "管道被占压"))
	}
	if d := p.densePlace(f); d.en != "" {
		fs = append(fs, rule("floor_occupied_dense_place", p.OccupiedAggravated, "occupied with ", d.en, "管道被占压，且", d.zh))
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
