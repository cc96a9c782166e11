// Command ingestbench loads gasrisk with detector readings for
// scripts/bench-ingest.sh: it writes a detectors layer of N live methane
// detectors, posts readings in bulk over HTTP and publishes them over MQTT
// at full speed, measures the reading-to-alarm latency, and runs the
// sustained field load (one reading a minute per detector, with bursts)
// while sampling serve's RSS.
//
//	ingestbench detectors -n 10000 -districts city/districts.geojson -o detectors.geojson
//	ingestbench http -url URL -key KEY -n 10000 -batch 5000 -workers 4 -seconds 30
//	ingestbench mqtt -broker tcp://… -db URL -n 10000 -publishers 4 -seconds 30
//	ingestbench latency -url URL -key KEY -broker tcp://… -samples 200
//	ingestbench sustained -broker tcp://… -db URL -pid PID -n 10000 -seconds 30m
package main

import (
	"flag"
	"fmt"
	"os"
	"time"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: ingestbench detectors|http|mqtt|latency|sustained [flags]")
		os.Exit(2)
	}
	fs := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	var o options
	fs.IntVar(&o.n, "n", 10000, "detectors")
	fs.StringVar(&o.districts, "districts", "", "districts GeoJSON (detectors: their extent)")
	fs.StringVar(&o.out, "o", "detectors.geojson", "output file (detectors)")
	fs.StringVar(&o.url, "url", "http://127.0.0.1:18095", "gasrisk server")
	fs.StringVar(&o.key, "key", "", "API key of the sensor role")
	fs.StringVar(&o.broker, "broker", "", "MQTT broker tcp://HOST:PORT")
	fs.StringVar(&o.db, "db", "", "database URL (mqtt: counts the stored readings)")
	fs.IntVar(&o.batch, "batch", 5000, "readings per HTTP request")
	fs.IntVar(&o.workers, "workers", 4, "concurrent HTTP requests / MQTT publishers")
	fs.DurationVar(&o.duration, "seconds", 30*time.Second, "how long to load")
	fs.IntVar(&o.samples, "samples", 200, "alarm latency samples")
	fs.Int64Var(&o.epoch, "epoch", time.Now().Add(-20*time.Hour).Unix(), "readings start at this Unix time (distinct runs: distinct epochs)")
	fs.IntVar(&o.pid, "pid", 0, "serve's process id (sustained: its RSS)")
	fs.DurationVar(&o.burstEvery, "burst-every", 5*time.Minute, "sustained: time between bursts (0: none)")
	fs.Float64Var(&o.burstShare, "burst-share", 0.1, "sustained: share of the detectors in a burst")
	fs.IntVar(&o.burstSize, "burst-size", 10, "sustained: readings a detector sends in a burst")
	fs.Parse(os.Args[2:])
	var err error
	switch os.Args[1] {
	case "detectors":
		err = writeDetectors(o)
	case "http":
		err = loadHTTP(o)
	case "mqtt":
		err = loadMQTT(o)
	case "latency":
		err = latency(o)
	case "sustained":
		err = sustained(o)
	default:
		err = fmt.Errorf("unknown mode %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "ingestbench:", err)
		os.Exit(1)
	}
}

// options are the flags of every mode.
type options struct {
	n, batch, workers, samples int
	pid, burstSize             int
	burstShare                 float64
	burstEvery                 time.Duration
	districts, out, url, key   string
	broker, db                 string
	duration                   time.Duration
	epoch                      int64
}

// sensorID names detector i.
func sensorID(i int) string { return fmt.Sprintf("BENCH-%06d", i) }

// reading j of the load: detector j mod n, one second per round over
// all detectors, a background value.
func reading(o options, j int) (string, time.Time, float64) {
	return sensorID(j % o.n), time.Unix(o.epoch+int64(j/o.n), 0).UTC(), 1 + float64(j%7)/10
}
