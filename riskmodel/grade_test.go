package riskmodel

import "testing"

func TestGrades(t *testing.T) {
	tests := []struct {
		g    Grade
		zh   string
		rank int
	}{
		{GradeBlue, "低", 1}, {GradeYellow, "一般", 2}, {GradeOrange, "较大", 3}, {GradeRed, "重大", 4}, {"purple", "", 0},
	}
	for _, tt := range tests {
		t.Run(string(tt.g), func(t *testing.T) {
			if tt.g.Chinese() != tt.zh || tt.g.Rank() != tt.rank || tt.g.Valid() != (tt.rank > 0) {
				t.Fatalf("%s: Chinese %q Rank %d", tt.g, tt.g.Chinese(), tt.g.Rank())
			}
			if _, err := ParseGrade(string(tt.g)); (err == nil) != (tt.rank > 0) {
				t.Fatalf("ParseGrade(%s) error %v", tt.g, err)
			}
		})
	}
}

func TestThresholdsGrade(t *testing.T) {
	th := Thresholds{Yellow: 10, Orange: 150, Red: 600}
	tests := []struct {
		score float64
		want  Grade
	}{
		{0, GradeBlue}, {9.99, GradeBlue}, {10, GradeYellow}, {149.9, GradeYellow}, {150, GradeOrange},
		{599, GradeOrange}, {600, GradeRed}, {1e9, GradeRed},
	}
	for _, tt := range tests {
		if got := th.Grade(tt.score); got != tt.want {
			t.Errorf("Grade(%v) = %s, want %s", tt.score, got, tt.want)
		}
	}
}
