package analysis_test

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkt"

	"gasrisk/geo"
)

// TestClearanceAgreesWithPostGIS compares geo.Clearance, which the sewer
// detection uses, with PostGIS intersecting the pipe with the sewer
// buffered by the distance (256 segments a quarter circle, so the buffer's
// chords stray from the true circle by under a millionth of the distance),
// on random pipes and sewers: the same stretches to a millimetre.
func TestClearanceAgreesWithPostGIS(t *testing.T) {
	s := env.Services(t)
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(7, 11))
	line, pipe := randomLines(rng)
	compared := 0
	for trial := 0; trial < 400; trial++ {
		a, b, d := pipe(2+rng.IntN(4)), line(2+rng.IntN(4)), 0.5+rng.Float64()*6
		var near float64
		err := s.DB.Pool.QueryRow(ctx, `SELECT ST_Distance($1::geometry, $2::geometry)`, wkt.MarshalString(a), wkt.MarshalString(b)).Scan(&near)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(near-d) < 1e-3 {
			continue // grazing: a buffer's chord may cut or keep a sliver
		}
		rows, err := s.DB.Pool.Query(ctx, `SELECT least(f0, f1), greatest(f0, f1) FROM (
			SELECT ST_LineLocatePoint(a, ST_StartPoint(p.geom)) AS f0, ST_LineLocatePoint(a, ST_EndPoint(p.geom)) AS f1
			FROM (SELECT $1::geometry AS a) x, ST_Dump(ST_Intersection(a, ST_Buffer($2::geometry, $3, 'quad_segs=256'))) p
			WHERE GeometryType(p.geom) = 'LINESTRING') y ORDER BY 1`, wkt.MarshalString(a), wkt.MarshalString(b), d)
		if err != nil {
			t.Fatal(err)
		}
		var want []geo.Interval
		for rows.Next() {
			var iv geo.Interval
			if err := rows.Scan(&iv.F0, &iv.F1); err != nil {
				t.Fatal(err)
			}
			want = append(want, iv)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		want = geo.Merge(want)
		got := geo.Clearance(a, b, d)
		total := geo.Length(a)
		ok := len(got) == len(want)
		for i := 0; ok && i < len(got); i++ {
			ok = math.Abs(got[i].F0-want[i].F0)*total < 1e-3 && math.Abs(got[i].F1-want[i].F1)*total < 1e-3
		}
		if !ok {
			t.Errorf("trial %d, d %.3f (nearest %.4f): geo.Clearance %v, PostGIS %v\na %s\nb %s",
				trial, d, near, got, want, wkt.MarshalString(a), wkt.MarshalString(b))
		}
		if len(want) > 0 {
			compared++
		}
	}
	if compared < 100 {
		t.Errorf("only %d pairs within the distance compared", compared)
	}
}

// randomLines makes random sewers (line) and pipes (pipe) of n points in
// a 40 m square, to the millimetre; a pipe is a simple line (x only
// grows): ST_LineLocatePoint, which PostGIS needs to place things along a
// line, returns the nearest place on it and so misplaces points where a
// line passes itself.
func randomLines(rng *rand.Rand) (line, pipe func(n int) orb.LineString) {
	line = func(n int) orb.LineString {
		l := make(orb.LineString, n)
		for i := range l {
			l[i] = orb.Point{math.Round(rng.Float64()*40000) / 1000, math.Round(rng.Float64()*40000) / 1000}
		}
		return l
	}
	pipe = func(n int) orb.LineString {
		l := line(n)
		xs := make([]float64, n)
		for i := range l {
			xs[i] = l[i][0]
		}
		slices.Sort(xs)
		for i := range l {
			l[i][0] = xs[i] + float64(i)*0.001
		}
		return l
	}
	return line, pipe
}

// TestCrossingsAgreeWithPostGIS compares geo.Crossings, which the sewer
// detection uses, with ST_Intersects and ST_Intersection on random pipes
// and sewers: the same pairs meet, at the same places along the pipe.
func TestCrossingsAgreeWithPostGIS(t *testing.T) {
	s := env.Services(t)
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(5, 9))
	line, pipe := randomLines(rng)
	crossed := 0
	for trial := 0; trial < 400; trial++ {
		a, b := pipe(2+rng.IntN(4)), line(2+rng.IntN(4))
		var meet bool
		var want []float64
		err := s.DB.Pool.QueryRow(ctx, `SELECT ST_Intersects(a, b), coalesce((SELECT array_agg(f ORDER BY f) FROM (SELECT ST_LineLocatePoint(a,
				CASE WHEN GeometryType(d.geom) = 'POINT' THEN d.geom ELSE ST_PointOnSurface(d.geom) END) AS f
			FROM ST_Dump(ST_Intersection(a, b)) d) y), '{}')
			FROM (SELECT $1::geometry AS a, $2::geometry AS b) x`, wkt.MarshalString(a), wkt.MarshalString(b)).Scan(&meet, &want)
		if err != nil {
			t.Fatal(err)
		}
		got := geo.Crossings(a, b)
		ok := meet == (len(got) > 0) && len(got) == len(want)
		for i := 0; ok && i < len(got); i++ {
			ok = math.Abs(got[i].F-want[i]) < 1e-9
		}
		if !ok {
			t.Errorf("trial %d: geo.Crossings %v, PostGIS meets %v at %v\na %s\nb %s", trial, got, meet, want,
				wkt.MarshalString(a), wkt.MarshalString(b))
		}
		if meet {
			crossed++
		}
	}
	if crossed < 100 {
		t.Errorf("only %d crossing pairs compared", crossed)
	}
}
