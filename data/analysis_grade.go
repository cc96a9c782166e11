package data

import (
	"context"
	"encoding/json"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"gasrisk/riskmodel"
)

// grade streams every segment's facts out of PostGIS, assesses it with
// the risk model and COPYs the assessments back into {w}.assess, in
// concurrent shards, each reading on one connection and writing on another.
func (r *run) grade(ctx context.Context) error {
	err := r.exec(ctx, `CREATE UNLOGGED TABLE {w}.assess (segment_id bigint, grade text, score float8,
		lof float8, cof float8, aged boolean, factors jsonb)`)
	if err != nil {
		return err
	}
	if err := r.receptors(ctx); err != nil {
		return err
	}
	if err := r.sewerReach(ctx); err != nil {
		return err
	}
	if err := r.temporaryMeasures(ctx); err != nil {
		return err
	}
	var done atomic.Int64
	cols := []string{"segment_id", "grade", "score", "lof", "cof", "aged", "factors"}
	return r.sharded(ctx, func(ctx context.Context, rconn *pgxpool.Conn, n, k int) error {
		wconn, err := r.s.Pool.Acquire(ctx)
		if err != nil {
			return err
		}
		defer wconn.Release()
		return copyStream(ctx, wconn, pgx.Identifier{r.schema, "assess"}, cols, func(ctx context.Context, out chan<- []any) error {
			return r.assessAll(ctx, rconn, shardSQL(sqlFacts, n, k), &done, out)
		})
	})
}

// receptors fills {w}.receptors and {w}.place_receptors.
func (r *run) receptors(ctx context.Context) error {
	t := time.Now()
	err := r.exec(ctx, `CREATE UNLOGGED TABLE {w}.receptors (segment_id bigint, uses text[], counts int[], floors int[]);
		CREATE UNLOGGED TABLE {w}.place_receptors (segment_id bigint, n int, capacity int)`)
	if err == nil {
		err = r.execSharded(ctx, sqlReceptors)
	}
	if err == nil {
		err = r.exec(ctx, sqlPlaceReceptors+`; ANALYZE {w}.receptors; ANALYZE {w}.place_receptors`)
	}
	r.phases = append(r.phases, Phase{"grade receptors", time.Since(t)})
	return err
}

// assessAll reads the facts query and sends one assessment row per segment.
func (r *run) assessAll(ctx context.Context, conn *pgxpool.Conn, q string, done *atomic.Int64, out chan<- []any) error {
	rows, err := conn.Query(ctx, r.sql(q))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		f, err := scanFacts(rows)
		if err != nil {
			return err
		}
		f.AsOfYear = r.opts.AsOf.Year()
		a := riskmodel.Assess(r.opts.Model, f)
		factors, err := json.Marshal(a.Factors)
		if err != nil {
			return err
		}
		select {
		case out <- []any{f.SegmentID, string(a.Grade), a.Score, a.LoF, a.CoF, a.Aged, factors}:
		case <-ctx.Done():
			return ctx.Err()
		}
		if n := done.Add(1); r.opts.Progress != nil && n%10000 == 0 {
			r.opts.Progress("grade", int(n))
		}
	}
	return rows.Err()
}

// scanFacts reads one row of sqlFacts.
func scanFacts(rows pgx.Rows) (riskmodel.Facts, error) {
	var f riskmodel.Facts
	var kinds, uses []string
	var counts, floors []int32
	var crossings, noDet, third, dense, capacity, reach int32
	var install int32
	err := rows.Scan(&f.SegmentID, &f.PipeID, &f.LengthM, &f.Material, &f.DiameterMM, &f.PressureClass,
		&f.PressureMPa, &install, &f.DepthM, &kinds, &f.OccupiedUses, &crossings, &noDet,
		&f.VerticalGapViolation, &third, &uses, &counts, &floors, &dense, &capacity, &reach, &f.NearParallelSewerM,
		&f.TemporaryMeasures)
	if err != nil {
		return f, fmt.Errorf("facts: %w", err)
	}
	f.InstallYear = int(install)
	f.SewerCrossings, f.CrossingsWithoutDetector, f.ThirdPartyWorks = int(crossings), int(noDet), int(third)
	f.DensePlaces, f.PlaceCapacity, f.SewerReachReceptors = int(dense), int(capacity), int(reach)
	for _, k := range kinds {
		switch k {
		case findOccupied:
			f.Occupied = true
		case findClearanceBuilding:
			f.ClearanceKinds = append(f.ClearanceKinds, "building")
		case findClearanceSewer:
			f.ClearanceKinds = append(f.ClearanceKinds, "sewer")
		case findClearanceWater:
			f.ClearanceKinds = append(f.ClearanceKinds, "water")
		}
	}
	if f.Occupied {
		f.ClearanceKinds = removeString(f.ClearanceKinds, "building") // occupied is the graver finding
	}
	for i := range uses {
		f.Receptors = append(f.Receptors, riskmodel.ReceptorCount{Use: uses[i], Count: int(counts[i]), Floors: int(floors[i])})
	}
	return f, nil
}

func removeString(list []string, s string) []string {
	out := list[:0]
	for _, x := range list {
		if x != s {
			out = append(out, x)
		}
	}
	return out
}
