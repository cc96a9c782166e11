package analysis

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"gasrisk/data"
	"gasrisk/hazard"
	"gasrisk/riskmodel"
)

// prepare creates the work schema, the per-class distances and the pipe
// parts, each (diameter, pressure) combination's impact radius and each
// (class, wall, protection) combination's building clearance; the parts'
// GiST index is built aside.
func (r *run) prepare(ctx context.Context) error {
	d := r.opts.Model.Detection
	err := r.exec(ctx, `CREATE SCHEMA {w};
		CREATE UNLOGGED TABLE {w}.class_params (pressure_class text PRIMARY KEY, protection float8, control float8,
			building_clearance float8, sewer_clearance float8, water_clearance float8, default_diameter_mm float8,
			sewer_clause text, water_clause text)`)
	if err != nil {
		return err
	}
	for _, c := range riskmodel.PressureClasses() {
		err := r.exec(ctx, `INSERT INTO {w}.class_params VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, c,
			d.ProtectionRangeM[c], d.ControlRangeM[c], d.BuildingClearanceM[c], d.SewerClearanceM[c], d.WaterClearanceM[c],
			r.opts.Model.Consequence.DefaultDiameterMM, d.UtilityClearanceClause(c, true), d.UtilityClearanceClause(c, false))
		if err != nil {
			return err
		}
	}
	if r.opts.Scenario != nil {
		if err := r.scenarioPipes(ctx); err != nil {
			return err
		}
	}
	if r.rev != nil {
		if err := r.scope(ctx); err != nil {
			return fmt.Errorf("scope: %w", err)
		}
	}
	if err := r.exec(ctx, r.partsSQL()); err != nil {
		return err
	}
	if r.opts.Scenario != nil { // the view served the parts; the work tables are dropped beside the publish
		if err := r.exec(ctx, `DROP VIEW {w}.pipes`); err != nil {
			return err
		}
	}
	r.partsIndexed = r.aside(ctx, "index parts", func(ctx context.Context) error {
		_, err := r.s.db.Pool.Exec(ctx, r.sql(`CREATE INDEX ON {w}.parts USING gist (geom)`))
		return err
	})
	if err := r.radii(ctx); err != nil {
		return err
	}
	return r.buildingClearances(ctx)
}

// buildingClearances resolves, with the model's rule
// (riskmodel.Detection.BuildingClearance), the building clearance of every
// (class, wall thickness, protection) found into {w}.building_clearance,
// with the clause it comes from.
func (r *run) buildingClearances(ctx context.Context) error {
	rows, err := r.conn.Query(ctx, r.sql(`SELECT DISTINCT pressure_class, wall_mm, protection FROM {w}.parts`))
	if err != nil {
		return err
	}
	var out [][]any
	for rows.Next() {
		var class string
		var wall *float64
		var protection bool
		if err := rows.Scan(&class, &wall, &protection); err != nil {
			return err
		}
		w := 0.0
		if wall != nil {
			w = *wall
		}
		c, clause := r.opts.Model.Detection.BuildingClearanceRule(class, w, protection)
		out = append(out, []any{class, wall, protection, c, clause})
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if err := r.exec(ctx, `CREATE UNLOGGED TABLE {w}.building_clearance (pressure_class text, wall_mm float8, protection boolean, clearance float8, clause text)`); err != nil {
		return err
	}
	_, err = r.conn.CopyFrom(ctx, pgx.Identifier{r.schema, "building_clearance"}, []string{"pressure_class", "wall_mm", "protection", "clearance", "clause"}, pgx.CopyFromRows(out))
	return err
}

// radii computes the impact radius of every (class, MPa, diameter) found,
// with the model's formula, into {w}.radius, keyed by the parts'
// radius_key.
func (r *run) radii(ctx context.Context) error {
	rows, err := r.conn.Query(ctx, r.sql(`SELECT DISTINCT radius_key, pressure_class, pressure_mpa, diameter_mm FROM {w}.parts`))
	if err != nil {
		return err
	}
	var out [][]any
	for rows.Next() {
		var key, class string
		var mpa, dia *float64
		if err := rows.Scan(&key, &class, &mpa, &dia); err != nil {
			return err
		}
		p, _ := riskmodel.PressureMPa(class)
		if mpa != nil && *mpa > 0 {
			p = *mpa
		}
		dmm := 0.0
		if dia != nil {
			dmm = *dia
		}
		out = append(out, []any{key, r.opts.Model.ImpactRadius(dmm, p)})
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if err := r.exec(ctx, `CREATE UNLOGGED TABLE {w}.radius (key text PRIMARY KEY, r float8)`); err != nil {
		return err
	}
	_, err = r.conn.CopyFrom(ctx, pgx.Identifier{r.schema, "radius"}, []string{"key", "r"}, pgx.CopyFromRows(out))
	if err != nil {
		return err
	}
	// Statistics before the joins: without them the planner took parts ⋈
	// radius for one row and chose nested loops that rescanned whole tables
	// (a plan flip that cost minutes on cities of ~100,000 segments).
	return r.exec(ctx, `ANALYZE {w}.radius`)
}

// detect runs the spatial detection queries into {w}.events, each as
// concurrent shards, recording each query's time as a phase.
func (r *run) detect(ctx context.Context) error {
	steps := []struct {
		name string
		fn   func(context.Context) error
	}{
		{"detect buildings", func(ctx context.Context) error { return r.execSharded(ctx, sqlBuildingEvents) }},
		{"detect sewers", r.sewerEvents},
		{"detect works", func(ctx context.Context) error { return r.execSharded(ctx, sqlWorksEvents, r.opts.AsOf) }},
	}
	for _, st := range steps {
		t := time.Now()
		if err := st.fn(ctx); err != nil {
			return fmt.Errorf("%s: %w", st.name, err)
		}
		r.phases = append(r.phases, Phase{st.name, time.Since(t)})
	}
	return nil
}

// segment cuts each part into maximal runs of equal findings (split) and
// writes them to {w}.pieces, then builds the segments' geometry into
// {w}.segs; both as concurrent shards by part.
func (r *run) segment(ctx context.Context) error {
	err := r.exec(ctx, `CREATE UNLOGGED TABLE {w}.pieces (part_id bigint, f0 float8, f1 float8, kinds text[],
		occupied_uses text[], crossings int, crossing_sewers bigint[], no_detector int, vertical_gap boolean, third_party int,
		through int, through_exposed int) WITH (autovacuum_enabled = off);
		CREATE UNLOGGED TABLE {w}.segs WITH (autovacuum_enabled = off) AS `+sqlSegments+` WITH NO DATA`)
	if err != nil {
		return err
	}
	cols := []string{"part_id", "f0", "f1", "kinds", "occupied_uses", "crossings", "crossing_sewers", "no_detector", "vertical_gap",
		"third_party", "through", "through_exposed"}
	err = r.sharded(ctx, func(ctx context.Context, rconn *pgxpool.Conn, n, k int) error {
		wconn, err := r.s.db.Pool.Acquire(ctx)
		if err != nil {
			return err
		}
		defer wconn.Release()
		return data.CopyStream(ctx, wconn, pgx.Identifier{r.schema, "pieces"}, cols, func(ctx context.Context, out chan<- []any) error {
			lengths, err := r.partLengths(ctx, rconn, shardSQL(sqlPartLengths, n, k))
			if err != nil {
				return err
			}
			return r.cutParts(ctx, rconn, shardSQL(sqlPartEvents, n, k), lengths, out)
		})
	})
	if err == nil {
		// The segments join the pieces by part through this index, in the
		// parts' order: the segments are numbered in it, so each shard of
		// the run's partition is a compact stretch of the city (a hash
		// join, without the index, numbered the parts without pieces last
		// in hash order and made grading 25 % slower). Analysed: estimated
		// at one row, pieces were reread for every part (the plan test).
		err = r.exec(ctx, `CREATE INDEX ON {w}.pieces (part_id); ANALYZE {w}.pieces`)
	}
	if err == nil {
		err = r.execSharded(ctx, `INSERT INTO {w}.segs `+sqlSegments+` AND pc.part_id % {n} = {k} WHERE pt.part_id % {n} = {k}`)
	}
	if err == nil {
		err = r.exec(ctx, `ANALYZE {w}.segs`)
	}
	return err
}

// sqlPartEvents is one shard's events, part by part.
const sqlPartEvents = `SELECT part_id, kind, f0, f1, coalesce(ref, 0), coalesce(use, ''), no_detector, vertical_gap,
	through, exposed
	FROM {w}.events WHERE part_id % {n} = {k} ORDER BY part_id`

// sqlPartLengths is the length in metres of one shard's parts. Read
// apart from the events: joined to them, the parts' geometries made the
// events' sort three times as long (docs/benchmarks.md).
const sqlPartLengths = `SELECT part_id, ST_Length(geom) FROM {w}.parts WHERE part_id % {n} = {k}`

// partLengths reads query q's parts' lengths.
func (r *run) partLengths(ctx context.Context, conn *pgxpool.Conn, q string) (map[int64]float64, error) {
	rows, err := conn.Query(ctx, r.sql(q))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	m := map[int64]float64{}
	var part int64
	var length float64
	_, err = pgx.ForEachRow(rows, []any{&part, &length}, func() error {
		m[part] = length
		return nil
	})
	return m, err
}

// cutParts reads the events of query q part by part and sends each part's
// pieces, slivers merged by the model's detection.min_segment_m on the
// part's length (lengths).
func (r *run) cutParts(ctx context.Context, conn *pgxpool.Conn, q string, lengths map[int64]float64, out chan<- []any) error {
	rows, err := conn.Query(ctx, r.sql(q))
	if err != nil {
		return err
	}
	defer rows.Close()
	var cur int64 = -1
	var curLen float64
	var evs []event
	minM := r.opts.Model.Detection.MinSegmentM
	flush := func() error {
		if cur >= 0 {
			for _, row := range pieceRows(cur, split(evs, curLen, minM)) {
				select {
				case out <- row:
				case <-ctx.Done():
					return ctx.Err()
				}
			}
		}
		evs = evs[:0]
		return nil
	}
	for rows.Next() {
		var part int64
		var e event
		if err := rows.Scan(&part, &e.Kind, &e.F0, &e.F1, &e.Ref, &e.Use, &e.NoDetector, &e.VerticalGap, &e.Through, &e.Exposed); err != nil {
			return err
		}
		if part != cur {
			if err := flush(); err != nil {
				return err
			}
			cur, curLen = part, lengths[part]
		}
		evs = append(evs, e)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return flush()
}

// pieceRows is one {w}.pieces row per piece of a part.
func pieceRows(part int64, ps []piece) [][]any {
	var out [][]any
	for _, p := range ps {
		var uses []string
		var sewers []int64
		crossings, noDet, third, through, exposed := 0, 0, 0, 0, 0
		vgap := false
		for _, e := range p.Events {
			switch e.Kind {
			case findOccupied:
				uses = appendUnique(uses, e.Use)
			case findSewerCrossing:
				crossings++
				sewers = append(sewers, e.Ref)
				if e.NoDetector {
					noDet++
				}
				vgap = vgap || e.VerticalGap
				through, exposed = through+b2i(e.Through), exposed+b2i(e.Exposed)
			case hazard.ThirdParty:
				third++
			}
		}
		sort.Strings(uses)
		out = append(out, []any{part, p.F0, p.F1, kinds(p.Events), uses, int32(crossings), sewers, int32(noDet), vgap, int32(third),
			int32(through), int32(exposed)})
	}
	return out
}

// b2i is 1 for true.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// stations records station findings: buildings and dense-occupancy places
// inside the safety spacing, and equipment past its design life. It uses
// pooled connections: it runs aside, beside prepare and detection.
func (r *run) stations(ctx context.Context) error {
	d := r.opts.Model.Detection
	if err := r.stationSpacings(ctx, d); err != nil {
		return err
	}
	_, err := r.s.db.Pool.Exec(ctx, sqlNoOverpressure, r.id, hazard.OverpressureKinds())
	if err != nil {
		return fmt.Errorf("station over-pressure protection: %w", err)
	}
	for kind, life := range d.StationDesignLifeYears {
		_, err := r.s.db.Pool.Exec(ctx, `INSERT INTO station_findings (run_id, station_gid, kind, detail)
			SELECT $1::bigint, st.gid, 'past_design_life', format('%s installed %s, design life %s years', st.kind, st.install_year, $3::int)
			FROM stations st WHERE st.kind = $2::text AND st.install_year IS NOT NULL AND $4::int - st.install_year >= $3::int`,
			r.id, kind, life, r.opts.AsOf.Year())
		if err != nil {
			return fmt.Errorf("station life: %w", err)
		}
	}
	return nil
}

// sqlNoOverpressure: gas plants and stations ($2 kinds) recorded without an
// automatic over-pressure cut-off and relief, a 重大隐患 by 建城规〔2023〕4号
// (厂站, 第五条（二）); unknown is no finding.
const sqlNoOverpressure = `
INSERT INTO station_findings (run_id, station_gid, kind, detail)
SELECT $1::bigint, st.gid, 'no_overpressure_protection', format('%s without over-pressure cut-off and relief', st.kind)
FROM stations st WHERE st.overpressure_protection = false AND st.kind = ANY ($2::text[])`

// sqlStationFindings: buildings within the spacing of a station of a kind,
// and dense-occupancy places (or schools, hospitals …) within the dense
// spacing.
// stationSpacings resolves, with the model's rule
// (riskmodel.Detection.StationSpacingFor), the spacing of every
// combination of station kind, setting, inlet pressure and LPG class found,
// and records the buildings and places within it.
func (r *run) stationSpacings(ctx context.Context, d riskmodel.Detection) error {
	rows, err := r.s.db.Pool.Query(ctx, `SELECT DISTINCT kind, coalesce(setting, ''), coalesce(inlet_pressure_class, ''), coalesce(lpg_class, '') FROM stations`)
	if err != nil {
		return err
	}
	var kinds, settings, inlets, classes, labels []string
	var spacing, dense []float64
	for rows.Next() {
		var kind, setting, inlet, class string
		if err := rows.Scan(&kind, &setting, &inlet, &class); err != nil {
			return err
		}
		sp, ok := d.StationSpacingFor(kind, setting, inlet, class)
		if !ok {
			continue
		}
		label, notes := kind, []string{}
		if sp.Key != kind {
			notes = append(notes, sp.Key)
		}
		if sp.Basis != "" {
			notes = append(notes, sp.Basis)
		}
		if len(notes) > 0 {
			label += " (" + strings.Join(notes, "; ") + ")"
		}
		kinds, settings, inlets, classes = append(kinds, kind), append(settings, setting), append(inlets, inlet), append(classes, class)
		labels, spacing, dense = append(labels, label), append(spacing, sp.BuildingM), append(dense, sp.DenseM)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	_, err = r.s.db.Pool.Exec(ctx, sqlStationFindings, r.id, kinds, settings, inlets, classes, labels, spacing, dense)
	return err
}

// sqlStationFindings: buildings within the spacing of each station ($2–$5:
// kind, setting, inlet class and LPG class, empty when absent; $6 the label of
// the station in the detail; $7, $8 its spacings), and dense-occupancy
// places (or schools, hospitals …) within its dense spacing.
const sqlStationFindings = `
WITH sp AS (SELECT * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::float8[], $8::float8[])
                       AS sp (kind, setting, inlet, lpg_class, label, spacing, dense)),
st AS (SELECT st.gid, st.geom, sp.label, sp.spacing, sp.dense FROM stations st
       JOIN sp ON sp.kind = st.kind AND sp.setting = coalesce(st.setting, '') AND sp.inlet = coalesce(st.inlet_pressure_class, '')
              AND sp.lpg_class = coalesce(st.lpg_class, ''))
INSERT INTO station_findings (run_id, station_gid, kind, detail, ref_layer, ref_id, distance_m)
SELECT $1::bigint, st.gid, 'building_in_spacing', format('%s building within %s m of %s', b.use, st.spacing, st.label), 'buildings', b.id, ST_Distance(st.geom, b.geom)
FROM st JOIN buildings b ON ST_DWithin(st.geom, b.geom, st.spacing)
WHERE b.use NOT IN ('school', 'hospital', 'nursing_home', 'mall', 'market')
UNION ALL
SELECT $1::bigint, st.gid, 'dense_place_in_spacing', format('%s within %s m of %s', b.use, st.dense, st.label), 'buildings', b.id, ST_Distance(st.geom, b.geom)
FROM st JOIN buildings b ON ST_DWithin(st.geom, b.geom, st.dense)
WHERE b.use IN ('school', 'hospital', 'nursing_home', 'mall', 'market')
UNION ALL
SELECT $1::bigint, st.gid, 'dense_place_in_spacing', format('%s %s within %s m of %s', p.kind, coalesce(p.name, p.id), st.dense, st.label), 'places', p.id, ST_Distance(st.geom, p.geom)
FROM st JOIN places p ON ST_DWithin(st.geom, p.geom, st.dense)`
