package sensors_test

import (
	"context"
	"sort"
	"testing"

	"gasrisk"
	"gasrisk/riskmodel"
)

func TestSuggest(t *testing.T) {
	s := env.CasesCity(t)
	ctx := context.Background()
	radius := riskmodel.DefaultConfig().Detection.DetectorSearchRadiusM
	all, err := s.Sensors.Suggest(ctx, 1000, radius)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) == 0 {
		t.Fatal("no candidate in the cases city")
	}
	// Every candidate is an uncovered crossing the analysis flagged, of a
	// sewer (not a water main), ranked by its score.
	if !sort.SliceIsSorted(all, func(i, j int) bool { return all[i].Score > all[j].Score }) {
		t.Errorf("candidates not ranked by score: %+v", all)
	}
	pipes := map[string]bool{}
	for i, c := range all {
		if c.Rank != i+1 || c.Score <= 0 || c.SewerKind == "water" || len(c.Findings) == 0 {
			t.Errorf("candidate %+v", c)
		}
		pipes[c.PipeID] = true
	}
	for _, covered := range []string{"cross-ok", "sewer-1.1", "water-0.4"} {
		if pipes[covered] {
			t.Errorf("pipe %s (covered by a detector, or no crossing) is a candidate", covered)
		}
	}
	if !pipes["cross-vgap"] {
		t.Errorf("the uncovered crossing of pipe cross-vgap is not a candidate: %+v", all)
	}
	top, err := s.Sensors.Suggest(ctx, 1, radius)
	if err != nil || len(top) != 1 || top[0].PipeID != all[0].PipeID || top[0].SewerID != all[0].SewerID || top[0].Score != all[0].Score {
		t.Fatalf("count 1: %+v, %v; want the first of %+v", top, err, all[:1])
	}
	// A detector put at the first candidate takes it off the list.
	_, err = s.DB.Pool.Exec(ctx, `INSERT INTO detectors (id, kind, geom, geom_3857)
		SELECT 'NEW-1', 'methane_manhole', g, ST_Transform(g, 3857)
		FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 4326), (SELECT ST_SRID(geom) FROM pipes LIMIT 1)) g) p`,
		top[0].Lon, top[0].Lat)
	if err != nil {
		t.Fatal(err)
	}
	after, err := s.Sensors.Suggest(ctx, 1000, radius)
	if err != nil || len(after) != len(all)-1 {
		t.Fatalf("after a detector at the first candidate: %d candidates, %v; want %d", len(after), err, len(all)-1)
	}
	for _, c := range after {
		if c.PipeID == top[0].PipeID && c.SewerID == top[0].SewerID {
			t.Errorf("the covered crossing is still suggested: %+v", c)
		}
	}
	if _, err := s.Sensors.Suggest(ctx, 0, radius); gasrisk.ErrorCode(err) != gasrisk.EINVALID {
		t.Errorf("count 0: %v", err)
	}
}
