package printmap

// text is a label in Chinese and English.
type text struct{ zh, en string }

func (t text) in(lang string) string {
	if lang == "en" {
		return t.en
	}
	return t.zh
}

// Grades from highest to lowest, with their colours and legend names.
func gradeOrder() []string { return []string{"red", "orange", "yellow", "blue"} }

func gradeNames() map[string]text {
	return map[string]text{
		"red": {"重大风险", "major (red)"}, "orange": {"较大风险", "significant (orange)"},
		"yellow": {"一般风险", "moderate (yellow)"}, "blue": {"低风险", "low (blue)"},
	}
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
