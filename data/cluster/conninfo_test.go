package cluster_test

import (
	"testing"

	"gasrisk/data/cluster"
)

func TestConninfo(t *testing.T) {
	tests := []struct {
		name  string
		pairs [][2]string
		want  string
	}{
		{"plain", [][2]string{{"host", "/tmp/s"}, {"port", "5433"}}, "host=/tmp/s port=5433"},
		{"space", [][2]string{{"host", "/tmp/my dir"}}, `host='/tmp/my dir'`},
		{"quote and backslash", [][2]string{{"password", `it's\x`}}, `password='it\'s\\x'`},
		{"empty", [][2]string{{"password", ""}}, `password=''`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cluster.Conninfo(tt.pairs); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}
