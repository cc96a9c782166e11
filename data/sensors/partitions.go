package sensors

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"gasrisk/data"
)

// Readings are partitioned by the UTC day of the reading: one partition
// readings_YYYYMMDD per day, created when the first reading of the day
// arrives and dropped once the whole day is past the retention period.

const partitionPrefix = "readings_"

// partitionName names the partition of day (UTC).
func partitionName(day time.Time) string { return partitionPrefix + day.UTC().Format("20060102") }

// dayOf is the start of t's UTC day.
func dayOf(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// ensurePartitions creates the partitions of the readings' days that do
// not exist yet, each under a lock so that concurrent ingests create it
// once.
func (s *Service) ensurePartitions(ctx context.Context, rs []Reading) error {
	var days []time.Time
	seen := map[time.Time]bool{}
	s.mu.Lock()
	for _, r := range rs {
		d := dayOf(r.At)
		if !seen[d] && !s.parts[partitionName(d)] {
			seen[d] = true
			days = append(days, d)
		}
	}
	s.mu.Unlock()
	for _, d := range days {
		if err := s.createPartition(ctx, d); err != nil {
			return err
		}
	}
	return nil
}

// createPartition creates day's partition unless it exists.
func (s *Service) createPartition(ctx context.Context, day time.Time) error {
	name := partitionName(day)
	err := pgx.BeginFunc(ctx, s.db.Pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext('gasrisk.readings.partitions'))`); err != nil {
			return err
		}
		var exists bool
		if err := tx.QueryRow(ctx, `SELECT to_regclass($1) IS NOT NULL`, name).Scan(&exists); err != nil || exists {
			return err
		}
		_, err := tx.Exec(ctx, fmt.Sprintf(`CREATE TABLE %s PARTITION OF readings FOR VALUES FROM ('%s') TO ('%s')`,
			pgx.Identifier{name}.Sanitize(), day.Format(time.RFC3339), day.AddDate(0, 0, 1).Format(time.RFC3339)))
		return err
	})
	if err != nil {
		return fmt.Errorf("creating the readings partition %s: %w", name, err)
	}
	s.mu.Lock()
	s.parts[name] = true
	s.mu.Unlock()
	return nil
}

// DropExpired drops the partitions whose whole day lies before the
// retention period, returning their names.
func (s *Service) DropExpired(ctx context.Context) (_ []string, err error) {
	defer data.Annotate(&err, "sensors.DropExpired")
	cutoff := dayOf(s.cfg.Now().AddDate(0, 0, -s.cfg.RetentionDays))
	rows, err := s.db.Pool.Query(ctx, `SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
		WHERE i.inhparent = 'readings'::regclass ORDER BY 1`)
	if err != nil {
		return nil, err
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, err
	}
	var dropped []string
	for _, n := range names {
		day, err := time.Parse("20060102", strings.TrimPrefix(n, partitionPrefix))
		if err != nil || day.AddDate(0, 0, 1).After(cutoff) {
			continue
		}
		if _, err := s.db.Pool.Exec(ctx, `DROP TABLE `+pgx.Identifier{n}.Sanitize()); err != nil {
			return dropped, err
		}
		s.mu.Lock()
		delete(s.parts, n)
		s.mu.Unlock()
		dropped = append(dropped, n)
	}
	return dropped, nil
}
