package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"time"

	"gasrisk/data"
	"gasrisk/data/broker"
	"gasrisk/data/sensors"
	"gasrisk/mqtt"
	"gasrisk/riskmodel"
	"gasrisk/tiles"
)

// liveConfig is how serve and demo take the live detectors' readings.
type liveConfig struct {
	// MQTT is "embedded" (start mosquitto on loopback under the data
	// directory), "off", or a broker URL tcp://HOST:PORT.
	MQTT string
	// Sweep is how often silent detectors are flagged and expired
	// readings dropped (0: never).
	Sweep         time.Duration
	RetentionDays int
	// Model holds the detectors' thresholds (--model, else the defaults).
	Model riskmodel.Sensors
}

// liveFlags adds the flags of liveConfig; mqttDefault is the default of
// --mqtt.
func liveFlags(fs *flag.FlagSet, lc *liveConfig, mqttDefault string) {
	fs.StringVar(&lc.MQTT, "mqtt", mqttDefault,
		"MQTT broker of the detectors' readings: embedded (start mosquitto on 127.0.0.1 under the data dir), off, or tcp://HOST:PORT")
	fs.DurationVar(&lc.Sweep, "sensor-sweep", time.Minute, "how often to flag silent detectors and drop expired readings (0: never)")
	fs.IntVar(&lc.RetentionDays, "readings-retention-days", sensors.DefaultRetentionDays, "days readings are kept")
}

// configureSensors replaces the services' sensor store with one
// configured by lc: call it before the web server is wired.
func configureSensors(s *services, lc liveConfig) error {
	if lc.RetentionDays < 1 {
		return usageError("--readings-retention-days must be 1 or more")
	}
	if lc.Model.Limits == nil {
		lc.Model = riskmodel.DefaultConfig().Sensors
	}
	s.sensors = sensors.New(s.db, sensors.Config{Model: lc.Model, RetentionDays: lc.RetentionDays})
	return nil
}

// startLive starts what takes readings besides HTTP: the MQTT broker (when
// embedded) and subscriber, and the sweep; notify tells the live map of
// their changes. The returned func stops them.
func startLive(ctx context.Context, a *app, s *services, lc liveConfig, tl *tiles.Service, notify func()) (func(), error) {
	var stops []func()
	stop := func() {
		for i := len(stops) - 1; i >= 0; i-- {
			stops[i]()
		}
	}
	url := lc.MQTT
	switch {
	case url == "off":
		url = ""
	case url == "embedded":
		b, err := broker.New(filepath.Join(data.ConfigFromEnv().DataDir, "mqtt"))
		if err != nil {
			return stop, err
		}
		b.Log = func(format string, args ...any) { fmt.Fprintf(a.stderr, format+"\n", args...) }
		if err := b.Start(ctx); err != nil {
			return stop, err
		}
		stops = append(stops, func() { b.Stop() })
		url = b.URL()
	case !strings.HasPrefix(url, "tcp://"):
		return stop, usageError(fmt.Sprintf("--mqtt %q: want embedded, off or tcp://HOST:PORT", url))
	}
	if url != "" {
		sub, err := mqtt.Subscribe(ctx, mqtt.Config{Broker: url, OnStored: func(r sensors.Result) {
			if len(r.Raised) > 0 && tl != nil {
				tl.Invalidate()
			}
			notify()
		}}, s.sensors)
		if err != nil {
			stop()
			return func() {}, err
		}
		stops = append(stops, sub.Close)
		fmt.Fprintf(a.stdout, "detectors publish readings to %s, topic %s (QoS 1)\n", url, mqtt.Topic("{id}"))
	}
	if lc.Sweep > 0 {
		sctx, cancel := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() {
			defer close(done)
			sweep(sctx, s.sensors, lc.Sweep, notify)
		}()
		stops = append(stops, func() { cancel(); <-done })
	}
	return stop, nil
}

// sweep flags silent detectors and drops expired readings every d until
// ctx ends, notifying the live map of new silences.
func sweep(ctx context.Context, ss *sensors.Service, d time.Duration, notify func()) {
	t := time.NewTicker(d)
	defer t.Stop()
	for {
		if ids, err := ss.Sweep(ctx); err != nil && ctx.Err() == nil {
			slog.Warn("sensor sweep failed", "op", "sensors.Sweep", "err", err)
		} else if len(ids) > 0 {
			slog.Info("detectors fell silent", "alarms", len(ids))
			notify()
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
