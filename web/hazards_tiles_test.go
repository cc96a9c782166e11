package web_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/paulmach/orb/encoding/mvt"

	"gasrisk/data/access"
	"gasrisk/data/ledger"
	"gasrisk/geo"
	"gasrisk/hazard"
	"gasrisk/tiles"
	"gasrisk/web"
)

// TestTransitionShowsOnTheMapAtOnce: after a transition through the API,
// the very next hazards tile shows the hazard's new state, although the
// tile service trusts its layer versions for an hour.
func TestTransitionShowsOnTheMapAtOnce(t *testing.T) {
	s := ledgerShared.get(t)
	cfg := tiles.DefaultConfig()
	cfg.VersionTTL = time.Hour
	ts := tiles.New(s.Tiles, cfg)
	srv := httptest.NewServer(web.New(web.Config{}, web.Deps{DB: s.DB, Ledger: s.Ledger, Print: s.Print, Keys: s.Access, Tiles: ts}))
	t.Cleanup(srv.Close)
	key := newKey(t, s, "map editor", access.RoleEditor)

	var page ledger.Page
	if code := call(t, "GET", srv.URL+"/api/v1/hazards?state=open&sort=grade&limit=1", "", "", &page); code != 200 || len(page.Items) == 0 {
		t.Fatalf("no open hazard: %d %+v", code, page)
	}
	h := page.Items[0]
	state := func() any {
		t.Helper()
		resp, body := fetch(t, tileURL(srv.URL, "hazards", geo.TileAt(h.Lon, h.Lat, 16), ".mvt"))
		if resp.StatusCode != 200 {
			t.Fatalf("hazards tile: %d %s", resp.StatusCode, body)
		}
		ls, err := mvt.Unmarshal(body)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range ls {
			for _, f := range l.Features {
				if f.ID == float64(h.ID) {
					return f.Properties["state"]
				}
			}
		}
		t.Fatalf("hazard %s not in its tile", h.Code)
		return nil
	}
	if got := state(); got != "open" {
		t.Fatalf("before the move: state %v", got)
	}
	deadline := time.Now().AddDate(0, 1, 0).Format(time.DateOnly)
	body := fmt.Sprintf(`{"to":"planned","measures":"guard on site","responsible_unit":"Pipe dept.",
		"responsible_person":"Li Na","deadline":%q}`, deadline)
	if code := call(t, "POST", fmt.Sprintf("%s/api/v1/hazards/%d/transitions", srv.URL, h.ID), key, body, nil); code != 200 {
		t.Fatalf("move: %d", code)
	}
	if got := state(); got != "planned" {
		t.Errorf("the tile after the move shows %v, want planned", got)
	}
	if _, err := s.Ledger.MoveHazard(context.Background(), h.ID, hazard.Transition{To: hazard.StateRectified, Evidence: "done",
		Actor: "cli"}); err != nil {
		t.Fatal(err)
	}
	// a move outside the server (gasrisk hazards move) shows after the TTL
	ts.Invalidate()
	if got := state(); got != "rectified" {
		t.Errorf("after a move by the CLI and the TTL: %v", got)
	}
}
