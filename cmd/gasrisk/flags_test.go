package main

import (
	"flag"
	"reflect"
	"testing"
)

func TestParseInterspersed(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		pos     []string
		srid    int
		replace bool
	}{
		{"flags first", []string{"--srid", "4547", "--replace", "pipes", "a.geojson"}, []string{"pipes", "a.geojson"}, 4547, true},
		{"flags last", []string{"pipes", "a.geojson", "--srid=4547", "--replace"}, []string{"pipes", "a.geojson"}, 4547, true},
		{"flags between", []string{"pipes", "--srid", "4547", "a.geojson"}, []string{"pipes", "a.geojson"}, 4547, false},
		{"double dash ends flags", []string{"pipes", "--", "--weird-name.geojson"}, []string{"pipes", "--weird-name.geojson"}, 0, false},
		{"no args", nil, nil, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := flag.NewFlagSet("x", flag.ContinueOnError)
			srid := fs.Int("srid", 0, "")
			replace := fs.Bool("replace", false, "")
			pos, err := parseInterspersed(fs, tt.args)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(pos, tt.pos) || *srid != tt.srid || *replace != tt.replace {
				t.Errorf("pos %q srid %d replace %v", pos, *srid, *replace)
			}
		})
	}
}

func TestPairs(t *testing.T) {
	m, err := pairs("map", "dst=src", []string{"material=MATERIAAL", " diameter_mm = DIAM "})
	if err != nil || m["material"] != "MATERIAAL" || m["diameter_mm"] != "DIAM" {
		t.Fatalf("%v %v", m, err)
	}
	for _, bad := range []string{"material", "=x", "x="} {
		if _, err := pairs("map", "dst=src", []string{bad}); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
