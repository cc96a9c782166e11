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
	"strings"
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
// all of them or none.
func (s *Service) CheckPermit(ctx context.Context, c Check) (_ permit.Result, err error) {
	defer data.Annotate(&err, "permits.CheckPermit")
	if err := c.Request.Validate(); err != nil {
		return permit.Result{}, err
	}
	ranges, buffer := c.Policy.Ranges(c.Request.WorkKind)
	res := permit.Result{WorkKind: c.Request.WorkKind, BufferM: buffer, Ranges: ranges, TicketID: newTicketID()}
	a, err := checkWorkArea(ctx, s.db.Pool, c.Request.Geometry, c.Policy)
	if err != nil {
		return permit.Result{}, err
	}
	res.AreaM2, res.LengthM, res.RunID = a.areaM2, a.lengthM, a.run
	if res.Segments, err = segmentsInReach(ctx, s.db.Pool, c.Request.Geometry, a.srid, res.RunID, ranges, buffer); err != nil {
		return permit.Result{}, err
	}
	res.Decision = permit.Decide(c.Request.WorkKind, res.Segments)
	res.Measures = permit.Measures(c.Request.WorkKind, res.Segments)
	res.CheckedAt = time.Now().UTC().Truncate(time.Millisecond)
	if err := storeTicket(ctx, s.db.Pool, c, res, a.srid); err != nil {
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

// sqlWorkArea reads the working CRS and the current run (0 before the
// first analysis) and checks the work area in that CRS: valid, not
// degenerate, its area and length. One statement, one round trip; the
// reason is only computed for an invalid geometry.
const sqlWorkArea = `
WITH s AS (SELECT coalesce((SELECT value::int FROM settings WHERE key = 'working_srid'), 0) AS srid,
	coalesce((SELECT run_id FROM current_run), 0) AS run),
g AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS g)
SELECT s.srid, s.run, v.valid, CASE WHEN v.valid THEN '' ELSE coalesce(ST_IsValidReason(g.g), '') END, GeometryType(g.g),
	coalesce(ST_Area(w.g), 0), coalesce(ST_Length(w.g), 0)
FROM s CROSS JOIN g
CROSS JOIN LATERAL (SELECT ST_IsValid(g.g) AS valid) v
CROSS JOIN LATERAL (SELECT CASE WHEN s.srid <> 0 THEN ST_Transform(g.g, s.srid) END AS g) w`

// minWorkAreaM2 is the smallest work area: below it a polygon is a
// sliver or a line drawn as a ring (points of work are sent as Points).
const minWorkAreaM2 = 0.01

// workArea is what the first statement of a check finds: the working
// CRS, the current run and the work area's size.
type workArea struct {
	srid            int
	run             int64
	areaM2, lengthM float64
}

// checkWorkArea refuses invalid, degenerate and oversized work areas, and
// checks before any network is imported (ECONFLICT); it returns the area
// (polygons) and length (lines) in m² and m, with the working CRS and the
// current run.
func checkWorkArea(ctx context.Context, q querier, geom []byte, p permit.Policy) (workArea, error) {
	var a workArea
	var valid bool
	var reason, typ string
	var area, length float64
	err := q.QueryRow(ctx, sqlWorkArea, string(geom)).Scan(&a.srid, &a.run, &valid, &reason, &typ, &area, &length)
	var pe *pgconn.PgError
	switch {
	case errors.As(err, &pe):
		return a, gasrisk.Errorf(gasrisk.EUNPROCESSABLE, "geometry: %s", pe.Message)
	case err != nil:
		return a, err
	case a.srid == 0:
		return a, gasrisk.Errorf(gasrisk.ECONFLICT, "no gas network has been imported yet: nothing to check against")
	case !valid:
		return a, gasrisk.Errorf(gasrisk.EUNPROCESSABLE, "geometry is not a valid %s: %s", typ, reason)
	case typ == "POLYGON" && !(area >= minWorkAreaM2):
		return a, gasrisk.Errorf(gasrisk.EUNPROCESSABLE, "geometry: degenerate polygon (area under %v m²): send a Point or LineString instead", minWorkAreaM2)
	case typ == "LINESTRING" && !(length > 0):
		return a, gasrisk.Errorf(gasrisk.EUNPROCESSABLE, "geometry: degenerate line (zero length)")
	case p.MaxAreaM2 > 0 && area > p.MaxAreaM2:
		return a, gasrisk.Errorf(gasrisk.ETOOLARGE, "work area %.0f m² exceeds the maximum of %.0f m²: split the works", area, p.MaxAreaM2)
	case p.MaxLengthM > 0 && typ == "LINESTRING" && length > p.MaxLengthM:
		return a, gasrisk.Errorf(gasrisk.ETOOLARGE, "work line %.0f m exceeds the maximum of %.0f m: split the works", length, p.MaxLengthM)
	}
	if typ != "LINESTRING" {
		length = 0
	}
	a.areaM2, a.lengthM = area, length
	return a, nil
}

// sqlInReach finds the segments of run $6 (or, before the first analysis,
// the pipes) within their class's reach of the work area: $3..$5 are the
// classes with their protection ranges and reaches, $7 the widest reach
// plus the largest half diameter. Distances are from the pipe's outer wall
// (GB 55009-2021 §5.1.6: the centreline distance less half the diameter,
// $8 mm when unknown; 0 when the works reach the pipe).
const sqlInReach = `
WITH a AS (SELECT ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326), $2::int) AS g),
r AS (SELECT * FROM unnest($3::text[], $4::float8[], $5::float8[]) AS r (class, protection, reach))
SELECT s.segment_id, s.pipe_id, s.pressure_class, s.grade, s.material, s.diameter_mm, d.d, r.protection, r.reach
FROM a CROSS JOIN {source} s
JOIN r ON r.class = s.pressure_class
CROSS JOIN LATERAL (SELECT greatest(ST_Distance(s.geom, a.g) - coalesce(s.diameter_mm, $8::float8) / 2000, 0) AS d) d
WHERE s.geom && ST_Expand(a.g, $7) AND d.d <= r.reach
ORDER BY d.d, s.segment_id`

// maxHalfDiameterM is the largest half diameter a pipe can have (the
// importer accepts diameter_mm up to 5000): the search box around the works
// grows by it, as distances are from the outer wall.
const maxHalfDiameterM = 2.5

// defaultDiameterMM stands in for an unknown diameter, as in the analysis.
var defaultDiameterMM = riskmodel.DefaultConfig().Consequence.DefaultDiameterMM

// segmentsInReach lists the segments within reach, nearest first.
func segmentsInReach(ctx context.Context, q querier, geom []byte, srid int, run int64, ranges []permit.Range, buffer float64) ([]permit.Segment, error) {
	var classes []string
	var prot, reach []float64
	for _, r := range ranges {
		classes, prot, reach = append(classes, r.PressureClass), append(prot, r.ProtectionM), append(reach, r.ReachM)
	}
	source := `(SELECT * FROM segments WHERE run_id = $6)`
	if run == 0 {
		source = `(SELECT gid AS segment_id, id AS pipe_id, pressure_class, '' AS grade, material, diameter_mm, geom
			FROM pipes WHERE $6::bigint = 0)`
	}
	sql := strings.ReplaceAll(sqlInReach, "{source}", source)
	rows, err := q.Query(ctx, sql, string(geom), srid, classes, prot, reach, run, buffer+maxHalfDiameterM,
		defaultDiameterMM)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (permit.Segment, error) {
		var s permit.Segment
		err := r.Scan(&s.SegmentID, &s.PipeID, &s.PressureClass, &s.Grade, &s.Material, &s.DiameterMM, &s.DistanceM,
			&s.ProtectionM, &s.ReachM)
		s.Zone = permit.ZoneOf(s.DistanceM, s.ProtectionM)
		s.DistanceM = math.Round(s.DistanceM*100) / 100
		return s, err
	})
}
