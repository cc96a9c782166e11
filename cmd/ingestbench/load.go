package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"
	"github.com/jackc/pgx/v5"
)

type jsonReading struct {
	SensorID string    `json:"sensor_id"`
	At       time.Time `json:"at"`
	Value    float64   `json:"value"`
	Unit     string    `json:"unit"`
}

// post sends one batch of readings.
func post(o options, rs []jsonReading) error {
	body, _ := json.Marshal(rs)
	req, _ := http.NewRequest("POST", o.url+"/api/v1/readings", bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+o.key)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		return fmt.Errorf("POST: %d %s", resp.StatusCode, b)
	}
	return nil
}

// loadHTTP posts batches from several workers for the duration and
// reports the rate.
func loadHTTP(o options) error {
	var next, done atomic.Int64
	var failed atomic.Value
	start := time.Now()
	var wg sync.WaitGroup
	for w := 0; w < o.workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rs := make([]jsonReading, o.batch)
			for time.Since(start) < o.duration && failed.Load() == nil {
				first := int(next.Add(int64(o.batch))) - o.batch
				for k := range rs {
					id, at, v := reading(o, first+k)
					rs[k] = jsonReading{id, at, v, "%LEL"}
				}
				if err := post(o, rs); err != nil {
					failed.Store(err)
					return
				}
				done.Add(int64(o.batch))
			}
		}()
	}
	wg.Wait()
	if err, _ := failed.Load().(error); err != nil {
		return err
	}
	el := time.Since(start)
	fmt.Printf("http bulk: %d readings in %.1f s = %.0f readings/s (batch %d, %d workers)\n",
		done.Load(), el.Seconds(), float64(done.Load())/el.Seconds(), o.batch, o.workers)
	return nil
}

// loadMQTT publishes at QoS 1 from several clients for the duration, then
// waits until the database holds every reading, and reports the rate from
// the first publish to the last reading stored.
func loadMQTT(o options) error {
	ctx := context.Background()
	db, err := pgx.Connect(ctx, o.db)
	if err != nil {
		return err
	}
	defer db.Close(ctx)
	stored := func() (n int64) {
		db.QueryRow(ctx, `SELECT coalesce(sum(readings), 0) FROM sensor_status`).Scan(&n)
		return n
	}
	before := stored()
	var next, sent atomic.Int64
	start := time.Now()
	var wg sync.WaitGroup
	errs := make(chan error, o.workers)
	for w := 0; w < o.workers; w++ {
		c, err := connectPublisher(o.broker, fmt.Sprintf("bench-pub-%d", w))
		if err != nil {
			return err
		}
		defer c.Disconnect(250)
		wg.Add(1)
		go func() {
			defer wg.Done()
			var pending []paho.Token
			for time.Since(start) < o.duration {
				j := int(next.Add(1)) - 1
				id, at, v := reading(o, j)
				body, _ := json.Marshal(map[string]any{"at": at, "value": v, "unit": "%LEL"})
				pending = append(pending, c.Publish("gasrisk/sensors/"+id+"/readings", 1, false, body))
				sent.Add(1)
				if len(pending) == 500 { // bounded in flight
					for _, t := range pending {
						if t.Wait(); t.Error() != nil {
							errs <- t.Error()
							return
						}
					}
					pending = pending[:0]
				}
			}
			for _, t := range pending {
				t.Wait()
			}
		}()
	}
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
	}
	pub := time.Since(start)
	want := before + sent.Load()
	for stored() < want {
		if time.Since(start) > o.duration+5*time.Minute {
			return fmt.Errorf("only %d of %d readings stored after 5 minutes", stored()-before, sent.Load())
		}
		time.Sleep(20 * time.Millisecond)
	}
	el := time.Since(start)
	fmt.Printf("mqtt QoS 1: %d readings published in %.1f s (%.0f/s), all stored after %.1f s = %.0f readings/s (%d publishers)\n",
		sent.Load(), pub.Seconds(), float64(sent.Load())/pub.Seconds(), el.Seconds(), float64(sent.Load())/el.Seconds(), o.workers)
	return nil
}

// connectPublisher connects an MQTT client with the given id to broker
// for publishing at QoS 1.
func connectPublisher(broker, id string) (paho.Client, error) {
	c := paho.NewClient(paho.NewClientOptions().AddBroker(broker).SetClientID(id).SetMaxResumePubInFlight(1000))
	if t := c.Connect(); !t.WaitTimeout(10*time.Second) || t.Error() != nil {
		return nil, fmt.Errorf("connect: %v", t.Error())
	}
	return c, nil
}
