package tilesource_test

import (
	"context"
	"strings"
	"testing"

	"github.com/paulmach/orb/encoding/mvt"

	"gasrisk/data/datatest"
	"gasrisk/geo"
	"gasrisk/hazard"
)

// hazardFeature returns the properties of hazard h in its z16 hazards tile
// at version.
func hazardFeature(t *testing.T, s datatest.Services, h hazard.Entry, version string) map[string]any {
	t.Helper()
	b, err := s.Tiles.TileMVT(context.Background(), "hazards", geo.TileAt(h.Lon, h.Lat, 16), version)
	if err != nil {
		t.Fatal(err)
	}
	ls, err := mvt.Unmarshal(b)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range ls {
		for _, f := range l.Features {
			if f.ID == float64(h.ID) {
				return f.Properties
			}
		}
	}
	t.Fatalf("hazard %s not in its tile at %s", h.Code, version)
	return nil
}

// withDay is a hazards version with its date replaced (YYYYMMDD).
func withDay(version, day string) string {
	return version[:strings.LastIndex(version, "-d")+2] + day
}

// TestTileHazardsFollowLedger: the hazards layer draws the ledger's hazards
// with their state, and its version changes with every transition and
// every published run (and with nothing else), so the tile cache never
// serves a hazard in a state it has left.
func TestTileHazardsFollowLedger(t *testing.T) {
	s := env.CasesCity(t)
	ctx := context.Background()
	h := datatest.FindHazard(t, s, "aged ci-new")
	versions := func() map[string]string {
		v, err := s.Tiles.TileVersions(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	before := versions()
	p := hazardFeature(t, s, h, before["hazards"])
	want := map[string]any{"code": h.Code, "kind": h.Kind, "source": "segment", "grade": h.Grade, "state": "open",
		"overdue": false, "listed_supervision": h.Listed, "recheck_due": false, "district": h.District}
	for k, v := range want {
		if p[k] != v {
			t.Errorf("open hazard: %s = %#v, want %#v", k, p[k], v)
		}
	}
	if _, ok := p["deadline"]; ok {
		t.Errorf("open hazard has a deadline: %v", p)
	}

	prev := before
	for _, st := range datatest.Loop() {
		t.Run(string(st), func(t *testing.T) {
			if _, err := s.Ledger.MoveHazard(ctx, h.ID, datatest.Complete(st)); err != nil {
				t.Fatal(err)
			}
			now := versions()
			for l := range now {
				if (now[l] != prev[l]) != (l == "hazards") {
					t.Errorf("after the move to %s, %s: %s → %s", st, l, prev[l], now[l])
				}
			}
			if p := hazardFeature(t, s, h, now["hazards"]); p["state"] != string(st) || p["deadline"] != "2026-09-30" {
				t.Errorf("after the move to %s: %v", st, p)
			}
			prev = now
		})
	}

	// overdue is judged at the version's date: planned and past the deadline
	datatest.SetState(t, s, h.ID, hazard.StatePlanned)
	v := versions()["hazards"]
	for day, overdue := range map[string]bool{"20260930": false, "20261001": true} {
		if p := hazardFeature(t, s, h, withDay(v, day)); p["overdue"] != overdue {
			t.Errorf("planned, deadline 2026-09-30, on %s: overdue %v", day, p["overdue"])
		}
	}
	if _, err := s.Tiles.TileMVT(ctx, "hazards", geo.Tile{Z: 1}, "r1"); err == nil {
		t.Error("hazards tile of a version without a date")
	}

	// a published run changes the version, even when it changes no hazard
	v = versions()["hazards"]
	datatest.Analyze(t, s.DB)
	if after := versions()["hazards"]; after == v {
		t.Errorf("a new run left the hazards version at %s", v)
	}
}
