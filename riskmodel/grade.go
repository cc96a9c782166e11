package riskmodel

import "fmt"

// Grade is one of the four risk levels of the four-colour map
// (安全风险四色图): red 重大, orange 较大, yellow 一般, blue 低.
type Grade string

// The four grades.
const (
	GradeBlue   Grade = "blue"
	GradeYellow Grade = "yellow"
	GradeOrange Grade = "orange"
	GradeRed    Grade = "red"
)

// Grades returns the grades from lowest to highest.
func Grades() []Grade { return []Grade{GradeBlue, GradeYellow, GradeOrange, GradeRed} }

// Rank orders the grades: blue 1, yellow 2, orange 3, red 4; 0 for an
// invalid grade.
func (g Grade) Rank() int {
	for i, k := range Grades() {
		if k == g {
			return i + 1
		}
	}
	return 0
}

// Valid reports whether g is one of the four grades.
func (g Grade) Valid() bool { return g.Rank() > 0 }

// Chinese returns the level's Chinese name: 重大, 较大, 一般 or 低 (as in
// 重大风险); "" for an invalid grade.
func (g Grade) Chinese() string {
	switch g {
	case GradeRed:
		return "重大"
	case GradeOrange:
		return "较大"
	case GradeYellow:
		return "一般"
	case GradeBlue:
		return "低"
	}
	return ""
}

// English returns the level's English name: Major, Significant, Moderate
// or Low (the vocabulary of every English page, export and print); "" for
// an invalid grade.
func (g Grade) English() string {
	switch g {
	case GradeRed:
		return "Major"
	case GradeOrange:
		return "Significant"
	case GradeYellow:
		return "Moderate"
	case GradeBlue:
		return "Low"
	}
	return ""
}

// RGB returns the grade's colour on every map gasrisk draws (web map,
// raster tiles, printed map, spreadsheet cells) as 0xRRGGBB; grey for an
// invalid grade. The web map's style.js repeats these values (a test in
// web checks that they agree).
func (g Grade) RGB() uint32 {
	switch g {
	case GradeRed:
		return 0xd7191c
	case GradeOrange:
		return 0xfdae61
	case GradeYellow:
		return 0xffd92f
	case GradeBlue:
		return 0x2c7bb6
	}
	return 0x8c8c8c
}

// ParseGrade accepts "red", "orange", "yellow" or "blue".
func ParseGrade(s string) (Grade, error) {
	g := Grade(s)
	if !g.Valid() {
		return "", fmt.Errorf("unknown grade %q (want red, orange, yellow or blue)", s)
	}
	return g, nil
}

// Thresholds are the lower score bounds of the grades above blue; they must
// ascend: 0 < Yellow < Orange < Red.
type Thresholds struct {
	Yellow float64 `json:"yellow"`
	Orange float64 `json:"orange"`
	Red    float64 `json:"red"`
}

// Grade returns the grade of a score: red at or above Red, orange at or
// above Orange, yellow at or above Yellow, blue below.
func (t Thresholds) Grade(score float64) Grade {
	switch {
	case score >= t.Red:
		return GradeRed
	case score >= t.Orange:
		return GradeOrange
	case score >= t.Yellow:
		return GradeYellow
	}
	return GradeBlue
}

// Validate checks that the thresholds are finite, positive and ascending.
func (t Thresholds) Validate() error {
	if !finite(t.Yellow) || !finite(t.Orange) || !finite(t.Red) || !(t.Yellow > 0) {
		return fmt.Errorf("thresholds must be positive finite numbers, got yellow=%v orange=%v red=%v", t.Yellow, t.Orange, t.Red)
	}
	if !(t.Yellow < t.Orange && t.Orange < t.Red) {
		return fmt.Errorf("thresholds must ascend (yellow < orange < red), got yellow=%v orange=%v red=%v", t.Yellow, t.Orange, t.Red)
	}
	return nil
}
