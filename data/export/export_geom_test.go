package export_test

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"gasrisk/data/datatest"
	"gasrisk/data/export"
	"gasrisk/synth"
)

// TestExportGeometryFromMercatorCopy: the export writes geometries from
// the EPSG:3857 copy (the cheaper inverse); every segment of a generated
// city gets the very GeoJSON geometry, to 7 decimals, that the working
// CRS's geometry gives.
func TestExportGeometryFromMercatorCopy(t *testing.T) {
	s := env.Services(t)
	datatest.LoadCity(t, s.DB, synth.Config{Segments: 300, Seed: 11})
	var buf bytes.Buffer
	if _, err := s.Export.Export(context.Background(), &buf, export.Options{}); err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Features []struct {
			Geometry   json.RawMessage
			Properties struct {
				SegmentID int64 `json:"segment_id"`
			}
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &fc); err != nil {
		t.Fatal(err)
	}
	want := map[int64]string{}
	rows, err := s.DB.Pool.Query(context.Background(), `SELECT segment_id, ST_AsGeoJSON(ST_Transform(geom, 4326), 7)
		FROM segments WHERE run_id = (SELECT run_id FROM current_run)`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id int64
		var g string
		if err := rows.Scan(&id, &g); err != nil {
			t.Fatal(err)
		}
		want[id] = g
	}
	if len(fc.Features) != len(want) || len(want) == 0 {
		t.Fatalf("%d features exported, %d segments", len(fc.Features), len(want))
	}
	differ := 0
	for _, f := range fc.Features {
		if string(f.Geometry) != want[f.Properties.SegmentID] {
			differ++
			if differ == 1 {
				t.Logf("segment %d: %s, want %s", f.Properties.SegmentID, f.Geometry, want[f.Properties.SegmentID])
			}
		}
	}
	if differ > 0 {
		t.Errorf("%d of %d segments exported with other coordinates than their working-CRS geometry gives", differ, len(want))
	}
}
