package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"

	"gasrisk/data/datatest"
	"gasrisk/data/topology"
	"gasrisk/hazard"
	"gasrisk/synth"
	"gasrisk/web"
)

// countedNetwork is the real network service, counting the calls for
// cards and the hazards they asked for.
type countedNetwork struct {
	*topology.Service
	mu    sync.Mutex
	calls int
	ids   int
}

func (n *countedNetwork) Cards(ctx context.Context, ids []int64) (map[int64]hazard.Card, error) {
	n.mu.Lock()
	n.calls++
	n.ids += len(ids)
	n.mu.Unlock()
	return n.Service.Cards(ctx, ids)
}

// TestEmergencyCards: on a connected city, a hazard's emergency card
// (GET /api/v1/hazards/{id}/emergency-card, by id or code) holds the
// valves and customers of the isolation trace from the hazard; the XLSX
// ledger gains the sheet of every hazard's card, in Chinese or English,
// asked from the network in one call; cards=false leaves it out.
func TestEmergencyCards(t *testing.T) {
	s := env.Services(t)
	datatest.LoadCity(t, s.DB, synth.Config{Segments: 400, Seed: 5, Connected: true})
	nw := &countedNetwork{Service: s.Topology}
	srv := httptest.NewServer(web.New(web.Config{}, web.Deps{DB: s.DB, Segments: s.Results, Ledger: s.Ledger, Keys: s.Access, Network: nw}))
	t.Cleanup(srv.Close)

	var id int64
	var code string
	if err := s.DB.Pool.QueryRow(context.Background(), `SELECT id, code FROM hazards WHERE pipe_id IS NOT NULL ORDER BY length_m DESC, id LIMIT 1`).
		Scan(&id, &code); err != nil {
		t.Fatal(err)
	}
	var iso topology.Isolation
	if st, _, b := request(t, "POST", srv.URL+"/api/v1/isolation", "", fmt.Sprintf(`{"hazard_id": %d}`, id)); st != 200 ||
		json.Unmarshal(b, &iso) != nil {
		t.Fatalf("isolation of hazard %d: %d %s", id, st, b)
	}
	ids := func(vs []topology.ValveAt) []string {
		var out []string
		for _, v := range vs {
			out = append(out, v.ID)
		}
		return out
	}
	cardIDs := func(vs []hazard.CardValve) []string {
		var out []string
		for _, v := range vs {
			out = append(out, v.ID)
		}
		return out
	}
	var card hazard.Card
	for _, ref := range []string{fmt.Sprint(id), code} {
		if st := call(t, "GET", srv.URL+"/api/v1/hazards/"+ref+"/emergency-card", "", "", &card); st != 200 {
			t.Fatalf("card of %s: %d", ref, st)
		}
		if card.HazardID != id || card.Code != code || !slices.Equal(cardIDs(card.Valves), ids(iso.Valves)) ||
			card.Customers != len(iso.Customers) || card.Meters != iso.Meters || card.PipeID != iso.Start.PipeID || card.Nearest == nil {
			t.Errorf("card of %s: %+v\nisolation: valves %v, %d customers, %d meters, from %s", ref, card, ids(iso.Valves),
				len(iso.Customers), iso.Meters, iso.Start.PipeID)
		}
	}
	if len(card.Valves) == 0 {
		t.Fatalf("hazard %s closes no valve: pick another", code)
	}
	get(t, srv.URL+"/api/v1/hazards/999999/emergency-card", 404)
	get(t, srv.URL+"/api/v1/hazards/nope/emergency-card", 400)

	var total int
	if err := s.DB.Pool.QueryRow(context.Background(), `SELECT count(*) FROM hazards`).Scan(&total); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		lang, sheet, header, valves, noCard string
	}{
		{"", "应急处置卡", "需关闭阀门（编号 类型 经纬度）", "球阀|闸阀|旋塞阀|调压器进口阀", "隐患台账"},
		{"en", "Emergency cards", "Valves to close (id, kind, lon/lat)", "valve", "Ledger"},
	} {
		t.Run("xlsx "+tt.sheet, func(t *testing.T) {
			nw.calls, nw.ids = 0, 0
			b, _ := get(t, srv.URL+"/api/v1/ledger/hazards.xlsx?lang="+tt.lang, 200)
			f, err := excelize.OpenReader(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			if sheets := f.GetSheetList(); !slices.Equal(sheets, []string{tt.noCard, tt.sheet}) {
				t.Fatalf("sheets %q", sheets)
			}
			if nw.calls != 1 || nw.ids != total {
				t.Errorf("the export asked for cards %d times for %d hazards, want once for %d", nw.calls, nw.ids, total)
			}
			rows, err := f.GetRows(tt.sheet)
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != total+2 || !slices.Contains(rows[1], tt.header) {
				t.Fatalf("%d rows (want %d), header %q", len(rows), total+2, rows[1])
			}
			col := func(name string) int { return slices.Index(rows[1], name) }
			var row []string
			for _, r := range rows[2:] {
				if r[1] == code {
					row = r
				}
			}
			if row == nil {
				t.Fatalf("no card row for %s", code)
			}
			cell := row[col(tt.header)]
			for _, v := range card.Valves {
				if !strings.Contains(cell, v.ID) {
					t.Errorf("the valves cell of %s %q lacks %s", code, cell, v.ID)
				}
			}
			if !strings.ContainsAny(cell, "0123456789") || !containsOne(cell, strings.Split(tt.valves, "|")) {
				t.Errorf("the valves cell of %s: %q", code, cell)
			}
			if got := row[5]; got != fmt.Sprint(len(card.Valves)) {
				t.Errorf("the valve count of %s: %q, want %d", code, got, len(card.Valves))
			}
			if got := row[11]; got != fmt.Sprint(card.Meters) {
				t.Errorf("the meters of %s: %q, want %d", code, got, card.Meters)
			}
		})
	}
	t.Run("cards=false", func(t *testing.T) {
		nw.calls = 0
		b, _ := get(t, srv.URL+"/api/v1/ledger/hazards.xlsx?cards=false", 200)
		f, err := excelize.OpenReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if sheets := f.GetSheetList(); len(sheets) != 1 || nw.calls != 0 {
			t.Errorf("sheets %q, %d calls for cards", sheets, nw.calls)
		}
		get(t, srv.URL+"/api/v1/ledger/hazards.xlsx?cards=maybe", 400)
		if b, _ := get(t, srv.URL+"/api/v1/ledger/hazards.csv", 200); nw.calls != 0 || bytes.Contains(b, []byte("应急处置卡")) {
			t.Errorf("the CSV ledger asked for %d cards", nw.calls)
		}
	})
}

func containsOne(s string, subs []string) bool {
	return slices.ContainsFunc(subs, func(x string) bool { return strings.Contains(s, x) })
}
