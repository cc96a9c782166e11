package ledger_test

import (
	"context"
	"testing"

	"gasrisk/hazard"
)

// TestIdentityIsHazardKey checks that the analysis stores every hazard
// under the identity the pure rule gives (hazard.Key.Identity): the ledger
// pairs the findings of every run with its hazards by it.
func TestIdentityIsHazardKey(t *testing.T) {
	s := env.CasesCity(t)
	rows, err := s.DB.Pool.Query(context.Background(), `SELECT identity, kind, coalesce(pipe_id, ''), coalesce(part, 0),
		coalesce(station_id, ''), coalesce(ref_layer, ''), coalesce(ref_id, '') FROM hazards`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	kinds := map[string]int{}
	for rows.Next() {
		var identity string
		var k hazard.Key
		if err := rows.Scan(&identity, &k.Kind, &k.PipeID, &k.Part, &k.StationID, &k.RefLayer, &k.RefID); err != nil {
			t.Fatal(err)
		}
		kinds[k.Kind]++
		if got := k.Identity(); got != identity {
			t.Errorf("hazard %q: the rule gives %q", identity, got)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{hazard.Occupied, hazard.Aged, hazard.ThroughSewer, hazard.StationDense, hazard.StationLife} {
		if kinds[k] == 0 {
			t.Errorf("no %s hazard in the hand-built city: the test covers less than it should", k)
		}
	}
}
