package analysis_test

import (
	"context"
	"gasrisk/data/analysis"
	"strings"
	"testing"
)

// TestBinaryCopy: rows written with the analysis's binary COPY encoder
// read back as written, across many chunks, with NULLs, empty arrays,
// json and geometry; an aborted COPY leaves nothing and reports why.
func TestBinaryCopy(t *testing.T) {
	s := env.Services(t)
	ctx := context.Background()
	const n = 20000 // ~2 MB: several chunks
	for _, tbl := range []string{"copy_ok", "copy_aborted"} {
		_, err := s.DB.Pool.Exec(ctx, `CREATE TABLE `+tbl+` (i bigint, k int, x float8, b boolean, t text, a text[], j json, g geometry)`)
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := analysis.CopyBinaryRows(ctx, s.DB, "copy_ok", n, 0); err != nil {
		t.Fatal(err)
	}
	var rows, arrays int
	var sumI, sumK int64
	var sumX float64
	var evens, nulls, jsonSum int
	var points string
	err := s.DB.Pool.QueryRow(ctx, `SELECT count(*), sum(i), sum(k), sum(x), count(*) FILTER (WHERE b), count(*) FILTER (WHERE t IS NULL),
		sum(cardinality(a)), sum((j->>'i')::int), string_agg(DISTINCT ST_AsText(g), ',') FROM copy_ok`).
		Scan(&rows, &sumI, &sumK, &sumX, &evens, &nulls, &arrays, &jsonSum, &points)
	if err != nil {
		t.Fatal(err)
	}
	wantI := int64(n) * (n - 1) / 2
	if rows != n || sumI != wantI || sumK != -wantI || evens != n/2 || nulls != n/5 || jsonSum != int(wantI) || points != "POINT(1 2)" {
		t.Errorf("rows %d sum(i) %d sum(k) %d evens %d nulls %d json %d points %s", rows, sumI, sumK, evens, nulls, jsonSum, points)
	}
	if d := sumX - float64(wantI)/3; d > 1e-6 || d < -1e-6 {
		t.Errorf("sum(x) %v, want %v", sumX, float64(wantI)/3)
	}
	if arrays != n/3*(0+1+2)+1 { // 19998 = 6666 full cycles, then rows 19998 (0) and 19999 (1)
		t.Errorf("%d array elements", arrays)
	}
	var text, arr string
	s.DB.Pool.QueryRow(ctx, `SELECT t, a::text FROM copy_ok WHERE i = 7`).Scan(&text, &arr)
	if text != "row 7" || arr != "{e0}" {
		t.Errorf("row 7: %q %q", text, arr)
	}
	s.DB.Pool.QueryRow(ctx, `SELECT a::text FROM copy_ok WHERE i = 9`).Scan(&arr)
	if arr != "{}" {
		t.Errorf("row 9: array %q, want {}", arr)
	}

	t.Run("abort", func(t *testing.T) {
		err := analysis.CopyBinaryRows(ctx, s.DB, "copy_aborted", n, n/2)
		if err == nil || !strings.Contains(err.Error(), "stopped by the test") {
			t.Errorf("err = %v", err)
		}
		var left int
		s.DB.Pool.QueryRow(ctx, `SELECT count(*) FROM copy_aborted`).Scan(&left)
		if left != 0 {
			t.Errorf("%d rows left after abort", left)
		}
	})
}
