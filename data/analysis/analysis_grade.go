package analysis

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"gasrisk/riskmodel"
)

// grade streams every segment's facts out of PostGIS, assesses it with
// the risk model and COPYs the finished segment rows straight into the
// run's partition, and each segment's extent and grade into {w}.grades
// (for the hazards), in concurrent shards by segment id: each reads on one
// connection and writes on two others, its part of the partition in one
// transaction with the part's indexes (analysis_partition.go).
func (r *run) grade(ctx context.Context) error {
	err := r.exec(ctx, `CREATE UNLOGGED TABLE {w}.grades (part_id bigint, f0 float8, f1 float8, grade text) WITH (autovacuum_enabled = off)`)
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
	if err := r.recentAlarms(ctx); err != nil {
		return err
	}
	if err := r.fieldEvidence(ctx); err != nil {
		return err
	}
	if err := r.await(r.outaged); err != nil {
		return err
	}
	if err := r.outageCutsRead(ctx); err != nil {
		return fmt.Errorf("outage cuts: %w", err)
	}
	ranges, err := r.shardRanges(ctx, r.shards())
	if err != nil {
		return err
	}
	var done atomic.Int64
	var mu sync.Mutex
	r.tally = newTally()
	err = r.sharded(ctx, func(ctx context.Context, rconn *pgxpool.Conn, n, k int) error {
		t := newTally()
		if err := r.gradeShard(ctx, rconn, k, ranges[k], &done, t); err != nil {
			return err
		}
		r.tally.merge(&mu, t)
		return nil
	})
	if err != nil {
		return err
	}
	return r.attachChildren(ctx, ranges)
}

// gradeShard grades the segments with ids in rg, read on rconn: their
// rows go to shard k's table of the partition, created, filled and
// indexed in one transaction, and their grades to {w}.grades.
func (r *run) gradeShard(ctx context.Context, rconn *pgxpool.Conn, k int, rg idRange, done *atomic.Int64, t *tally) error {
	wconn, err := r.s.db.Pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer wconn.Release()
	gconn, err := r.s.db.Pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer gconn.Release()
	tx, err := wconn.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(context.Background())
	if err := r.createChild(ctx, tx, k, rg); err != nil {
		return err
	}
	restore, err := serialReads(ctx, rconn)
	if err != nil {
		return err
	}
	defer restore()
	segs := startBinaryCopy(ctx, wconn, r.child(k), partitionColumns(), true)
	gs := startBinaryCopy(ctx, gconn, pgx.Identifier{r.schema, "grades"}, []string{"part_id", "f0", "f1", "grade"}, false)
	if err := r.assessAll(ctx, rconn, sqlFacts, []any{rg.lo, rg.hi}, done, t, segs, gs); err != nil {
		segs.abort(err)
		gs.abort(err)
		return err
	}
	if err := segs.finish(); err != nil {
		gs.abort(err)
		return err
	}
	if err := gs.finish(); err != nil {
		return err
	}
	if err := r.indexChild(ctx, tx, k); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// serialReads makes conn run its queries without parallel workers until
// the returned function is called. The facts stream is read as fast as
// its segments are graded and copied, a fraction of the speed the query
// could run at: workers would only add the cost of handing every wide row
// to the leader, and hash the small tables three times instead of once
// (docs/benchmarks.md "Issue 17 at 1 M: the 15 % met").
func serialReads(ctx context.Context, conn *pgxpool.Conn) (func(), error) {
	if _, err := conn.Exec(ctx, `SET max_parallel_workers_per_gather = 0`); err != nil {
		return nil, err
	}
	return func() {
		if _, err := conn.Exec(context.Background(), `RESET max_parallel_workers_per_gather`); err != nil {
			conn.Conn().Close(context.Background()) // not back to the pool with the setting
		}
	}, nil
}

// receptors fills {w}.receptors and {w}.place_receptors.
func (r *run) receptors(ctx context.Context) error {
	t := time.Now()
	err := r.exec(ctx, `CREATE UNLOGGED TABLE {w}.receptors (segment_id bigint, uses text[], counts int[], floors int[]) WITH (autovacuum_enabled = off);
		CREATE UNLOGGED TABLE {w}.place_receptors (segment_id bigint, n int, capacity int) WITH (autovacuum_enabled = off)`)
	if err == nil {
		err = r.execSharded(ctx, sqlReceptors)
	}
	if err == nil {
		err = r.await(r.partsIndexed)
	}
	if err == nil {
		err = r.exec(ctx, sqlPlaceReceptors+`; ANALYZE {w}.receptors; ANALYZE {w}.place_receptors`)
	}
	r.phases = append(r.phases, Phase{"grade receptors", time.Since(t)})
	return err
}

// assessAll reads the facts query q (with args) and writes, per segment, its row of the
// run's partition to segs and its extent and grade to grades, and counts
// it in t.
func (r *run) assessAll(ctx context.Context, conn *pgxpool.Conn, q string, args []any, done *atomic.Int64, t *tally, segs, grades *binaryCopy) error {
	rows, err := conn.Query(ctx, r.sql(q), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	assessor := riskmodel.NewAssessor(r.opts.Model)
	for rows.Next() {
		sr, f, err := scanFacts(rows)
		if err != nil {
			return err
		}
		f.AsOfYear = r.opts.AsOf.Year()
		f.RecentAlarms = r.alarms[f.SegmentID]
		f.OutageCustomers, f.OutageCritical = r.cuts.at(sr.pipeGID, (sr.f0+sr.f1)/2)
		a := assessor.Assess(f)
		findings := sr.findings(a)
		t.add(sr.district, string(a.Grade), sr.lengthM, findings)
		if err := sr.write(segs, r.id, a, findings); err != nil {
			return err
		}
		grades.row(4)
		grades.int8(sr.partID)
		grades.float8(sr.f0)
		grades.float8(sr.f1)
		grades.text(string(a.Grade))
		for _, c := range []*binaryCopy{segs, grades} {
			if err := c.endRow(); err != nil {
				return err
			}
		}
		if n := done.Add(1); r.opts.Progress != nil && n%10000 == 0 {
			r.opts.Progress("grade", int(n))
		}
	}
	return rows.Err()
}

// scanFacts reads one row of sqlFacts: the segment's own columns and the
// facts the risk model needs.
func scanFacts(rows pgx.Rows) (segmentRow, riskmodel.Facts, error) {
	var sr segmentRow
	var f riskmodel.Facts
	var uses []string
	var counts, floors []int32
	var crossings, noDet, third, through, exposed, dense, capacity, reach, reachPlaces, reachDetectors int32
	var mpa, depth *float64
	var ev evidenceRow
	dst := []any{&f.SegmentID, &sr.partID, &sr.pipeGID, &f.PipeID, &sr.part, &sr.f0, &sr.f1, &f.LengthM,
		&f.Material, &sr.diameter, &f.PressureClass, &mpa, &sr.installYear, &depth, &sr.district,
		&f.Condition, &f.DuctileUnsafe, &f.HazardUncontrollable,
		&sr.kinds, &f.OccupiedUses, &crossings, &noDet, &f.VerticalGapViolation, &third, &through, &exposed,
		&uses, &counts, &floors, &dense, &capacity, &reach, &reachPlaces, &reachDetectors, &f.NearParallelSewerM, &f.TemporaryMeasures}
	dst = append(append(dst, ev.scanTargets()...), &sr.geom, &sr.geom3857)
	if err := rows.Scan(dst...); err != nil {
		return sr, f, fmt.Errorf("facts: %w", err)
	}
	evidenceFacts(&f, ev)
	sr.segmentID, sr.pipeID, sr.lengthM, sr.material, sr.pressureClass = f.SegmentID, f.PipeID, f.LengthM, f.Material, f.PressureClass
	sr.verticalGap, sr.noDetector, sr.throughSewer = f.VerticalGapViolation, noDet > 0, through > 0
	f.ThroughSewers, f.ThroughSewersExposed = int(through), int(exposed)
	f.DiameterMM, f.PressureMPa, f.DepthM = orZero(sr.diameter), orZero(mpa), orZero(depth)
	if sr.installYear != nil {
		f.InstallYear = int(*sr.installYear)
	}
	f.SewerCrossings, f.CrossingsWithoutDetector, f.ThirdPartyWorks = int(crossings), int(noDet), int(third)
	f.DensePlaces, f.PlaceCapacity, f.SewerReachReceptors = int(dense), int(capacity), int(reach)
	f.SewerReachPlaces, f.SewerReachDetectors = int(reachPlaces), int(reachDetectors)
	for _, k := range sr.kinds {
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
	return sr, f, nil
}

func orZero(p *float64) float64 {
	if p == nil {
		return 0
	}
	return *p
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
