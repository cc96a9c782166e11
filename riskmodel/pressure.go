package riskmodel

import "math"

// Pressure classes of GB 50028-2006 §6.1.6 (城镇燃气设计压力分级), lowest
// first.
const (
	ClassLP   = "LP"   // 低压 P < 0.01 MPa
	ClassMPB  = "MPB"  // 中压B 0.01 ≤ P ≤ 0.2
	ClassMPA  = "MPA"  // 中压A 0.2 < P ≤ 0.4
	ClassSHPB = "SHPB" // 次高压B 0.4 < P ≤ 0.8
	ClassSHPA = "SHPA" // 次高压A 0.8 < P ≤ 1.6
	ClassHPB  = "HPB"  // 高压B 1.6 < P ≤ 2.5
	ClassHPA  = "HPA"  // 高压A 2.5 < P ≤ 4.0
)

// classBound pairs a class with its nominal (upper bound) pressure.
type classBound struct {
	class string
	mpa   float64
}

// classBounds lists the classes with their upper bounds; LP's bound is
// exclusive, all others inclusive.
func classBounds() []classBound {
	return []classBound{
		{ClassLP, 0.01}, {ClassMPB, 0.2}, {ClassMPA, 0.4}, {ClassSHPB, 0.8},
		{ClassSHPA, 1.6}, {ClassHPB, 2.5}, {ClassHPA, 4.0},
	}
}

// PressureClasses returns the GB 50028 class codes, lowest first.
func PressureClasses() []string {
	var out []string
	for _, b := range classBounds() {
		out = append(out, b.class)
	}
	return out
}

// KnownPressureClass reports whether class is one of PressureClasses.
// Every assessment asks, so it does not build the list.
func KnownPressureClass(class string) bool {
	_, ok := PressureMPa(class)
	return ok
}

// PressureMPa returns the nominal pressure of a class — its upper bound in
// GB 50028 (LP 0.01, MPB 0.2, MPA 0.4, SHPB 0.8, SHPA 1.6, HPB 2.5,
// HPA 4.0 MPa) — and whether the class is known. LP's bound is exclusive,
// so PressureClass(0.01) is MPB; the nominal value is used only for the
// impact radius, where that makes no difference.
func PressureMPa(class string) (float64, bool) {
	for _, b := range classBounds() {
		if b.class == class {
			return b.mpa, true
		}
	}
	return 0, false
}

// PressureClass returns the GB 50028 class of a gauge pressure in MPa: LP
// below 0.01, MPB up to 0.2 inclusive, and so on. Pressures above 4.0 MPa,
// outside the scope of GB 50028, are reported as HPA, the most severe class;
// zero, negative or NaN pressures give "".
func PressureClass(mpa float64) string {
	if !(mpa > 0) {
		return ""
	}
	if mpa < 0.01 {
		return ClassLP
	}
	for _, b := range classBounds()[1:] {
		if mpa <= b.mpa {
			return b.class
		}
	}
	return ClassHPA
}

// finite reports whether v is neither NaN nor infinite.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
