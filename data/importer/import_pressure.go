package importer

import (
	"fmt"

	"gasrisk/riskmodel"
)

// pressure fills pressure_class from pressure_mpa when only the latter is
// given, with the documented default class (MPA,
// riskmodel.DefaultConfig's consequence.default_pressure_class) when
// neither is, and refuses a pipe whose two disagree.
func (r *featureReader) pressure(out *row) string {
	if r.layer.Name != "pipes" {
		return ""
	}
	ci, mi := fieldIndex(r.layer, "pressure_class"), fieldIndex(r.layer, "pressure_mpa")
	class, _ := out.values[ci].(string)
	mpa, hasMPa := out.values[mi].(float64)
	switch {
	case class == "" && !hasMPa:
		out.values[ci] = r.defaultClass
		out.assumed = append(out.assumed, "pressure_class")
	case class == "":
		c := riskmodel.PressureClass(mpa)
		if c == "" {
			return fmt.Sprintf("pressure_mpa %g must be above 0", mpa)
		}
		out.values[ci] = c
	case hasMPa && riskmodel.PressureClass(mpa) != class:
		return fmt.Sprintf("pressure_mpa %g is not in pressure class %s", mpa, class)
	}
	return ""
}

func fieldIndex(l Layer, name string) int {
	for i, f := range l.Fields {
		if f.Name == name {
			return i
		}
	}
	return -1
}
