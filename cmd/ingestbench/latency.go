package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"
)

// latency measures, per sample, the time from publishing (or posting) a
// reading over the high set point to its alarm being listed by the API,
// each sample on a detector with no open alarm.
func latency(o options) error {
	c := paho.NewClient(paho.NewClientOptions().AddBroker(o.broker).SetClientID("bench-latency"))
	if t := c.Connect(); !t.WaitTimeout(10*time.Second) || t.Error() != nil {
		return fmt.Errorf("connect: %v", t.Error())
	}
	defer c.Disconnect(250)
	var viaMQTT, viaHTTP []time.Duration
	for i := 0; i < o.samples; i++ {
		id := sensorID(o.n - 1 - i)
		at := time.Now().UTC().Truncate(time.Second)
		start := time.Now()
		if i%2 == 0 {
			body, _ := json.Marshal(map[string]any{"at": at, "value": 60, "unit": "%LEL"})
			if t := c.Publish("gasrisk/sensors/"+id+"/readings", 1, false, body); t.Wait() && t.Error() != nil {
				return t.Error()
			}
		} else if err := post(o, []jsonReading{{id, at, 60, "%LEL"}}); err != nil {
			return err
		}
		for {
			ok, err := alarmed(o, id)
			if err != nil {
				return err
			}
			if ok {
				break
			}
			if time.Since(start) > 30*time.Second {
				return fmt.Errorf("no alarm for %s after 30 s", id)
			}
			time.Sleep(2 * time.Millisecond)
		}
		if i%2 == 0 {
			viaMQTT = append(viaMQTT, time.Since(start))
		} else {
			viaHTTP = append(viaHTTP, time.Since(start))
		}
	}
	for _, s := range []struct {
		name string
		d    []time.Duration
	}{{"mqtt", viaMQTT}, {"http", viaHTTP}} {
		slices.Sort(s.d)
		q := func(p float64) time.Duration { return s.d[min(len(s.d)-1, int(p*float64(len(s.d))))] }
		fmt.Printf("reading-to-alarm via %s (%d samples): p50 %v, p99 %v, max %v\n", s.name, len(s.d),
			q(0.5).Round(time.Millisecond/10), q(0.99).Round(time.Millisecond/10), s.d[len(s.d)-1].Round(time.Millisecond/10))
	}
	return nil
}

// alarmed reports whether detector id has an open alarm.
func alarmed(o options, id string) (bool, error) {
	resp, err := http.Get(o.url + "/api/v1/alarms?state=open&limit=1&sensor_id=" + id)
	if err != nil {
		return false, err
	}
	defer resp.Body.Close()
	var v struct{ Alarms []json.RawMessage }
	err = json.NewDecoder(resp.Body).Decode(&v)
	return len(v.Alarms) > 0, err
}
