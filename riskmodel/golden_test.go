package riskmodel

import (
	"bytes"
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.json")

// goldenCases are representative segments whose full assessments are pinned.
func goldenCases() map[string]Facts {
	return map[string]Facts{
		"young_pe_lp_empty": plain(),
		"cast_iron_street": {SegmentID: 2, PipeID: "CI-17", LengthM: 85, Material: MaterialCastIron,
			DiameterMM: 150, PressureClass: ClassLP, InstallYear: 1968, DepthM: 0.9, AsOfYear: 2025,
			SewerCrossings: 1, CrossingsWithoutDetector: 1, LeakHistory: 1, SewerReachReceptors: 6,
			Receptors: []ReceptorCount{{UseResidential, 4, 24}, {UseCommercial, 1, 2}}},
		"school_on_pipe": {SegmentID: 3, PipeID: "PE-204", LengthM: 18, Material: MaterialPE,
			DiameterMM: 160, PressureClass: ClassMPA, InstallYear: 2010, DepthM: 1.0, AsOfYear: 2025,
			Occupied: true, OccupiedUses: []string{UseSchool}, DensePlaces: 1, PlaceCapacity: 1200,
			Receptors: []ReceptorCount{{UseSchool, 2, 8}, {UseResidential, 3, 18}}},
		"shpb_occupied_guarded": {SegmentID: 4, PipeID: "ST-9", LengthM: 32, Material: MaterialSteel,
			DiameterMM: 219, PressureClass: ClassSHPB, InstallYear: 1998, DepthM: 1.4, AsOfYear: 2025,
			Occupied: true, OccupiedUses: []string{UseResidential}, ClearanceKinds: []string{ClearanceBuilding},
			TemporaryMeasures: []string{"guard", "leak_detector"},
			Receptors:         []ReceptorCount{{UseResidential, 9, 54}}},
		"hpa_urban_works": {SegmentID: 5, PipeID: "HP-1", LengthM: 640, Material: MaterialSteel,
			DiameterMM: 508, PressureMPa: 4.0, InstallYear: 2005, DepthM: 0.5, AsOfYear: 2025,
			ThirdPartyWorks: 2, DensePlaces: 1, PlaceCapacity: 800,
			Receptors: []ReceptorCount{{UseResidential, 38, 420}, {UseCommercial, 6, 30}, {UseMall, 1, 5}}},
		"unknown_everything": {SegmentID: 6, PipeID: "X", Material: "", AsOfYear: 2025},
		"grey_cast_iron_open_ground": {SegmentID: 7, PipeID: "CI-3", LengthM: 60, Material: MaterialCastIron,
			DiameterMM: 100, PressureClass: ClassLP, InstallYear: 1975, DepthM: 1.0, AsOfYear: 2025},
	}
}

func TestGolden(t *testing.T) {
	c := DefaultConfig()
	for name, f := range goldenCases() {
		t.Run(name, func(t *testing.T) {
			got, err := json.MarshalIndent(Assess(c, f), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := filepath.Join("testdata", name+".golden.json")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./riskmodel -run TestGolden -update)", err)
			}
			if !bytes.Equal(got, want) && !sameJSON(t, got, want) {
				t.Fatalf("%s differs from the golden file; if intended, rerun with -update\ngot:\n%s", path, got)
			}
		})
	}
}

// sameJSON compares two JSON documents, numbers to a relative 1e-9 so that
// platforms that fuse multiply-adds (arm64, ppc64, s390x) still match.
func sameJSON(t *testing.T, a, b []byte) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		t.Fatal("golden file is not valid JSON")
	}
	return approxEqual(x, y)
}

func approxEqual(x, y any) bool {
	switch xv := x.(type) {
	case float64:
		yv, ok := y.(float64)
		return ok && math.Abs(xv-yv) <= 1e-9*math.Max(math.Abs(xv), math.Abs(yv))
	case []any:
		yv, ok := y.([]any)
		if !ok || len(xv) != len(yv) {
			return false
		}
		for i := range xv {
			if !approxEqual(xv[i], yv[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		yv, ok := y.(map[string]any)
		if !ok || len(xv) != len(yv) {
			return false
		}
		for k := range xv {
			if !approxEqual(xv[k], yv[k]) {
				return false
			}
		}
		return true
	}
	return reflect.DeepEqual(x, y)
}
