package web

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/gorilla/mux"

	"gasrisk"
	"gasrisk/alarm"
	"gasrisk/data/sensors"
	"gasrisk/riskmodel"
)

// SensorSource is the live detectors' store (data/sensors implements it).
type SensorSource interface {
	Ingest(ctx context.Context, rs []sensors.Reading, source string) (sensors.Result, error)
	Alarms(ctx context.Context, f sensors.Filter) ([]alarm.Alarm, error)
	Alarm(ctx context.Context, id int64) (alarm.Detail, error)
	Move(ctx context.Context, id int64, to, actor, reason string) (alarm.Detail, error)
	Sensors(ctx context.Context) ([]sensors.Sensor, error)
	Readings(ctx context.Context, id string, from, to time.Time, limit int) ([]sensors.Reading, error)
	Suggest(ctx context.Context, count int, radiusM float64) ([]sensors.Candidate, error)
}

// mountSensors serves the live detectors' API; nothing when the server
// has no sensor store.
func (s *Server) mountSensors(r *mux.Router) {
	if s.deps.Sensors == nil {
		return
	}
	r.HandleFunc("/api/v1/readings", s.postReadings).Methods(http.MethodPost)
	r.HandleFunc("/api/v1/sensors", s.sensorList).Methods(http.MethodGet)
	r.HandleFunc("/api/v1/sensors/stream", s.sensorStream).Methods(http.MethodGet)
	r.HandleFunc("/api/v1/sensors/suggestions", s.sensorSuggestions).Methods(http.MethodGet)
	r.HandleFunc("/api/v1/sensors/{id}/readings", s.sensorReadings).Methods(http.MethodGet)
	r.HandleFunc("/api/v1/alarms", s.alarms).Methods(http.MethodGet)
	r.HandleFunc("/api/v1/alarms/{id}", s.alarm).Methods(http.MethodGet)
	r.Handle("/api/v1/alarms/{id}/transitions", s.ledgerEditor(s.moveAlarm)).Methods(http.MethodPost)
}

// postReadings answers POST /api/v1/readings (a key of the sensor
// role): a JSON array or CSV of readings, stored all or none.
func (s *Server) postReadings(w http.ResponseWriter, r *http.Request) {
	rs, err := DecodeReadings(r.Body, r.Header.Get("Content-Type"))
	if err != nil {
		Error(w, r, err)
		return
	}
	res, err := s.deps.Sensors.Ingest(r.Context(), rs, sensors.SourceHTTP)
	if err != nil {
		Error(w, r, err)
		return
	}
	if len(res.Raised) > 0 && s.deps.Tiles != nil {
		s.deps.Tiles.Invalidate() // an alarm may have opened a hazard the map shows
	}
	s.live.notify()
	writeJSON(w, http.StatusOK, res)
}

// sensorList answers GET /api/v1/sensors: every live detector with its
// latest reading and status.
func (s *Server) sensorList(w http.ResponseWriter, r *http.Request) {
	list, err := s.deps.Sensors.Sensors(r.Context())
	if err != nil {
		Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"sensors": list})
}

// sensorSuggestions answers GET /api/v1/sensors/suggestions: the count
// (default 10) best places for new detectors, by the risk they would
// watch.
func (s *Server) sensorSuggestions(w http.ResponseWriter, r *http.Request) {
	count, err := intParam(r.URL.Query().Get("count"), "count", 10, 1, 1000)
	if err != nil {
		Error(w, r, err)
		return
	}
	radius := s.cfg.Permits.Policy.Detection.DetectorSearchRadiusM
	if radius <= 0 {
		radius = riskmodel.DefaultConfig().Detection.DetectorSearchRadiusM
	}
	cs, err := s.deps.Sensors.Suggest(r.Context(), count, radius)
	if err != nil {
		Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"candidates": cs})
}

// sensorReadings answers GET /api/v1/sensors/{id}/readings: its readings
// from (default: 24 hours ago) to (default: now), limit at most.
func (s *Server) sensorReadings(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	to, err := timeParam(q.Get("to"), "to", time.Now())
	if err != nil {
		Error(w, r, err)
		return
	}
	from, err := timeParam(q.Get("from"), "from", to.Add(-24*time.Hour))
	if err != nil {
		Error(w, r, err)
		return
	}
	limit, err := intParam(q.Get("limit"), "limit", 10000, 1, 100000)
	if err != nil {
		Error(w, r, err)
		return
	}
	rs, err := s.deps.Sensors.Readings(r.Context(), mux.Vars(r)["id"], from, to, limit)
	if err != nil {
		Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"sensor_id": mux.Vars(r)["id"], "readings": rs})
}

// alarms answers GET /api/v1/alarms: newest first, filtered by
// sensor_id, state (or open), level and since, paged by limit and
// after_id.
func (s *Server) alarms(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := sensors.Filter{SensorID: q.Get("sensor_id"), State: q.Get("state"), Level: q.Get("level")}
	var err error
	if v := q.Get("since"); v != "" {
		f.Since, err = timeParam(v, "since", time.Time{})
	}
	if err == nil {
		f.Limit, err = intParam(q.Get("limit"), "limit", 500, 1, 5000)
	}
	if err == nil && q.Get("after_id") != "" {
		var id int
		id, err = intParam(q.Get("after_id"), "after_id", 0, 1, 1<<53)
		f.AfterID = int64(id)
	}
	if err != nil {
		Error(w, r, err)
		return
	}
	list, err := s.deps.Sensors.Alarms(r.Context(), f)
	if err != nil {
		Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"alarms": list})
}

// alarm answers GET /api/v1/alarms/{id}: the alarm with its history.
func (s *Server) alarm(w http.ResponseWriter, r *http.Request) {
	id, err := alarmID(r)
	if err != nil {
		Error(w, r, err)
		return
	}
	d, err := s.deps.Sensors.Alarm(r.Context(), id)
	if err != nil {
		Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, d)
}

// alarmMove is the body of an alarm transition.
type alarmMove struct {
	To     string `json:"to"`
	Reason string `json:"reason"`
}

// moveAlarm answers POST /api/v1/alarms/{id}/transitions (an editor
// key): {"to": STATE, "reason": TEXT}.
func (s *Server) moveAlarm(w http.ResponseWriter, r *http.Request, actor string) {
	id, err := alarmID(r)
	if err != nil {
		Error(w, r, err)
		return
	}
	var m alarmMove
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxTransitionBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		if berr := bodyError(err); berr != nil {
			err = berr
		} else {
			err = gasrisk.Errorf(gasrisk.EINVALID, "transition body: want {\"to\": STATE, \"reason\": TEXT}: %s", quote(err.Error()))
		}
		Error(w, r, err)
		return
	}
	d, err := s.deps.Sensors.Move(r.Context(), id, m.To, actor, m.Reason)
	if err != nil {
		Error(w, r, err)
		return
	}
	s.live.notify()
	writeJSON(w, http.StatusOK, d)
}

// alarmID reads {id}: a positive integer.
func alarmID(r *http.Request) (int64, error) {
	v := mux.Vars(r)["id"]
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		return 0, gasrisk.Errorf(gasrisk.EINVALID, "alarm id %q: want a positive integer", quote(v))
	}
	return id, nil
}

// timeParam parses an RFC 3339 query parameter; "" is def.
func timeParam(v, name string, def time.Time) (time.Time, error) {
	if v == "" {
		return def, nil
	}
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return time.Time{}, gasrisk.Errorf(gasrisk.EINVALID, "%s=%q: want an RFC 3339 time such as 2026-12-06T10:00:00Z", name, quote(v))
	}
	return t, nil
}

// intParam parses an integer query parameter within [lo, hi]; "" is def.
func intParam(v, name string, def, lo, hi int) (int, error) {
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, gasrisk.Errorf(gasrisk.EINVALID, "%s=%q: want an integer from %d to %d", name, quote(v), lo, hi)
	}
	return n, nil
}
