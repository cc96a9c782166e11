package printmap

import "gasrisk/riskmodel"

// text is a label in Chinese and English.
type text struct{ zh, en string }

func (t text) in(lang string) string {
	if lang == "en" {
		return t.en
	}
	return t.zh
}

// Grades from highest to lowest.
func gradeOrder() []string { return []string{"red", "orange", "yellow", "blue"} }

// gradeName is a grade's level in the one vocabulary of every page:
// 重大/较大/一般/低, Major/Significant/Moderate/Low.
func gradeName(g string) text {
	return text{riskmodel.Grade(g).Chinese(), riskmodel.Grade(g).English()}
}

func titleText(area, lang string) string {
	t := text{"燃气管网安全风险分布图", "Gas network risk distribution map"}.in(lang)
	if area == "" {
		return t
	}
	if lang == "en" {
		return t + " — " + area
	}
	return area + " " + t
}
