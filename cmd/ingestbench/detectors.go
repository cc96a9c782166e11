package main

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
)

// writeDetectors writes n methane manhole detectors spread over the
// districts' extent.
func writeDetectors(o options) error {
	b, err := os.ReadFile(o.districts)
	if err != nil {
		return err
	}
	var fc struct {
		Features []struct {
			Geometry struct {
				Coordinates json.RawMessage `json:"coordinates"`
			} `json:"geometry"`
		} `json:"features"`
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		return err
	}
	minX, minY, maxX, maxY := 180.0, 90.0, -180.0, -90.0
	for _, f := range fc.Features {
		var rings [][][2]float64
		if json.Unmarshal(f.Geometry.Coordinates, &rings) != nil {
			continue
		}
		for _, r := range rings {
			for _, p := range r {
				minX, minY, maxX, maxY = min(minX, p[0]), min(minY, p[1]), max(maxX, p[0]), max(maxY, p[1])
			}
		}
	}
	if minX > maxX {
		return fmt.Errorf("%s: no polygon", o.districts)
	}
	r := rand.New(rand.NewPCG(1, 2))
	out, err := os.Create(o.out)
	if err != nil {
		return err
	}
	defer out.Close()
	fmt.Fprint(out, `{"type":"FeatureCollection","features":[`)
	for i := 0; i < o.n; i++ {
		if i > 0 {
			fmt.Fprint(out, ",")
		}
		x, y := minX+r.Float64()*(maxX-minX), minY+r.Float64()*(maxY-minY)
		fmt.Fprintf(out, `{"type":"Feature","properties":{"id":%q,"kind":"methane_manhole","install_year":2024},"geometry":{"type":"Point","coordinates":[%.7f,%.7f]}}`,
			sensorID(i), x, y)
	}
	fmt.Fprintln(out, `]}`)
	return out.Close()
}
