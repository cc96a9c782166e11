package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"

	"gasrisk"
	"gasrisk/alarm"
	"gasrisk/data/sensors"
)

// The live map follows the detectors over Server-Sent Events: GET
// /api/v1/sensors/stream sends an event "sensors" — every live detector
// with its status and the open alarms — when it connects, after each
// change the server learns of (readings stored over HTTP, or told by
// NotifySensors: MQTT, the silence sweep), at most once a second, and
// every 30 seconds regardless (changes made by other processes).

// liveHub wakes the streams when the detectors change.
type liveHub struct {
	mu   sync.Mutex
	subs map[chan struct{}]bool
}

func newLiveHub() *liveHub { return &liveHub{subs: map[chan struct{}]bool{}} }

// notify wakes every stream (without blocking: a stream that is busy
// sending will send the latest state next).
func (h *liveHub) notify() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.subs {
		select {
		case c <- struct{}{}:
		default:
		}
	}
}

func (h *liveHub) subscribe() (chan struct{}, func()) {
	c := make(chan struct{}, 1)
	h.mu.Lock()
	h.subs[c] = true
	h.mu.Unlock()
	return c, func() {
		h.mu.Lock()
		delete(h.subs, c)
		h.mu.Unlock()
	}
}

// NotifySensors tells the live map that detectors or alarms changed
// outside an HTTP request of this server (MQTT readings, the sweep).
func (s *Server) NotifySensors() { s.live.notify() }

// liveState is one event of the stream.
type liveState struct {
	Sensors []sensors.Sensor `json:"sensors"`
	Alarms  []alarm.Alarm    `json:"alarms"`
	At      time.Time        `json:"at"`
}

func (s *Server) liveState(ctx context.Context) (liveState, error) {
	list, err := s.deps.Sensors.Sensors(ctx)
	if err != nil {
		return liveState{}, err
	}
	open, err := s.deps.Sensors.Alarms(ctx, sensors.Filter{State: "open", Limit: 5000})
	if err != nil {
		return liveState{}, err
	}
	return liveState{Sensors: list, Alarms: open, At: time.Now().UTC()}, nil
}

// sensorStream answers GET /api/v1/sensors/stream.
func (s *Server) sensorStream(w http.ResponseWriter, r *http.Request) {
	if r.URL.RawQuery != "" {
		Error(w, r, gasrisk.Errorf(gasrisk.EINVALID, "the stream takes no query parameters"))
		return
	}
	rc := http.NewResponseController(w)
	wake, done := s.live.subscribe()
	defer done()
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	tick := time.NewTicker(30 * time.Second)
	defer tick.Stop()
	for {
		st, err := s.liveState(r.Context())
		if err != nil {
			if r.Context().Err() == nil {
				fmt.Fprintf(w, "event: error\ndata: %q\n\n", "the detectors could not be read")
				rc.Flush()
			}
			return
		}
		b, _ := json.Marshal(st)
		rc.SetWriteDeadline(time.Now().Add(30 * time.Second))
		if _, err := fmt.Fprintf(w, "event: sensors\ndata: %s\n\n", b); err != nil || rc.Flush() != nil {
			return
		}
		select {
		case <-r.Context().Done():
			return
		case <-wake:
		case <-tick.C:
		}
		select { // coalesce a burst of changes
		case <-r.Context().Done():
			return
		case <-time.After(time.Second):
		}
	}
}
