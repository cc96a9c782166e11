package data_test

import (
	"context"
	"strings"
	"testing"

	"gasrisk/data"
	"gasrisk/data/importer"
)

func TestMigrations(t *testing.T) {
	ms, err := data.Migrations()
	if err != nil {
		t.Fatal(err)
	}
	for i, m := range ms {
		// Versions are 1, 2, 3 … without gaps: a database records only the
		// highest one applied, so a gap filled later would be skipped.
		if m.Version != i+1 {
			t.Fatalf("migration %d has version %d, want %d", i, m.Version, i+1)
		}
	}
	s := env.Services(t)
	ctx := context.Background()
	t.Run("all applied", func(t *testing.T) {
		v, err := s.DB.SchemaVersion(ctx)
		if err != nil || v != ms[len(ms)-1].Version {
			t.Fatalf("schema version %d, %v; want %d", v, err, ms[len(ms)-1].Version)
		}
	})
	t.Run("re-applying is a no-op", func(t *testing.T) {
		if err := s.DB.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		var n int
		s.DB.Pool.QueryRow(ctx, `SELECT count(*) FROM schema_migrations`).Scan(&n)
		if n != len(ms) {
			t.Errorf("%d rows in schema_migrations, want %d", n, len(ms))
		}
	})
	t.Run("every layer has both geometries indexed with GiST", func(t *testing.T) {
		for _, l := range importer.LayerNames() {
			for _, col := range []string{"geom", "geom_3857"} {
				var n int
				err := s.DB.Pool.QueryRow(ctx, `SELECT count(*) FROM pg_indexes WHERE tablename = $1
					AND indexdef LIKE '%USING gist (' || $2 || ')%'`, l, col).Scan(&n)
				if err != nil || n != 1 {
					t.Errorf("%s.%s: %d GiST indexes (%v)", l, col, n, err)
				}
			}
		}
	})
	t.Run("layers the analysis probes have sparse GiST indexes", func(t *testing.T) {
		for _, l := range []string{"buildings", "sewers", "detectors"} {
			var def string
			err := s.DB.Pool.QueryRow(ctx, `SELECT indexdef FROM pg_indexes WHERE tablename = $1 AND indexname = $1 || '_geom'`, l).Scan(&def)
			if err != nil || !strings.Contains(def, "fillfactor='10'") || !strings.Contains(def, "buffering='on'") {
				t.Errorf("%s: %q (%v)", l, def, err)
			}
		}
	})
	t.Run("geometry for tiles is EPSG:3857", func(t *testing.T) {
		var srid int
		err := s.DB.Pool.QueryRow(ctx, `SELECT srid FROM geometry_columns WHERE f_table_name = 'pipes' AND f_geometry_column = 'geom_3857'`).Scan(&srid)
		if err != nil || srid != 3857 {
			t.Errorf("pipes.geom_3857 srid %d (%v)", srid, err)
		}
	})
}
