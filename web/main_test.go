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
	store *datatest.Services
}

// get returns the services over the analysed city.
func (c *city) get(t *testing.T) datatest.Services {
	t.Helper()
	c.once.Do(func() {
		db, err := data.Open(context.Background(), data.Config{URL: env.URL(t)}) // outlives this test
		if err != nil {
			t.Fatal(err)
		}
		datatest.LoadCity(t, db, synth.Config{Segments: 400, Seed: 5})
		s := datatest.NewServices(db)
		c.store = &s
	})
	if c.store == nil {
		t.Fatal("the test city could not be loaded")
	}
	return *c.store
}
