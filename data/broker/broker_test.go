package broker_test

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	mqtt "github.com/eclipse/paho.mqtt.golang"

	"gasrisk/data/broker"
)

// start starts a broker in a temporary directory, stopped when the test
// ends.
func start(t *testing.T, dir string) *broker.Broker {
	t.Helper()
	b, err := broker.New(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Stop() })
	return b
}

func connect(t *testing.T, url, id string) mqtt.Client {
	t.Helper()
	c := mqtt.NewClient(mqtt.NewClientOptions().AddBroker(url).SetClientID(id).SetConnectTimeout(5 * time.Second))
	if tok := c.Connect(); !tok.WaitTimeout(10*time.Second) || tok.Error() != nil {
		t.Fatalf("connect to %s: %v", url, tok.Error())
	}
	t.Cleanup(func() { c.Disconnect(100) })
	return c
}

func TestBrokerCarriesQoS1(t *testing.T) {
	dir := t.TempDir()
	b := start(t, dir)
	if !strings.HasPrefix(b.Addr(), "127.0.0.1:") {
		t.Fatalf("broker listens on %q, want loopback", b.Addr())
	}
	got := make(chan string, 1)
	sub := connect(t, b.URL(), "sub")
	if tok := sub.Subscribe("gasrisk/sensors/+/readings", 1, func(_ mqtt.Client, m mqtt.Message) {
		got <- m.Topic() + " " + string(m.Payload())
	}); !tok.WaitTimeout(5*time.Second) || tok.Error() != nil {
		t.Fatal(tok.Error())
	}
	pub := connect(t, b.URL(), "pub")
	if tok := pub.Publish("gasrisk/sensors/M-1/readings", 1, false, `{"value":3}`); !tok.WaitTimeout(5*time.Second) || tok.Error() != nil {
		t.Fatal(tok.Error())
	}
	select {
	case m := <-got:
		if m != `gasrisk/sensors/M-1/readings {"value":3}` {
			t.Errorf("received %q", m)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the message never arrived")
	}
}

func TestBrokerKeepsPortAndStops(t *testing.T) {
	dir := t.TempDir()
	b := start(t, dir)
	port := b.StoredPort()
	if port == 0 || !strings.HasSuffix(b.Addr(), ":"+strconv.Itoa(port)) {
		t.Fatalf("stored port %d, address %s", port, b.Addr())
	}
	done := b.Done()
	if err := b.Stop(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("mosquitto still runs after Stop")
	}
	again := start(t, dir)
	if again.StoredPort() != port {
		t.Errorf("restart took port %d, want the stored %d", again.StoredPort(), port)
	}
	conf, err := os.ReadFile(dir + "/mosquitto.conf")
	if err != nil || !strings.Contains(string(conf), "listener "+strconv.Itoa(port)+" 127.0.0.1") {
		t.Errorf("config %q, %v", conf, err)
	}
}

func TestBrokerFailsClearly(t *testing.T) {
	b, err := broker.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	b.Bin = "/bin/false"
	err = b.Start(context.Background())
	if err == nil || !strings.Contains(err.Error(), "exited on start") {
		t.Errorf("start of a broker that exits: %v", err)
	}
}
