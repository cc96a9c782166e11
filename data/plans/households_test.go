package plans_test

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"gasrisk/data/datatest"
	"gasrisk/data/importer"
	"gasrisk/data/plans"
	"gasrisk/renewal"
	"gasrisk/riskmodel"
)

// TestHouseholds: a job's households are the meters of the residential
// customers its pipes feed — each customer counted once, for its nearest
// in-service pipe within 100 m — stored with the plan, added up by year,
// district and state in the progress, and written to the workbook (job
// rows, years and the progress sheet) in both languages.
func TestHouseholds(t *testing.T) {
	s := street(t)
	ctx := context.Background()
	x, y := datatest.BaseX, datatest.BaseY
	customer := func(id, kind string, meters int, geom string) datatest.Feature {
		return datatest.Feature{Props: map[string]any{"id": id, "kind": kind, "meters": meters}, Geom: geom}
	}
	file := datatest.WriteGeoJSON(t, "customers.geojson", 32650, []datatest.Feature{
		customer("on-g2", "residential", 12, datatest.Point(x+150, y+20)),          // g2: the street job
		customer("on-g1", "residential", 3, datatest.Rect(x+40, y-30, x+60, y-20)), // g1, a building's outline
		customer("shop", "commercial", 5, datatest.Point(x+50, y+10)),              // not households
		customer("by-pe", "residential", 8, datatest.Point(x+350, y+20)),           // nearest pe-new: no candidate
		customer("on-d2", "residential", 7, datatest.Point(x+201, y+30)),           // nearest g-d2, though g2 and g3 are 30 m off
		customer("afar", "residential", 40, datatest.Point(x+500, y+200)),          // 200 m from every pipe
	})
	if _, err := s.Importer.Import(ctx, importer.Options{Layer: "customers", File: file, Replace: true}); err != nil {
		t.Fatal(err)
	}
	svc := plans.New(s.DB)
	p, err := svc.Create(ctx, "hh", riskmodel.DefaultConfig(), renewal.Options{FirstYear: 2026, LastYear: 2028, BudgetYuan: 5e6})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"[g1 g2 g3]": 15, "[g-d2]": 7, "[g-far]": 0, "[s-old]": 0, "[occ-mp]": 0}
	check := func(what string, jobs []renewal.Job) {
		t.Helper()
		if len(jobs) != len(want) {
			t.Fatalf("%s: %d jobs, want %d", what, len(jobs), len(want))
		}
		for _, j := range jobs {
			w, ok := want[fmt.Sprint(j.PipeIDs)]
			if !ok || j.Households == nil || *j.Households != w {
				t.Errorf("%s: job %v households %v, want %d", what, j.PipeIDs, j.Households, w)
			}
		}
	}
	check("made", p.Jobs)
	got, err := svc.Get(ctx, "hh")
	if err != nil {
		t.Fatal(err)
	}
	check("stored", got.Jobs)

	street := slices.IndexFunc(p.Jobs, func(j renewal.Job) bool { return j.PipeIDs[0] == "g1" }) + 1
	today := time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)
	cost := 500000.0
	for _, tr := range []renewal.Transition{{To: "designed", On: "2026-02-01"},
		{To: "under_construction", On: "2026-04-01", Contractor: "某燃气工程公司"}, {To: "done", On: "2026-10-01", ActualCostYuan: &cost}} {
		if _, err := svc.Move(ctx, "hh", street, tr, today); err != nil {
			t.Fatal(err)
		}
	}
	r, err := svc.Progress(ctx, "hh", today)
	if err != nil {
		t.Fatal(err)
	}
	if r.All.Households != 22 || r.All.HouseholdsDone != 15 || r.All.HouseholdsStates["done"] != 15 ||
		r.All.HouseholdsStates["planned"] != 7 || r.Districts["D2"].Households != 7 || r.Districts["D1"].HouseholdsDone != 15 {
		t.Errorf("progress: all %+v, D1 %+v, D2 %+v", r.All, *r.Districts["D1"], *r.Districts["D2"])
	}
	sumYears := 0
	for _, yt := range r.Years {
		sumYears += yt.Households
	}
	if sumYears != 22 || *r.Jobs[street-1].Households != 15 {
		t.Errorf("households by year add up to %d; the street job %v", sumYears, r.Jobs[street-1].Households)
	}

	for _, tc := range []struct {
		lang, jobs, progress, header, done string
	}{
		{"zh", "更新改造计划表", "进展汇总", "惠及居民户数", "已完工惠及户数"},
		{"en", "Renewal plan", "Progress", "Households", "Households done"},
	} {
		t.Run("workbook "+tc.lang, func(t *testing.T) {
			var buf bytes.Buffer
			if err := svc.ExportXLSX(ctx, &buf, "hh", tc.lang); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenReader(&buf)
			if err != nil {
				t.Fatal(err)
			}
			rows, _ := f.GetRows(tc.jobs)
			col := slices.Index(rows[1], tc.header)
			if col < 0 || rows[1+street][col] != "15" {
				t.Fatalf("job rows: header %q at %d: %v", tc.header, col, rows)
			}
			prog, _ := f.GetRows(tc.progress)
			hcol, dcol := slices.Index(prog[1], tc.header), slices.Index(prog[1], tc.done)
			total := prog[len(prog)-1]
			if hcol < 0 || dcol < 0 || total[hcol] != "22" || total[dcol] != "15" {
				t.Errorf("progress sheet: %v", prog)
			}
			var d2 []string
			for _, r := range prog {
				if len(r) > 1 && r[1] == "D2" {
					d2 = r
				}
			}
			if d2 == nil || d2[hcol] != "7" {
				t.Errorf("progress sheet, D2: %v", d2)
			}
		})
	}
}
