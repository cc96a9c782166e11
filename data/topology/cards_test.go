package topology_test

import (
	"context"
	"slices"
	"testing"

	"gasrisk/data/datatest"
	"gasrisk/data/topology"
	"gasrisk/hazard"
	"gasrisk/synth"
)

// TestCards: on a connected city, the emergency card of every hazard of
// the ledger, answered in one call, holds what the isolation trace from
// that hazard (POST /api/v1/isolation with its hazard_id) answers — the
// valves to close and passed with their positions, the customers, meters
// and critical customers, the stations and sources — and the station
// nearest to the hazard; a hazard on a pipe out of service gets a card
// that says why it has no trace.
func TestCards(t *testing.T) {
	ctx := context.Background()
	s := env.Services(t)
	datatest.LoadCity(t, s.DB, synth.Config{Segments: 600, Seed: 3, Connected: true})
	topo := topology.New(s.DB)
	var ids []int64
	if err := s.DB.Pool.QueryRow(ctx, `SELECT array_agg(id ORDER BY id) FROM hazards`).Scan(&ids); err != nil || len(ids) < 5 {
		t.Fatalf("the city has %d hazards (%v)", len(ids), err)
	}
	cards, err := topo.Cards(ctx, append(ids, 999999))
	if err != nil {
		t.Fatal(err)
	}
	if len(cards) != len(ids) {
		t.Fatalf("%d cards for %d hazards (and an unknown id)", len(cards), len(ids))
	}
	traced, withValves, withCritical := 0, 0, 0
	for i, id := range ids {
		c := cards[id]
		if i%5 != 0 && len(c.Critical) == 0 { // a sample, and every card naming critical customers
			continue
		}
		iso, err := topo.Isolate(ctx, topology.Start{HazardID: &id})
		if err != nil {
			if c.NoTrace == "" {
				t.Errorf("hazard %d: Isolate fails (%v), the card has a trace", id, err)
			}
			continue
		}
		traced++
		if c.NoTrace != "" || c.PipeID != iso.Start.PipeID {
			t.Errorf("hazard %d: card from %q (no trace %q), Isolate from %q", id, c.PipeID, c.NoTrace, iso.Start.PipeID)
		}
		same := func(cv []hazard.CardValve, iv []topology.ValveAt) bool {
			return slices.EqualFunc(cv, iv, func(a hazard.CardValve, b topology.ValveAt) bool {
				return a.ID == b.ID && a.Kind == b.Kind && a.Class == b.Class && near(a.Lon, b.Lon) && near(a.Lat, b.Lat)
			})
		}
		if !same(c.Valves, iso.Valves) || !same(c.Passed, iso.Passed) {
			t.Errorf("hazard %d: card valves %v passed %v, Isolate %v %v", id, c.Valves, c.Passed, iso.Valves, iso.Passed)
		}
		if c.Customers != len(iso.Customers) || c.Meters != iso.Meters || len(c.Critical) != iso.Critical ||
			!near(c.IsolatedM, iso.IsolatedM) || !near(c.OutageM, iso.LostM) {
			t.Errorf("hazard %d: card %d customers %d meters %d critical %.1f/%.1f m, Isolate %d %d %d %.1f/%.1f m", id,
				c.Customers, c.Meters, len(c.Critical), c.IsolatedM, c.OutageM, len(iso.Customers), iso.Meters, iso.Critical, iso.IsolatedM, iso.LostM)
		}
		if stationIDs(c.Stations) != featureIDs(iso.Stations) || stationIDs(c.Sources) != featureIDs(iso.Sources) {
			t.Errorf("hazard %d: card stations %v sources %v, Isolate %v %v", id, c.Stations, c.Sources, iso.Stations, iso.Sources)
		}
		for _, cu := range c.Critical {
			if cu.Building != "" && cu.Use == "" {
				t.Errorf("hazard %d: critical customer %s in building %s has no use", id, cu.ID, cu.Building)
			}
		}
		if len(c.Valves) > 0 {
			withValves++
		}
		if len(c.Critical) > 0 {
			withCritical++
		}
		var nearest string
		if err := s.DB.Pool.QueryRow(ctx, `SELECT t.id FROM stations t, hazards h WHERE h.id = $1
			ORDER BY ST_Distance(t.geom, ST_PointOnSurface(h.geom)), t.id LIMIT 1`, id).Scan(&nearest); err != nil {
			t.Fatal(err)
		}
		if c.Nearest == nil || c.Nearest.ID != nearest || c.Nearest.DistanceM < 0 {
			t.Errorf("hazard %d: nearest station %+v, want %s", id, c.Nearest, nearest)
		}
	}
	if traced < len(ids)/10 || withValves == 0 || withCritical == 0 {
		t.Errorf("%d of %d hazards compared with their trace, %d with valves to close, %d naming critical customers",
			traced, len(ids), withValves, withCritical)
	}

	t.Run("a hazard on a pipe out of service", func(t *testing.T) {
		var id int64
		if err := s.DB.Pool.QueryRow(ctx, `UPDATE pipes SET status = 'abandoned' WHERE id = (
			SELECT pipe_id FROM hazards WHERE pipe_id IS NOT NULL ORDER BY id LIMIT 1)
			RETURNING (SELECT min(h.id) FROM hazards h WHERE h.pipe_id = pipes.id)`).Scan(&id); err != nil {
			t.Fatal(err)
		}
		cards, err := topo.Cards(ctx, []int64{id})
		if err != nil {
			t.Fatal(err)
		}
		if c := cards[id]; c.NoTrace != hazard.NoTraceOut || len(c.Valves) != 0 || c.Nearest == nil {
			t.Errorf("card %+v, want no trace (%s) and a nearest station", c, hazard.NoTraceOut)
		}
	})
}

func near(a, b float64) bool { return a-b < 1e-6 && b-a < 1e-6 }

func stationIDs(ts []hazard.CardStation) string {
	fs := make([]topology.Feature, len(ts))
	for i, t := range ts {
		fs[i] = topology.Feature{ID: t.ID}
	}
	return featureIDs(fs)
}
