package importer

import (
	"context"
	"fmt"
	"math"

	"github.com/jackc/pgx/v5"
)

// DefaultMaxDistanceKM is how far from the layers already loaded a file's
// features may lie: a city's network spans tens of kilometres, so a layer
// hundreds of kilometres away is one read in a wrong CRS. It is a
// plausibility check of this project, not a standard's figure.
const DefaultMaxDistanceKM = 200

// areaMarginDeg is how far beyond a CRS's area of use (PROJ's
// bounding box, in degrees) the centre of the features may lie: projected
// CRSs are used a little past their zones' edges.
const areaMarginDeg = 1

// checkFamily refuses a GDAL layer whose declared geometry type the layer
// cannot take, naming both.
func (st *staging) checkFamily() error {
	if f := st.source.family(); f != 0 && f&st.layer.Geom == 0 {
		return fmt.Errorf("%s: source layer %q holds %s geometries; layer %s takes %s",
			st.opts.File, clip(st.source.Name), st.source.Geometry, st.layer.Name, kindNames(st.layer.Geom))
	}
	return nil
}

// checkPlace refuses features that cannot be where the file says: outside
// the declared CRS's area of use (degrees declared as a projected CRS,
// metres declared as EPSG:4326), or far from the layers already loaded.
// The refusal gives the reason and the extent found.
func (s *Service) checkPlace(ctx context.Context, st *staging) error {
	src, native := st.srid, st.seen
	if st.source.Name != "" || st.source.SRID != 0 { // read by GDAL, reprojected to 4326
		src, native = st.opts.SRID, st.source.Extent
		if src == 0 {
			src = st.source.SRID
		}
	}
	file := st.opts.File
	if !st.seen.ok { // nothing accepted: say so as a whole when the reason is the CRS
		if src == 4326 && st.refused.ok && !st.refused.within(lonLatBox, 0) {
			return fmt.Errorf("%s: coordinates outside longitude/latitude ranges, extent %s: the file declares EPSG:4326 (degrees) but these look like metres of a projected CRS; pass --srid with the file's real CRS",
				file, st.refused)
		}
		return nil // the rejects say why
	}
	var crs crsInfo
	if src != 0 && src != 4326 {
		var err error
		if crs, err = lookupCRS(ctx, src); err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		if crs.Projected && native.ok && native.within(lonLatBox, 0) {
			return fmt.Errorf("%s: extent %s looks like longitude/latitude degrees, but EPSG:%d (%s) is a projected CRS in metres, which would make the whole layer %.0f m × %.0f m; declare EPSG:4326 (--srid 4326) or fix the file's CRS",
				file, native, src, crs.Name, native.MaxX-native.MinX, native.MaxY-native.MinY)
		}
	}
	lonLat := st.seen
	if st.srid != 4326 {
		var err error
		if lonLat, err = s.toLonLat(ctx, st.seen, st.srid); err != nil {
			return fmt.Errorf("%s: the features, extent %s, cannot be placed in EPSG:%d (%v): wrong CRS? pass --srid", file, st.seen, st.srid, err)
		}
	}
	if cx, cy := lonLat.centre(); crs.Area.ok && !(extent{cx, cy, cx, cy, true}).within(crs.Area, areaMarginDeg) {
		return fmt.Errorf("%s: the features lie at %s (lon/lat; extent %s in the file), outside the area of use of EPSG:%d %s (%s, %s): wrong CRS? pass --srid",
			file, lonLat, native, src, crs.Name, crs.AreaName, crs.Area)
	}
	return s.checkNear(ctx, st, lonLat)
}

// toLonLat transforms an extent to EPSG:4326 with PostGIS.
func (s *Service) toLonLat(ctx context.Context, e extent, srid int) (extent, error) {
	var out extent
	err := s.db.Pool.QueryRow(ctx, `SELECT ST_XMin(b), ST_YMin(b), ST_XMax(b), ST_YMax(b)
		FROM (SELECT ST_Transform(ST_MakeEnvelope($1, $2, $3, $4, $5), 4326)::box2d AS b) t`,
		e.MinX, e.MinY, e.MaxX, e.MaxY, srid).Scan(&out.MinX, &out.MinY, &out.MaxX, &out.MaxY)
	out.ok = err == nil
	if err == nil && !out.within(lonLatBox, 1e-9) {
		return out, fmt.Errorf("transformed to %s", out)
	}
	return out, err
}

// checkNear refuses features further than MaxDistanceKM from the layers
// already loaded (other layers; with Replace, not the replaced one).
func (s *Service) checkNear(ctx context.Context, st *staging, lonLat extent) error {
	maxKM := st.opts.MaxDistanceKM
	if maxKM == 0 {
		maxKM = DefaultMaxDistanceKM
	}
	if maxKM < 0 {
		return nil
	}
	loaded, err := s.loadedExtent(ctx, st)
	if err != nil || !loaded.ok {
		return err
	}
	var km float64
	err = s.db.Pool.QueryRow(ctx, `SELECT ST_Distance(ST_MakeEnvelope($1, $2, $3, $4, 4326)::geography,
		ST_MakeEnvelope($5, $6, $7, $8, 4326)::geography) / 1000`,
		lonLat.MinX, lonLat.MinY, lonLat.MaxX, lonLat.MaxY, loaded.MinX, loaded.MinY, loaded.MaxX, loaded.MaxY).Scan(&km)
	if err != nil {
		return err
	}
	if km > maxKM {
		return fmt.Errorf("%s: the features lie at %s (lon/lat), %.0f km from the layers already loaded (%s): wrong CRS? pass --srid (or --max-distance-km if this is meant)",
			st.opts.File, lonLat, math.Round(km), loaded)
	}
	return nil
}

// loadedExtent is the lon/lat extent of the other layers' features. A
// layer with statistics (every import ends with ANALYZE) gives that of
// the sampled rows: PostGIS keeps it, and it lies within the layer's by
// no more than the gaps a 30,000-row sample leaves at a city's edge,
// nothing beside the check's hundreds of kilometres. Reading a layer of a
// million buildings to find its extent took longer than the rest of a
// small import.
func (s *Service) loadedExtent(ctx context.Context, st *staging) (extent, error) {
	var all extent
	for _, name := range LayerNames() {
		if name == st.layer.Name && st.opts.Replace {
			continue
		}
		l, _ := LookupLayer(name)
		var b [4]*float64
		err := st.tx.QueryRow(ctx, `SELECT ST_XMin(b), ST_YMin(b), ST_XMax(b), ST_YMax(b)
			FROM (SELECT ST_Transform(ST_SetSRID(coalesce(
				CASE WHEN EXISTS (SELECT 1 FROM pg_stats WHERE schemaname = current_schema() AND tablename = $1 AND attname = 'geom_3857')
				     THEN ST_EstimatedExtent($1, 'geom_3857') END,
				(SELECT ST_Extent(geom_3857) FROM `+pgx.Identifier{l.Table()}.Sanitize()+`))::geometry, 3857), 4326)::box2d AS b) t`,
			l.Table()).Scan(&b[0], &b[1], &b[2], &b[3])
		if err != nil {
			return extent{}, err
		}
		if b[0] != nil && b[1] != nil && b[2] != nil && b[3] != nil {
			all.merge(extent{*b[0], *b[1], *b[2], *b[3], true})
		}
	}
	return all, nil
}
