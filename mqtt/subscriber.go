package mqtt

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"

	"gasrisk/data/sensors"
)

// Config configures a Subscriber.
type Config struct {
	// Broker is the broker's URL, tcp://HOST:PORT.
	Broker string
	// ClientID names the session (default gasrisk-ingest): the broker
	// keeps it, and the unacknowledged messages, across reconnects.
	ClientID string
	// Batch is the most readings stored at once (default 2000); Flush is
	// how long a reading waits for others to join its batch (default
	// 50 ms).
	Batch int
	Flush time.Duration
	// OnStored is called after each stored batch (may be nil): the
	// server invalidates its map tiles when alarms were raised.
	OnStored func(sensors.Result)
	// Log receives refusals and failures (nil: slog's default).
	Log *slog.Logger
}

func (c Config) withDefaults() Config {
	if c.ClientID == "" {
		c.ClientID = "gasrisk-ingest"
	}
	if c.Batch <= 0 {
		c.Batch = 2000
	}
	if c.Flush <= 0 {
		c.Flush = 50 * time.Millisecond
	}
	if c.Log == nil {
		c.Log = slog.Default()
	}
	return c
}

// Counts are what a subscriber has done so far.
type Counts struct {
	Received, Stored, Refused int64
}

// message is a decoded reading with its message, acknowledged once the
// reading is stored or refused.
type message struct {
	r   sensors.Reading
	ack func()
}

// Subscriber stores the readings published to TopicFilter.
type Subscriber struct {
	cfg    Config
	ing    Ingester
	client paho.Client
	in     chan message
	closed chan struct{} // closed by Close: receive stops waiting
	cancel context.CancelFunc
	wg     sync.WaitGroup

	received, stored, refusedN atomic.Int64
}

// Subscribe connects to the broker, subscribes to every detector's
// readings at QoS 1 and stores them through ing until Close.
func Subscribe(ctx context.Context, cfg Config, ing Ingester) (*Subscriber, error) {
	cfg = cfg.withDefaults()
	s := &Subscriber{cfg: cfg, ing: ing, in: make(chan message, cfg.Batch), closed: make(chan struct{})}
	opts := paho.NewClientOptions().AddBroker(cfg.Broker).SetClientID(cfg.ClientID).SetCleanSession(false).
		SetAutoAckDisabled(true).SetOrderMatters(true).SetAutoReconnect(true).SetConnectRetry(false).
		SetConnectTimeout(10 * time.Second).SetMaxReconnectInterval(5 * time.Second)
	subscribed := make(chan error, 1)
	opts.SetOnConnectHandler(func(c paho.Client) {
		// (Re)subscribe on every connection: a broker restarted without
		// persistence has forgotten the session. The first subscription's
		// answer is awaited by Subscribe.
		tok := c.Subscribe(TopicFilter, 1, s.receive)
		go func() {
			tok.Wait()
			select {
			case subscribed <- tok.Error():
			default:
			}
		}()
	})
	s.client = paho.NewClient(opts)
	tok := s.client.Connect()
	if !tok.WaitTimeout(15*time.Second) || tok.Error() != nil {
		return nil, fmt.Errorf("connecting to the MQTT broker %s: %v", cfg.Broker, tok.Error())
	}
	// Return only once the broker holds the subscription: a reading
	// published before it would not be kept for this session.
	select {
	case err := <-subscribed:
		if err != nil {
			s.client.Disconnect(0)
			return nil, fmt.Errorf("subscribing to %s on the MQTT broker %s: %v", TopicFilter, cfg.Broker, err)
		}
	case <-time.After(15 * time.Second):
		s.client.Disconnect(0)
		return nil, fmt.Errorf("subscribing to %s on the MQTT broker %s: no answer in 15 s", TopicFilter, cfg.Broker)
	}
	loop, cancel := context.WithCancel(context.WithoutCancel(ctx))
	s.cancel = cancel
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		s.run(loop)
	}()
	return s, nil
}

// receive decodes a message; one that holds no reading is acknowledged
// (sending it again would not mend it) and logged.
func (s *Subscriber) receive(_ paho.Client, m paho.Message) {
	s.received.Add(1)
	r, err := Decode(m.Topic(), m.Payload())
	if err != nil {
		s.refusedN.Add(1)
		s.cfg.Log.Warn("mqtt: reading refused", "topic", m.Topic(), "err", err)
		m.Ack()
		return
	}
	select {
	case s.in <- message{r: r, ack: m.Ack}:
	case <-s.closed: // left unacknowledged: the broker sends it again
	}
}

// run gathers readings into batches and hands them, in order, to one
// storing goroutine, so that the next batch gathers while the last is
// stored (receiving and storing overlap instead of taking turns; one
// store at a time keeps each detector's readings, and the
// acknowledgements, in the order they arrived).
func (s *Subscriber) run(ctx context.Context) {
	batches := make(chan []message, 1)
	stored := make(chan struct{})
	go func() {
		defer close(stored)
		for b := range batches {
			if s.flush(ctx, b) != nil {
				return
			}
		}
	}()
	defer func() {
		close(batches)
		<-stored
	}()
	var batch []message
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case m := <-s.in:
			if len(batch) == 0 {
				timer.Reset(s.cfg.Flush)
			}
			batch = append(batch, m)
			if len(batch) < s.cfg.Batch {
				continue
			}
		case <-timer.C:
		}
		timer.Stop()
		if len(batch) == 0 {
			continue
		}
		select {
		case batches <- batch:
		case <-ctx.Done():
			return
		}
		batch = make([]message, 0, s.cfg.Batch)
	}
}

// flush stores a batch, retrying while the store is unavailable, and
// acknowledges its messages.
func (s *Subscriber) flush(ctx context.Context, batch []message) error {
	rs := make([]sensors.Reading, len(batch))
	for i, m := range batch {
		rs[i] = m.r
	}
	for wait := 100 * time.Millisecond; ; wait = min(2*wait, 5*time.Second) {
		res, bad, err := store(ctx, s.ing, rs)
		if err == nil {
			for _, e := range bad {
				s.cfg.Log.Warn("mqtt: reading refused", "err", e)
			}
			s.stored.Add(int64(res.Stored))
			s.refusedN.Add(int64(len(bad)))
			for _, m := range batch {
				m.ack()
			}
			if s.cfg.OnStored != nil {
				s.cfg.OnStored(res)
			}
			return nil
		}
		s.cfg.Log.Error("mqtt: storing readings failed; retrying", "readings", len(rs), "err", err)
		select {
		case <-ctx.Done():
			return errClosed
		case <-time.After(wait):
		}
	}
}

// Counts returns what the subscriber has received, stored and refused.
func (s *Subscriber) Counts() Counts {
	return Counts{Received: s.received.Load(), Stored: s.stored.Load(), Refused: s.refusedN.Load()}
}

// Close stops storing and disconnects; readings not yet stored stay
// unacknowledged, for the broker to send again.
func (s *Subscriber) Close() {
	close(s.closed)
	s.cancel()
	s.wg.Wait()
	s.client.Disconnect(250)
}
