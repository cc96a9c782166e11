package analysis

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// sqlRecentAlarms counts, per segment, the gas alarms (false alarms left
// out) raised by detectors within the watch radius ($1) from $2 up to the
// end of the as-of day $3: few rows, one pass over the segments.
const sqlRecentAlarms = `
SELECT s.segment_id, count(DISTINCT a.id)::int
FROM alarms a JOIN {w}.segs s ON ST_DWithin(s.geom, a.geom, $1)
WHERE a.level IN ('low', 'high') AND a.state <> 'false_alarm' AND a.first_at >= $2 AND a.first_at < $3
GROUP BY s.segment_id`

// recentAlarms loads the recent alarms near each segment into r.alarms,
// for the likelihood's recent_alarms factor (riskmodel.Sensors).
func (r *run) recentAlarms(ctx context.Context) error {
	t := time.Now()
	m := r.opts.Model.Sensors
	end := r.opts.AsOf.AddDate(0, 0, 1)
	rows, err := r.conn.Query(ctx, r.sql(sqlRecentAlarms), m.WatchRadiusM, end.AddDate(0, 0, -m.AlarmWindowDays-1), end)
	if err != nil {
		return err
	}
	r.alarms = map[int64]int{}
	var id int64
	var n int
	_, err = pgx.ForEachRow(rows, []any{&id, &n}, func() error {
		r.alarms[id] = n
		return nil
	})
	r.phases = append(r.phases, Phase{"grade recent alarms", time.Since(t)})
	return err
}
