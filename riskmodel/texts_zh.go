package riskmodel

import (
	"strconv"
	"strings"
)

// The Chinese names the detail texts use (Factor.DetailZH), in the terms
// of GB 50028-2006, GB 55009-2021 and the 2022 State Council renewal
// plan. Keys without a name (a building use or a measure the model does
// not know) are shown as they are.

// materialNameZH is the Chinese name of a material key.
func materialNameZH(m string) string {
	switch m {
	case MaterialCastIron:
		return "灰口铸铁"
	case MaterialDuctileIron:
		return "球墨铸铁"
	case MaterialSteel:
		return "钢"
	case MaterialPE:
		return "聚乙烯（PE）"
	case MaterialCopper:
		return "铜"
	case MaterialOther:
		return "其他材质"
	case MaterialUnknown:
		return "材质不详"
	}
	return m
}

// pressureClassZH is the Chinese name of a pressure class (GB 50028-2006
// §6.1.6).
func pressureClassZH(class string) string {
	switch class {
	case ClassLP:
		return "低压"
	case ClassMPB:
		return "中压B"
	case ClassMPA:
		return "中压A"
	case ClassSHPB:
		return "次高压B"
	case ClassSHPA:
		return "次高压A"
	case ClassHPB:
		return "高压B"
	case ClassHPA:
		return "高压A"
	}
	return class
}

// useZH is the Chinese name of a building use.
func useZH(use string) string {
	switch use {
	case UseResidential:
		return "住宅"
	case UseCommercial:
		return "商业建筑"
	case UseSchool:
		return "学校"
	case UseHospital:
		return "医院"
	case UseNursingHome:
		return "养老院"
	case UseMall:
		return "商场"
	case UseMarket:
		return "集贸市场"
	case UseOther:
		return "其他建筑"
	}
	return use
}

// clearanceZH is the Chinese name of what a clearance is to.
func clearanceZH(kind string) string {
	switch kind {
	case ClearanceBuilding:
		return "建（构）筑物"
	case ClearanceSewer:
		return "排水管道"
	case ClearanceWater:
		return "给水管道"
	}
	return kind
}

// measureZH is the Chinese name of a temporary control measure.
func measureZH(m string) string {
	switch m {
	case "guard":
		return "专人看护"
	case "leak_detector":
		return "泄漏检测报警装置"
	case "patrol":
		return "加密巡查"
	case "warning_sign":
		return "警示标志"
	}
	return m
}

// decadeZH is the Chinese name of an install-decade key.
func decadeZH(d string) string {
	switch {
	case d == DecadeUnknown:
		return "年代不详"
	case d == "pre1940":
		return "1940年以前"
	case strings.HasSuffix(d, "s"):
		return strings.TrimSuffix(d, "s") + "年代"
	}
	return d
}

// gradeZH is a grade as Chinese risk level: 重大风险 … 低风险.
func gradeZH(g Grade) string {
	if z := g.Chinese(); z != "" {
		return z + "风险"
	}
	return string(g)
}

// joinZH joins Chinese list items with the enumeration comma.
func joinZH(items []string, name func(string) string) string {
	var b strings.Builder
	for i, x := range items {
		if i > 0 {
			b.WriteString("、")
		}
		b.WriteString(name(x))
	}
	return b.String()
}

// words writes a phrase into one buffer, the English text first, then,
// after zh, the Chinese: with a buffer on the caller's stack the phrase
// costs one allocation, where two fmt.Sprintf calls cost several (the
// analysis writes the details of a million segments a run). The methods
// take and return words by value, so that the buffer stays on the stack.
type words struct {
	b   []byte
	mid int
}

// newWords starts a phrase in buf.
func newWords(buf []byte) words { return words{b: buf[:0]} }

func (w words) s(x string) words { w.b = append(w.b, x...); return w }

func (w words) d(n int) words { w.b = strconv.AppendInt(w.b, int64(n), 10); return w }

// f writes v as fmt's %.<prec>f does.
func (w words) f(v float64, prec int) words {
	w.b = strconv.AppendFloat(w.b, v, 'f', prec, 64)
	return w
}

// zh ends the English text; what follows is the Chinese.
func (w words) zh() words { w.mid = len(w.b); return w }

func (w words) phrase() phrase {
	s := string(w.b)
	return phrase{s[:w.mid], s[w.mid:]}
}

// list writes items separated by sep, each through name (as they are if
// name is nil).
func (w words) list(items []string, sep string, name func(string) string) words {
	for i, x := range items {
		if i > 0 {
			w = w.s(sep)
		}
		if name != nil {
			x = name(x)
		}
		w = w.s(x)
	}
	return w
}
