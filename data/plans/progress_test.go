package plans_test

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"gasrisk"
	"gasrisk/data/datatest"
	"gasrisk/data/importer"
	"gasrisk/data/plans"
	"gasrisk/renewal"
	"gasrisk/riskmodel"
)

// TestProgressAndReconcile: a job moves planned → designed → under
// construction → done and is stored so; jobs left behind their year are
// overdue; progress adds up by year and district; a done job is
// reconciled only when a re-import shows its pipes renewed.
func TestProgressAndReconcile(t *testing.T) {
	s := street(t)
	ctx := context.Background()
	svc := plans.New(s.DB)
	p, err := svc.Create(ctx, "p1", riskmodel.DefaultConfig(), renewal.Options{FirstYear: 2026, LastYear: 2028, BudgetYuan: 600000})
	if err != nil {
		t.Fatal(err)
	}
	no := 0
	for i, j := range p.Jobs {
		if fmt.Sprint(j.PipeIDs) == "[g1 g2 g3]" {
			no = i + 1
		}
	}
	if no == 0 {
		t.Fatal("no street job")
	}
	today := time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)
	cost := 520000.0
	for _, tr := range []renewal.Transition{{To: "designed", On: "2026-02-01"},
		{To: "under_construction", On: "2026-04-01", Contractor: "某燃气工程公司"},
		{To: "done", On: "2026-10-01", ActualCostYuan: &cost}} {
		if _, err := svc.Move(ctx, "p1", no, tr, today); err != nil {
			t.Fatalf("%s: %v", tr.To, err)
		}
	}
	if _, err := svc.Move(ctx, "p1", no, renewal.Transition{To: "done", On: "2026-11-01", ActualCostYuan: &cost}, today); gasrisk.ErrorCode(err) != gasrisk.ECONFLICT {
		t.Errorf("done twice: %v", err)
	}
	if _, err := svc.Move(ctx, "p1", 999, renewal.Transition{To: "designed", On: "2027-01-01"}, today); gasrisk.ErrorCode(err) != gasrisk.ENOTFOUND {
		t.Errorf("no such job: %v", err)
	}
	r, err := svc.Progress(ctx, "p1", today)
	if err != nil {
		t.Fatal(err)
	}
	job := r.Jobs[no-1]
	if job.State != "done" || job.Contractor != "某燃气工程公司" || *job.ActualCostYuan != cost || job.Overdue {
		t.Errorf("street job %+v", job)
	}
	overdue := 0
	for _, j := range r.Jobs {
		if j.State != "done" && j.Year <= 2026 {
			overdue++
		}
	}
	if r.All.Overdue != overdue || r.All.States["done"] != 1 || r.All.Jobs != len(p.Jobs) || r.All.ActualCostYuan != cost {
		t.Errorf("all: %+v (want %d overdue)", r.All, overdue)
	}
	sumYears, sumDistricts := 0.0, 0.0
	for _, y := range r.Years {
		sumYears += y.Km
	}
	for _, d := range r.Districts {
		sumDistricts += d.Km
	}
	if abs(sumYears-r.All.Km) > 1e-9 || abs(sumDistricts-r.All.Km) > 1e-9 || abs(r.All.KmDone-job.LengthM/1000) > 1e-9 {
		t.Errorf("km: years %v districts %v all %v done %v", sumYears, sumDistricts, r.All.Km, r.All.KmDone)
	}

	t.Run("the workbook carries the progress", func(t *testing.T) {
		var buf bytes.Buffer
		if err := svc.ExportXLSX(ctx, &buf, "p1", "zh"); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := f.GetRows("更新改造计划表")
		if len(rows) < 2+no || !slices.Contains(rows[1], "进展状态") || !slices.Contains(rows[1+no], "已完工") ||
			!slices.Contains(rows[1+no], "某燃气工程公司") {
			t.Errorf("rows %v", rows)
		}
	})
	if n, err := svc.Reconcile(ctx); err != nil || n != 0 {
		t.Errorf("reconciled %d before the re-import, err %v", n, err)
	}
	reimport := func(renewed map[string]int) {
		t.Helper()
		file := datatest.WriteGeoJSON(t, "pipes.geojson", 32650, streetPipes(renewed))
		if _, err := s.Importer.Import(ctx, importer.Options{Layer: "pipes", File: file, Replace: true}); err != nil {
			t.Fatal(err)
		}
	}
	reimport(map[string]int{"g1": 2026, "g2": 2026}) // g3 not yet in the records
	if n, _ := svc.Reconcile(ctx); n != 0 {
		t.Errorf("reconciled %d with one pipe of the job not renewed", n)
	}
	reimport(map[string]int{"g1": 2026, "g2": 2026, "g3": 2026})
	if n, err := svc.Reconcile(ctx); err != nil || n != 1 {
		t.Errorf("reconciled %d after the re-import, err %v", n, err)
	}
	if r, _ := svc.Progress(ctx, "p1", today); r.All.Reconciled != 1 || r.Jobs[no-1].ReconciledAt == nil {
		t.Errorf("reconciled: %+v", r.All)
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
