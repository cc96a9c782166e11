package permits

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"errors"
	"gasrisk/data"
	"gasrisk/data/access"
	"gasrisk/permit"
	"gasrisk/riskmodel"
	"math"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"gasrisk"
)

// Check is one permit check to run: the decoded request, the policy
// it is checked under and the API key that asks.
type Check struct {
	Request permit.Request
	Policy  permit.Policy
	Caller  access.Key
}

// CheckPermit checks planned works against the current run's segments
// (permit.Decide): inside a pipe's protection range → denied for the kinds
// 《城镇燃气管理条例》 第三十三条 prohibits there, conditional on a protection
// scheme for the others (第三十四条); inside its control range × the work
// kind's multiplier → conditional with measures; else clear. The ticket
// (request, answer, caller) and the audit entry are written for every
// decision, denied ones too, with the works record that feeds the next
// analysis as third-party activity (unless denied), in one transaction:
// all of them or none. A check is two round trips (sqlCheck, then the
// ticket's batch) on the Generic pool: both are planned once per
// connection.
func (s *Service) CheckPermit(ctx context.Context, c Check) (_ permit.Result, err error) {
	defer data.Annotate(&err, "permits.CheckPermit")
	if err := c.Request.Validate(); err != nil {
		return permit.Result{}, err
	}
	ranges, buffer := c.Policy.Ranges(c.Request.WorkKind)
	res := permit.Result{WorkKind: c.Request.WorkKind, BufferM: buffer, Ranges: ranges, TicketID: newTicketID()}
	a, segs, err := lookup(ctx, s.db.Generic, c.Request.Geometry, c.Policy, ranges, buffer)
	if err != nil {
		return permit.Result{}, err
	}
	if err := a.refusal(c.Policy); err != nil {
		return permit.Result{}, err
	}
	res.AreaM2, res.LengthM, res.RunID, res.Segments = a.areaM2, a.lengthM, a.run, segs
	res.Decision = permit.Decide(c.Request.WorkKind, res.Segments)
	res.Measures = permit.Measures(c.Request.WorkKind, res.Segments)
	res.CheckedAt = time.Now().UTC().Truncate(time.Millisecond)
	if err := storeTicket(ctx, s.db.Generic, c, res, a.ewkb); err != nil {
		return permit.Result{}, err
	}
	return res, nil
}

// newTicketID is "PT-" and 16 random base32 characters (80 bits).
func newTicketID() string {
	b := make([]byte, 10)
	rand.Read(b)
	return "PT-" + base32.StdEncoding.EncodeToString(b)
}

// sqlCheck is a check's one read. It reads the working CRS and the current
// run (0 before the first analysis), checks the work area $1 in that CRS
// (valid, its area and length; the reason only for an invalid geometry)
// and, for a valid area within the size limits $7 (m²) and $8 (m), finds
// the segments of the current run within their class's reach: $2..$4
// are the classes with their protection ranges and reaches, $5 the widest
// reach plus the largest half diameter. Distances are from the pipe's
// outer wall (GB 55009-2021 §5.1.6: the centreline distance less half the
// diameter, $6 mm when unknown; 0 when the works reach the pipe). One row per segment, nearest
// first, each with the work area's columns (and the area itself in the
// working CRS, for the ticket); one row with a NULL segment_id when none
// is in reach. The GeoJSON is parsed and transformed once, at execution
// (the plan is generic: nothing is folded at planning).
const sqlCheck = sqlCheckArea + "near AS (" + nearSegments + "),\n" + sqlCheckHits

// sqlCheckPipes is sqlCheck before the first analysis: the pipes within
// reach.
const sqlCheckPipes = sqlCheckArea + "near AS (" + nearPipes + "),\n" + sqlCheckHits

// sqlCheckArea is the first part of sqlCheck: the settings, the work
// area (w) and, within the size limits, its search box (a).
const sqlCheckArea = `
WITH s AS MATERIALIZED (
	SELECT coalesce((SELECT value::int FROM settings WHERE key = 'working_srid'), 0) AS srid,
		coalesce((SELECT run_id FROM current_run), 0) AS run, ST_SetSRID(ST_GeomFromGeoJSON($1::text), 4326) AS g),
w AS MATERIALIZED (
	SELECT s.srid, s.run, v.valid, CASE WHEN v.valid THEN '' ELSE coalesce(ST_IsValidReason(s.g), '') END AS reason,
		GeometryType(s.g) AS typ, coalesce(ST_Area(t.g), 0) AS area, coalesce(ST_Length(t.g), 0) AS length, t.g
	FROM s CROSS JOIN LATERAL (SELECT ST_IsValid(s.g) AS valid OFFSET 0) v
	CROSS JOIN LATERAL (SELECT CASE WHEN s.srid <> 0 THEN ST_Transform(s.g, s.srid) END AS g OFFSET 0) t),
a AS (SELECT run, g, ST_Expand(g, $5::float8) AS box FROM w
	WHERE valid AND g IS NOT NULL AND area <= $7::float8 AND (typ <> 'LINESTRING' OR length <= $8::float8)),
`

// sqlCheckHits is the last part of sqlCheck: the segments near the work
// area within their class's reach, and the answer's rows.
const sqlCheckHits = `hit AS (
	SELECT n.segment_id, n.pipe_id, n.pressure_class, n.grade, n.material, n.diameter_mm, n.d,
		($3::float8[])[n.i] AS protection, ($4::float8[])[n.i] AS reach
	FROM (SELECT n.*, array_position($2::text[], n.pressure_class) AS i,
		greatest(ST_Distance(n.geom, a.g) - coalesce(n.diameter_mm, $6::float8) / 2000, 0) AS d FROM near n, a) n
	WHERE n.d <= ($4::float8[])[n.i])
SELECT w.srid, w.run, w.valid, w.reason, w.typ, w.area, w.length, ST_AsEWKB(w.g),
	h.segment_id, coalesce(h.pipe_id, ''), coalesce(h.pressure_class, ''), coalesce(h.grade, ''),
	coalesce(h.material, ''), h.diameter_mm, coalesce(h.d, 0), coalesce(h.protection, 0), coalesce(h.reach, 0)
FROM w LEFT JOIN hit h ON true
ORDER BY h.d, h.segment_id`

// nearSegments and nearPipes are the candidates of sqlCheck and
// sqlCheckPipes: the current run's segments whose box meets the search
// box, or the pipes'. nearSegments reads only columns that the shards'
// geometry index holds (data/analysis checkIndex): the check is an
// index-only scan (TestPermitCheckReadsTheIndexOnly).
const (
	nearSegments = `SELECT s.segment_id, s.pipe_id, s.pressure_class, s.grade, s.material, s.diameter_mm, s.geom
		FROM a JOIN segments s ON s.run_id = a.run AND s.geom && a.box`
	nearPipes = `SELECT p.gid AS segment_id, p.id AS pipe_id, p.pressure_class, '' AS grade, p.material, p.diameter_mm, p.geom
		FROM a JOIN pipes p ON p.geom && a.box`
)

// minWorkAreaM2 is the smallest work area: below it a polygon is a
// sliver or a line drawn as a ring (points of work are sent as Points).
const minWorkAreaM2 = 0.01

// workArea is what a check's read finds of the work area: the working
// CRS, the current run, whether the geometry is valid (and why not), its
// type, its size and itself (EWKB) in that CRS.
type workArea struct {
	srid            int
	run             int64
	valid           bool
	reason, typ     string
	areaM2, lengthM float64
	ewkb            []byte
}

// refusal refuses invalid, degenerate and oversized work areas, and
// checks before any network is imported (ECONFLICT).
func (a workArea) refusal(p permit.Policy) error {
	switch {
	case a.srid == 0:
		return gasrisk.Errorf(gasrisk.ECONFLICT, "no gas network has been imported yet: nothing to check against")
	case !a.valid:
		return gasrisk.Errorf(gasrisk.EUNPROCESSABLE, "geometry is not a valid %s: %s", a.typ, a.reason)
	case a.typ == "POLYGON" && !(a.areaM2 >= minWorkAreaM2):
		return gasrisk.Errorf(gasrisk.EUNPROCESSABLE, "geometry: degenerate polygon (area under %v m²): send a Point or LineString instead", minWorkAreaM2)
	case a.typ == "LINESTRING" && !(a.lengthM > 0):
		return gasrisk.Errorf(gasrisk.EUNPROCESSABLE, "geometry: degenerate line (zero length)")
	case p.MaxAreaM2 > 0 && a.areaM2 > p.MaxAreaM2:
		return gasrisk.Errorf(gasrisk.ETOOLARGE, "work area %.0f m² exceeds the maximum of %.0f m²: split the works", a.areaM2, p.MaxAreaM2)
	case p.MaxLengthM > 0 && a.typ == "LINESTRING" && a.lengthM > p.MaxLengthM:
		return gasrisk.Errorf(gasrisk.ETOOLARGE, "work line %.0f m exceeds the maximum of %.0f m: split the works", a.lengthM, p.MaxLengthM)
	}
	return nil
}

// lookup runs sqlCheck (sqlCheckPipes too when there is no run yet): the
// work area (its length only for a line) and the segments within reach,
// nearest first. A geometry PostGIS cannot
// read is EUNPROCESSABLE.
func lookup(ctx context.Context, q querier, geom []byte, p permit.Policy, ranges []permit.Range, buffer float64) (workArea, []permit.Segment, error) {
	var classes []string
	var prot, reach []float64
	for _, r := range ranges {
		classes, prot, reach = append(classes, r.PressureClass), append(prot, r.ProtectionM), append(reach, r.ReachM)
	}
	args := []any{string(geom), classes, prot, reach, buffer + maxHalfDiameterM, defaultDiameterMM,
		limit(p.MaxAreaM2), limit(p.MaxLengthM)}
	a, segs, err := check(ctx, q, sqlCheck, args)
	if err == nil && a.run == 0 && a.srid != 0 {
		a, segs, err = check(ctx, q, sqlCheckPipes, args)
	}
	if pe, ok := errors.AsType[*pgconn.PgError](err); ok {
		return a, nil, gasrisk.Errorf(gasrisk.EUNPROCESSABLE, "geometry: %s", pe.Message)
	}
	if a.typ != "LINESTRING" {
		a.lengthM = 0
	}
	return a, segs, err
}

// check runs one of sqlCheck and sqlCheckPipes.
func check(ctx context.Context, q querier, sql string, args []any) (workArea, []permit.Segment, error) {
	rows, err := q.Query(ctx, sql, args...)
	if err != nil {
		return workArea{}, nil, err
	}
	var a workArea
	var segs []permit.Segment
	var id *int64
	var s permit.Segment
	_, err = pgx.ForEachRow(rows, []any{&a.srid, &a.run, &a.valid, &a.reason, &a.typ, &a.areaM2, &a.lengthM, &a.ewkb,
		&id, &s.PipeID, &s.PressureClass, &s.Grade, &s.Material, &s.DiameterMM, &s.DistanceM, &s.ProtectionM, &s.ReachM},
		func() error {
			if id != nil {
				s.SegmentID = *id
				s.Zone = permit.ZoneOf(s.DistanceM, s.ProtectionM)
				s.DistanceM = math.Round(s.DistanceM*100) / 100
				segs = append(segs, s)
			}
			return nil
		})
	return a, segs, err
}

// limit is a size limit for sqlCheck: +Inf when there is none (0).
func limit(v float64) float64 {
	if v > 0 {
		return v
	}
	return math.Inf(1)
}

// maxHalfDiameterM is the largest half diameter a pipe can have (the
// importer accepts diameter_mm up to 5000): the search box around the works
// grows by it, as distances are from the outer wall.
const maxHalfDiameterM = 2.5

// defaultDiameterMM stands in for an unknown diameter, as in the analysis.
var defaultDiameterMM = riskmodel.DefaultConfig().Consequence.DefaultDiameterMM
