package mqtt_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"

	"gasrisk/alarm"
	"gasrisk/data/broker"
	"gasrisk/data/datatest"
	"gasrisk/data/sensors"
	"gasrisk/mqtt"
)

// setup starts a real mosquitto and a subscriber storing into s, and
// returns a connected publisher.
func setup(t *testing.T, s datatest.Services) (paho.Client, *mqtt.Subscriber) {
	t.Helper()
	b, err := broker.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Stop() })
	sub, err := mqtt.Subscribe(context.Background(), mqtt.Config{Broker: b.URL(), ClientID: "ingest-" + t.Name()}, s.Sensors)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sub.Close)
	pub := paho.NewClient(paho.NewClientOptions().AddBroker(b.URL()).SetClientID("pub-" + t.Name()))
	if tok := pub.Connect(); !tok.WaitTimeout(10*time.Second) || tok.Error() != nil {
		t.Fatal(tok.Error())
	}
	t.Cleanup(func() { pub.Disconnect(100) })
	return pub, sub
}

func publish(t *testing.T, c paho.Client, id, body string) {
	t.Helper()
	if tok := c.Publish(mqtt.Topic(id), 1, false, body); !tok.WaitTimeout(10*time.Second) || tok.Error() != nil {
		t.Fatalf("publish: %v", tok.Error())
	}
}

// poll calls f every 50 ms until it reports done, for at most 10 s.
func poll(t *testing.T, what string, f func() bool) {
	t.Helper()
	for end := time.Now().Add(10 * time.Second); time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
		if f() {
			return
		}
	}
	t.Fatalf("%s: not within 10 s", what)
}

func TestMQTTReadingRaisesAlarmAndHazard(t *testing.T) {
	s := env.SensorsCity(t)
	pub, _ := setup(t, s)
	at := time.Now().UTC().Add(-time.Minute).Format(time.RFC3339)
	publish(t, pub, datatest.SensorManhole, fmt.Sprintf(`{"at":%q,"value":57,"unit":"%%LEL"}`, at))
	var got []alarm.Alarm
	poll(t, "the alarm", func() bool {
		var err error
		got, err = s.Sensors.Alarms(context.Background(), sensors.Filter{SensorID: datatest.SensorManhole, State: "open"})
		if err != nil {
			t.Fatal(err)
		}
		return len(got) > 0
	})
	if len(got) != 1 || got[0].Level != "high" || got[0].HazardID == nil || got[0].FirstValue != 57 {
		t.Fatalf("alarms %+v, want one high alarm with a hazard", got)
	}
	h, err := s.Ledger.Hazard(context.Background(), *got[0].HazardID, datatest.Today())
	if err != nil || h.Kind != "gas_alarm" || h.State != "open" {
		t.Errorf("hazard %+v, %v", h.Entry, err)
	}
}

func TestMQTTRefusesMalformedReadings(t *testing.T) {
	s := env.SensorsCity(t)
	pub, sub := setup(t, s)
	at := time.Now().UTC().Add(-time.Minute)
	for _, body := range []struct{ id, body string }{
		{datatest.SensorManhole, `{not json`},
		{datatest.SensorManhole, `{"at":"` + at.Format(time.RFC3339) + `","unit":"%LEL"}`},
		{"ghost", `{"at":"` + at.Format(time.RFC3339) + `","value":80,"unit":"%LEL"}`},
		{datatest.SensorRegulator, `{"at":"` + at.Format(time.RFC3339) + `","value":80,"unit":"%LEL"}`},
		{datatest.SensorStatic, `{"at":"` + at.Format(time.RFC3339) + `","value":80,"unit":"%LEL"}`},
	} {
		publish(t, pub, body.id, body.body)
	}
	// A good reading after them: once it is stored, they were handled.
	publish(t, pub, datatest.SensorRegulator, `{"at":"`+at.Format(time.RFC3339)+`","value":2.0,"unit":"kPa"}`)
	poll(t, "the good reading", func() bool { return sub.Counts().Stored == 1 })
	if c := sub.Counts(); c.Received != 6 || c.Refused != 5 {
		t.Errorf("counts %+v, want 6 received, 5 refused", c)
	}
	var n int
	if err := datatest.Owner(t, s.DB).QueryRow(context.Background(),
		`SELECT (SELECT count(*) FROM readings) + (SELECT count(*) FROM alarms)`).Scan(&n); err != nil || n != 1 {
		t.Errorf("%d readings and alarms stored, %v; want the one good reading", n, err)
	}
}
