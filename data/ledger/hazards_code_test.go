package ledger_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// TestHazardCodesPastSixDigits: codes keep six digits at least and grow
// beyond, so hazard 1,000,000 does not collide with hazard 100,000 (the
// lpad of migration 0004 cut it to YH-100000).
func TestHazardCodesPastSixDigits(t *testing.T) {
	s := env.CasesCity(t)
	ctx := context.Background()
	var cols string
	err := s.DB.Pool.QueryRow(ctx, `SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position)
		FROM information_schema.columns
		WHERE table_name = 'hazards' AND is_generated = 'NEVER' AND column_name NOT IN ('id', 'identity')`).Scan(&cols)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		id   int64
		want string
	}{{7, "YH-000007"}, {100000, "YH-100000"}, {999999, "YH-999999"}, {1000000, "YH-1000000"}, {12345678, "YH-12345678"}} {
		t.Run(tc.want, func(t *testing.T) {
			if tc.id != 7 { // a copy of the first hazard under this id
				q := fmt.Sprintf(`INSERT INTO hazards (id, identity, %s)
					SELECT $1::bigint, identity || ' copy ' || $1::text, %s FROM hazards ORDER BY id LIMIT 1`, cols, cols)
				if _, err := s.DB.Pool.Exec(ctx, q, tc.id); err != nil {
					t.Fatal(err)
				}
			}
			var code string
			if err := s.DB.Pool.QueryRow(ctx, `SELECT code FROM hazards WHERE id = $1`, tc.id).Scan(&code); err != nil {
				t.Fatal(err)
			}
			if code != tc.want || !strings.HasPrefix(code, "YH-") {
				t.Errorf("hazard %d: code %q, want %q", tc.id, code, tc.want)
			}
		})
	}
}
