package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"
	"github.com/jackc/pgx/v5"
)

// job is one MQTT message of the sustained load.
type job struct {
	id string
	at time.Time
}

// sustained is the field load: each of n detectors publishes one reading
// a minute over MQTT (QoS 1), the n spread evenly over the minute, and
// every burstEvery a burstShare of them send burstSize readings at once.
// Readings carry the wall clock. Every minute it prints serve's RSS (from
// /proc/PID/status) and the readings published and stored; at the end it
// waits for the backlog and prints the totals.
func sustained(o options) error {
	ctx := context.Background()
	db, err := pgx.Connect(ctx, o.db)
	if err != nil {
		return err
	}
	defer db.Close(ctx)
	start := time.Now().UTC().Truncate(time.Second)
	stored := func() (n int64) {
		db.QueryRow(ctx, `SELECT count(*) FROM readings WHERE at >= $1`, start).Scan(&n)
		return n
	}
	jobs := make(chan job, 64*1024)
	var sent, failed atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < o.workers; w++ {
		c, err := connectPublisher(o.broker, fmt.Sprintf("bench-soak-%d", w))
		if err != nil {
			return err
		}
		defer c.Disconnect(250)
		wg.Add(1)
		go func() {
			defer wg.Done()
			publish(c, jobs, &sent, &failed)
		}()
	}
	fmt.Printf("sustained: %d detectors, one reading a minute each over MQTT QoS 1, a burst of %d readings from %.0f %% of them every %v, for %v\n",
		o.n, o.burstSize, o.burstShare*100, o.burstEvery, o.duration)
	fmt.Printf("load average at start: %s\n", loadavg())
	fmt.Printf("%6s %10s %10s %10s %10s %9s  %s\n", "minute", "published", "stored", "backlog", "failed", "RSS MiB", "load average")
	row := func(label string) {
		p, s := sent.Load(), stored()
		fmt.Printf("%6s %10d %10d %10d %10d %9.1f  %s\n", label, p, s, p-s, failed.Load(), rssMiB(o.pid), loadavg())
	}
	row("0")
	schedule(o, start, jobs, row)
	close(jobs)
	wg.Wait()
	deadline := time.Now().Add(5 * time.Minute)
	for stored() < sent.Load() && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	row("end")
	fmt.Printf("load average at end: %s\n", loadavg())
	fmt.Printf("sustained total: %d readings published, %d stored, %d publish errors over %v\n",
		sent.Load(), stored(), failed.Load(), time.Since(start).Round(time.Second))
	if s := stored(); s != sent.Load() {
		return fmt.Errorf("%d readings published but %d stored", sent.Load(), s)
	}
	return nil
}

// schedule feeds the jobs: detector i is due at second i·60/n of every
// minute; bursts start at each burstEvery; row is called every minute.
func schedule(o options, start time.Time, jobs chan<- job, row func(string)) {
	r := rand.New(rand.NewPCG(3, 4))
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	next, minute := 0, 0 // next detector due, minute of the round
	lastBurst := time.Duration(0)
	for now := range tick.C {
		el := now.Sub(start)
		if el >= o.duration {
			return
		}
		if m := int(el / time.Minute); m > minute {
			for ; next < o.n; next++ { // finish the round
				jobs <- job{sensorID(next), now}
			}
			minute, next = m, 0
			row(fmt.Sprint(m))
		}
		due := int(float64(o.n) * float64(el%time.Minute) / float64(time.Minute))
		for ; next < due; next++ {
			jobs <- job{sensorID(next), now}
		}
		if o.burstEvery > 0 && el-lastBurst >= o.burstEvery {
			lastBurst = el
			for _, i := range r.Perm(o.n)[:int(o.burstShare*float64(o.n))] {
				for k := 0; k < o.burstSize; k++ {
					jobs <- job{sensorID(i), now.Add(time.Duration(k+1) * time.Millisecond)}
				}
			}
		}
	}
}

// publish sends the jobs over c at QoS 1, a waiter counting the acks.
func publish(c paho.Client, jobs <-chan job, sent, failed *atomic.Int64) {
	tokens := make(chan paho.Token, 2000)
	done := make(chan struct{})
	go func() {
		for t := range tokens {
			if t.Wait(); t.Error() != nil {
				failed.Add(1)
				continue
			}
			sent.Add(1)
		}
		close(done)
	}()
	for j := range jobs {
		v := 1 + float64(j.at.Nanosecond()%7)/10
		body, _ := json.Marshal(map[string]any{"at": j.at.UTC(), "value": v, "unit": "%LEL"})
		tokens <- c.Publish("gasrisk/sensors/"+j.id+"/readings", 1, false, body)
	}
	close(tokens)
	<-done
}

// rssMiB is process pid's resident set in MiB (0 if unknown).
func rssMiB(pid int) float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		var kb float64
		if n, _ := fmt.Sscanf(l, "VmRSS: %f kB", &kb); n == 1 {
			return kb / 1024
		}
	}
	return 0
}

// loadavg is the machine's 1, 5 and 15 minute load averages.
func loadavg() string {
	b, _ := os.ReadFile("/proc/loadavg")
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}
