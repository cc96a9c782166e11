package tilesource

import (
	"gasrisk/data/ledger"
	"strings"
)

// Vector tile queries, one per tile layer, in the manner of pg_tileserv:
// the bounding-box test is on the precomputed geom_3857 column against
// ST_TileEnvelope (so the GiST index answers it; no column is transformed),
// ST_AsMVTGeom clips to the tile plus a buffer, snaps to the 4096 grid (which
// simplifies by zoom and drops what collapses) and ST_AsMVT encodes.
// Parameters: $1 z, $2 x, $3 y, $4 the analysis run (segments, stations)
// or the date overdue is judged at (hazards).
// The extent (4096) and buffer (64) are tiles.Extent and tiles.Buffer.

// tileEnv and tileBuf are the tile's envelope and the envelope with the
// buffer margin (64/4096).
const (
	tileEnv = `ST_TileEnvelope($1::int, $2::int, $3::int)`
	tileBuf = `ST_TileEnvelope($1::int, $2::int, $3::int, margin => 0.015625)`
	mvtGeom = `ST_AsMVTGeom(geom_3857, ` + tileEnv + `, 4096, 64, true)`
)

// lowZoomSegments keeps overview tiles small (a dense city core has 20,000
// segments in one z12 tile): up to z11 only red and orange segments and
// the sub-high and high pressure mains; at z12 also yellow segments and
// medium pressure A mains; from z13 every segment.
const lowZoomSegments = `($1::int >= 13 OR grade IN ('red', 'orange') OR pressure_class IN ('SHPB', 'SHPA', 'HPB', 'HPA')
	OR ($1::int = 12 AND (grade = 'yellow' OR pressure_class = 'MPA')))`

// lowZoomHazards: up to z11 red and orange hazards, at z12 also yellow ones.
const lowZoomHazards = `($1::int >= 13 OR h.grade IN ('red', 'orange') OR ($1::int = 12 AND h.grade = 'yellow'))`

// overdueSQL4 is ledger.OverdueSQL with the date as $4 (the date of the hazards
// layer's version).
var overdueSQL4 = strings.Replace(ledger.OverdueSQL, "$1", "$4", 1)

// stationFindings aggregates the run's station findings per station.
const stationFindings = `(SELECT station_gid, string_agg(DISTINCT kind, ',' ORDER BY kind) AS findings
	FROM station_findings WHERE run_id = $4 GROUP BY station_gid)`

// mvtQuery wraps the feature rows of one layer into ST_AsMVT.
func mvtQuery(layer, rows string) string {
	return `SELECT ST_AsMVT(f, '` + layer + `', 4096, 'geom', 'fid') FROM (` + rows + `) f WHERE f.geom IS NOT NULL`
}

// byRun lists the tile layers whose queries take the analysis run.
func byRun(layer string) bool {
	return layer == "segments" || layer == "stations"
}

// tileSQL returns the MVT query of each tile layer.
func tileSQL() map[string]string {
	return map[string]string{
		"segments": mvtQuery("segments", `SELECT segment_id AS fid, segment_id, pipe_id, grade, round(score::numeric, 2)::real AS score, occupied,
			clearance_violation, sewer_crossing, aged, third_party, array_to_string(findings, ',') AS findings,
			material, pressure_class, district, renewal_category, `+mvtGeom+` AS geom
			FROM segments WHERE run_id = $4 AND geom_3857 && `+tileBuf+` AND `+lowZoomSegments),
		"hazards": mvtQuery("hazards", `SELECT h.id AS fid, h.code, h.kind, h.source, h.grade, h.state,
			(`+overdueSQL4+`) AS overdue, h.listed AS listed_supervision, h.recheck_due,
			to_char(h.deadline, 'YYYY-MM-DD') AS deadline, h.district,
			ST_AsMVTGeom(h.geom_3857, `+tileEnv+`, 4096, 64, true) AS geom
			FROM hazards h WHERE h.geom_3857 && `+tileBuf+` AND `+lowZoomHazards),
		"stations": mvtQuery("stations", `SELECT s.gid AS fid, s.id, s.kind, s.name, s.install_year,
			coalesce(sf.findings, '') AS findings, ST_AsMVTGeom(s.geom_3857, `+tileEnv+`, 4096, 64, true) AS geom
			FROM stations s LEFT JOIN `+stationFindings+` sf ON sf.station_gid = s.gid
			WHERE s.geom_3857 && `+tileBuf+` AND ($1::int >= 12 OR s.kind <> 'regulator_box')`),
		"buildings": mvtQuery("buildings", `SELECT gid AS fid, id, use, floors, `+mvtGeom+` AS geom
			FROM buildings WHERE geom_3857 && `+tileBuf),
		"sewers": mvtQuery("sewers", `SELECT gid AS fid, id, kind, diameter_mm, `+mvtGeom+` AS geom
			FROM sewers WHERE geom_3857 && `+tileBuf),
		"districts": mvtQuery("districts", `SELECT gid AS fid, id, name, `+mvtGeom+` AS geom
			FROM districts WHERE geom_3857 && `+tileBuf),
		"field_records": mvtQuery("field_records", `SELECT fid, id, record, date, kind, open, `+mvtGeom+` AS geom FROM (
			SELECT gid * 3 AS fid, id, 'leaks' AS record, to_char(found_date, 'YYYY-MM-DD') AS date, cause AS kind,
			       repaired_date IS NULL AS open, geom_3857 FROM leaks WHERE geom_3857 && `+tileBuf+`
			UNION ALL
			SELECT gid * 3 + 1, id, 'patrols', to_char(date, 'YYYY-MM-DD'), observation, false, geom_3857
			FROM patrols WHERE geom_3857 && `+tileBuf+`
			UNION ALL
			SELECT gid * 3 + 2, id, 'cp_readings', to_char(date, 'YYYY-MM-DD'), CASE WHEN pass THEN 'pass' ELSE 'fail' END, NOT pass,
			       geom_3857 FROM cp_readings WHERE geom_3857 && `+tileBuf+`) r`),
		"pipes": mvtQuery("pipes", `SELECT gid AS fid, id, material, pressure_class, diameter_mm, install_year,
			district, status, `+mvtGeom+` AS geom
			FROM pipes WHERE geom_3857 && `+tileBuf),
	}
}

// tileExtentSQL returns, per tile layer, the query of its EPSG:3857 extent
// ($1 the analysis run, for segments).
func tileExtentSQL() map[string]string {
	ext := func(from string) string {
		return `SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Extent(geom_3857) AS e FROM ` + from + `) s`
	}
	return map[string]string{
		"segments":  ext(`segments WHERE run_id = $1`),
		"hazards":   ext(`hazards`),
		"stations":  ext(`stations`),
		"buildings": ext(`buildings`),
		"sewers":    ext(`sewers`),
		"districts": ext(`districts`),
		"pipes":     ext(`pipes`),
		"field_records": ext(`(SELECT geom_3857 FROM leaks UNION ALL SELECT geom_3857 FROM patrols
			UNION ALL SELECT geom_3857 FROM cp_readings) r`),
	}
}
