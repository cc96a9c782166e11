package analysis

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"golang.org/x/sync/errgroup"

	"gasrisk/data/topology"
	"gasrisk/network"
)

// The outage cuts are kept between runs (migration 0021, docs/design.md
// "Incremental re-analysis"): building the whole network's graph is most
// of what the outage consequence costs, and its answer changes only with
// the network's shape. The cuts are stored with a fingerprint of exactly
// what they depend on; a run or a revision whose fingerprint matches
// reads them back.

// cutsVersion names the computation the stored cuts come from: the
// algorithm and the tolerances of the graph's read and build. A change
// to either must change it, so that no stored cut outlives its rule.
func cutsVersion() string {
	o := network.DefaultOptions()
	return fmt.Sprintf("cuts/1 snap=%g station=%g valve=%g customer=%g", o.SnapM, o.StationM, topology.ValveM, topology.CustomerM)
}

// networkPrints are, for the fingerprint, a count and an order-free
// digest (the XOR of 64-bit row hashes, each row named by its gid so that
// no two rows cancel) of exactly the columns the cuts depend on, layer by
// layer: the in-service pipes' gids (the cuts are keyed by them) and
// geometry; the valves' states, operability and positions; the stations'
// kinds (sources or not) and positions; the customers' kinds (critical or
// not) and positions. Nothing else of the layers — a pipe's material,
// year, diameter or pressure class, a customer's meters — changes a cut.
// The geometry is hashed as WKB: PostGIS has no 64-bit geometry hash.
var networkPrints = [...]struct{ layer, sql string }{
	{"pipes", `SELECT count(*), coalesce(bit_xor(hash_record_extended(ROW(gid, ST_AsBinary(geom)), 0)), 0)
		FROM pipes WHERE status = 'in_service'`},
	{"valves", `SELECT count(*), coalesce(bit_xor(hash_record_extended(ROW(gid, normal_state, operable, ST_AsBinary(geom)), 0)), 0)
		FROM valves`},
	{"stations", `SELECT count(*), coalesce(bit_xor(hash_record_extended(ROW(gid, kind, ST_AsBinary(geom)), 0)), 0)
		FROM stations`},
	{"customers", `SELECT count(*), coalesce(bit_xor(hash_record_extended(ROW(gid, kind = 'critical', ST_AsBinary(geom)), 0)), 0)
		FROM customers`},
}

// networkPrint is the fingerprint of what the outage cuts depend on, or
// "" when the city has no valves or no customers (the factor is neutral
// and nothing is computed). The layers are digested at once, each on a
// connection of its own.
func (s *Service) networkPrint(ctx context.Context) (string, error) {
	var counts, digests [len(networkPrints)]int64
	g, gctx := errgroup.WithContext(ctx)
	for i, p := range networkPrints {
		g.Go(func() error {
			if err := s.db.Pool.QueryRow(gctx, p.sql).Scan(&counts[i], &digests[i]); err != nil {
				return fmt.Errorf("%s: %w", p.layer, err)
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return "", err
	}
	if counts[1] == 0 || counts[3] == 0 { // no valves or no customers
		return "", nil
	}
	fp := cutsVersion()
	for i, p := range networkPrints {
		fp += fmt.Sprintf(" %s %d:%d", p.layer, counts[i], digests[i])
	}
	return fp, nil
}

// storedCuts tells whether the stored cuts have fingerprint fp.
func (s *Service) storedCuts(ctx context.Context, fp string) (bool, error) {
	var ok bool
	err := s.db.Pool.QueryRow(ctx, `SELECT EXISTS (SELECT FROM outage_cut_set WHERE fingerprint = $1)`, fp).Scan(&ok)
	return ok, err
}

// sqlCuts reads the stored cuts by pipe and fraction, the order
// outageCuts.at searches; in a revision ({w}.scope_pipes) only those of
// the pipes in scope.
const (
	sqlCuts      = `SELECT pipe_gid, f0, f1, customers, critical FROM outage_cuts ORDER BY pipe_gid, f0`
	sqlScopeCuts = `SELECT c.pipe_gid, c.f0, c.f1, c.customers, c.critical FROM outage_cuts c
		WHERE c.pipe_gid IN (SELECT p.gid FROM {w}.scope_pipes sp JOIN pipes p ON p.id = sp.pipe_id) ORDER BY c.pipe_gid, c.f0`
)

// loadCuts reads the stored cuts with q.
func loadCuts(ctx context.Context, conn *pgxpool.Conn, q string) (outageCuts, error) {
	rows, err := conn.Query(ctx, q)
	if err != nil {
		return nil, err
	}
	var out outageCuts
	var sc network.StretchCut
	var customers, critical int32
	_, err = pgx.ForEachRow(rows, []any{&sc.PipeGID, &sc.F0, &sc.F1, &customers, &critical}, func() error {
		sc.Customers, sc.Critical = int(customers), int(critical)
		out = append(out, sc)
		return nil
	})
	return out, err
}

// storeCuts replaces the stored cuts with cuts, of fingerprint fp, in one
// transaction.
func (s *Service) storeCuts(ctx context.Context, fp string, cuts outageCuts, took time.Duration) error {
	tx, err := s.db.Pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(context.Background()) //nolint:errcheck // a no-op after the commit
	if _, err := tx.Exec(ctx, `DELETE FROM outage_cut_set; TRUNCATE outage_cuts`); err != nil {
		return err
	}
	_, err = tx.CopyFrom(ctx, pgx.Identifier{"outage_cuts"}, []string{"pipe_gid", "f0", "f1", "customers", "critical"},
		pgx.CopyFromSlice(len(cuts), func(i int) ([]any, error) {
			c := &cuts[i]
			return []any{c.PipeGID, c.F0, c.F1, int32(c.Customers), int32(c.Critical)}, nil
		}))
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `INSERT INTO outage_cut_set (fingerprint, stretches, duration_ms) VALUES ($1, $2, $3)`,
		fp, len(cuts), took.Milliseconds()); err != nil {
		return err
	}
	return tx.Commit(ctx)
}
