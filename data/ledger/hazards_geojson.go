package ledger

import (
	"bufio"
	"context"
	"encoding/json"
	"gasrisk/data"
	"gasrisk/hazard"
	"io"
	"strconv"
)

// HazardsGeoJSON streams the hazards that pass the filter (no paging) as
// an RFC 7946 FeatureCollection in EPSG:4326: each feature's id is the
// hazard's, its properties are the hazard's fields. It returns the number written.
func (s *Service) HazardsGeoJSON(ctx context.Context, w io.Writer, f Filter) (_ int, err error) {
	defer data.Annotate(&err, "ledger.HazardsGeoJSON")
	f.Limit = 0
	if err := f.Validate(); err != nil {
		return 0, err
	}
	where, args := f.where()
	rows, err := s.db.Pool.Query(ctx, `SELECT `+hazardColumns+`, ST_AsGeoJSON(ST_Transform(h.geom, 4326), 7)
		FROM hazards h WHERE `+where+` ORDER BY h.id`, args...)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	bw := bufio.NewWriterSize(w, 1<<16)
	io.WriteString(bw, `{"type":"FeatureCollection","features":[`)
	n := 0
	for rows.Next() {
		var h hazard.Entry
		var geom string
		if err := scanHazard(rows, &h, &geom); err != nil {
			return n, err
		}
		props, err := json.Marshal(h)
		if err != nil {
			return n, err
		}
		if n > 0 {
			bw.WriteByte(',')
		}
		n++
		bw.WriteString(`{"type":"Feature","id":` + strconv.FormatInt(h.ID, 10) + `,"geometry":` + geom + `,"properties":`)
		bw.Write(props)
		bw.WriteByte('}')
	}
	if err := rows.Err(); err != nil {
		return n, err
	}
	io.WriteString(bw, "]}\n")
	return n, bw.Flush()
}
