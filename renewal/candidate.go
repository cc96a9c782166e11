// Package renewal plans the renewal programme of ageing gas pipes that
// 国办发〔2022〕22号 asks every city for: candidates in a renewal category
// (riskmodel §6), their cost (riskmodel.RenewalPlan), jobs of contiguous
// candidates, and a multi-year plan that schedules the mandatory
// categories first and then ranks jobs by risk reduced per yuan, each year
// within its budget (docs/risk-model.md §11). It is pure: the data layer
// finds the candidates and which of them touch.
package renewal

import (
	"fmt"
	"strings"

	"gasrisk/riskmodel"
)

// Candidate is a pipe in a renewal category.
type Candidate struct {
	PipeID string `json:"pipe_id"`
	// Category is the pipe's renewal category: of its segments' the one
	// first in precedence (riskmodel.RenewalCategories).
	Category      string  `json:"category"`
	LengthM       float64 `json:"length_m"`
	DiameterMM    float64 `json:"diameter_mm"` // 0 unknown
	Material      string  `json:"material"`
	InstallYear   int     `json:"install_year"` // 0 unknown
	PressureClass string  `json:"pressure_class"`
	District      string  `json:"district"`
	Surface       string  `json:"surface"`   // "" unknown
	Condition     string  `json:"condition"` // the assessed condition ("" none)
	OccupiedM     float64 `json:"occupied_m"`
	// Risk is Σ score × km over the pipe's segments in the current run.
	Risk float64 `json:"risk"`
	// Cluster: candidates with one Cluster are adjacent (one district,
	// within the join tolerance, transitively); Order is a position along
	// the cluster, for splitting a job too dear for one year.
	Cluster int64   `json:"cluster"`
	Order   float64 `json:"-"`
}

// Reasons says, in lang ("zh" or "en"), why the pipe is a candidate: its
// category and what it rests on, at as-of year asOf.
func (c Candidate) Reasons(lang string, asOf int) []string {
	en, zh := riskmodel.RenewalCategoryLabels(c.Category)
	out := []string{pick(lang, en, zh)}
	if c.InstallYear > 0 && asOf >= c.InstallYear {
		out = append(out, pick(lang, fmt.Sprintf("%s installed %d (%d years)", c.Material, c.InstallYear, asOf-c.InstallYear),
			fmt.Sprintf("%s管道，%d年敷设（%d年）", materialZH(c.Material), c.InstallYear, asOf-c.InstallYear)))
	}
	if c.Condition != "" && c.Condition != riskmodel.ConditionGood {
		out = append(out, pick(lang, "assessed "+strings.ReplaceAll(c.Condition, "_", " "), "评估："+conditionZH(c.Condition)))
	}
	if c.OccupiedM > 0 {
		out = append(out, pick(lang, fmt.Sprintf("occupied over %.0f m", c.OccupiedM), fmt.Sprintf("被占压%.0f米", c.OccupiedM)))
	}
	return out
}

func pick(lang, en, zh string) string {
	if lang == "zh" {
		return zh
	}
	return en
}

func materialZH(m string) string {
	switch m {
	case riskmodel.MaterialCastIron:
		return "灰口铸铁"
	case riskmodel.MaterialDuctileIron:
		return "球墨铸铁"
	case riskmodel.MaterialSteel:
		return "钢质"
	case riskmodel.MaterialPE:
		return "聚乙烯"
	}
	return m
}

func conditionZH(c string) string {
	switch c {
	case riskmodel.ConditionCorrosion:
		return "腐蚀"
	case riskmodel.ConditionLeakHistory:
		return "有泄漏记录"
	case riskmodel.ConditionFailedInspection:
		return "检测不合格"
	}
	return c
}
