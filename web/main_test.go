package web_test

import (
	"context"
	"os"
	"sync"
	"testing"

	"gasrisk/data"
	"gasrisk/data/datatest"
	"gasrisk/synth"
)

var env *datatest.Env

func TestMain(m *testing.M) { os.Exit(datatest.Main(m, &env)) }

// city is a small synthetic city, loaded and analysed once per test binary.
type city struct {
	once  sync.Once
	store *data.Store
}

// get returns the store holding the analysed city.
func (c *city) get(t *testing.T) *data.Store {
	t.Helper()
	c.once.Do(func() {
		s, err := data.Open(context.Background(), data.Config{URL: env.URL(t)}) // outlives this test
		if err != nil {
			t.Fatal(err)
		}
		datatest.LoadCity(t, s, synth.Config{Segments: 400, Seed: 5})
		c.store = s
	})
	if c.store == nil {
		t.Fatal("the test city could not be loaded")
	}
	return c.store
}
