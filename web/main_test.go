package web_test

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"gasrisk/data"
	"gasrisk/data/datatest"
	"gasrisk/riskmodel"
	"gasrisk/synth"
)

var env *datatest.Env

func TestMain(m *testing.M) { os.Exit(datatest.Main(m, &env)) }

// city is a small synthetic city, loaded and analysed once per test binary.
type city struct {
	once  sync.Once
	store *data.Store
	err   error
}

// sampleCity returns a store with a generated, imported and analysed city.
func (c *city) get(t *testing.T) *data.Store {
	t.Helper()
	c.once.Do(func() {
		ctx := context.Background()
		dir, err := os.MkdirTemp("", "gasrisk-web-city-")
		if err != nil {
			c.err = err
			return
		}
		defer os.RemoveAll(dir)
		if _, c.err = synth.Generate(ctx, synth.Config{Segments: 400, Seed: 5}, dir, nil); c.err != nil {
			return
		}
		if c.store, c.err = data.Open(ctx, data.Config{URL: env.URL(t)}); c.err != nil {
			return
		}
		for _, l := range []string{"districts", "pipes", "sewers", "buildings", "places", "stations", "detectors"} {
			o := data.ImportOptions{Layer: l, File: filepath.Join(dir, l+".geojson")}
			if _, c.err = c.store.Import(ctx, o); c.err != nil {
				return
			}
		}
		_, c.err = c.store.Analyze(ctx, data.AnalysisOptions{Model: riskmodel.DefaultConfig(),
			AsOf: time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)})
	})
	if c.err != nil {
		t.Fatal(c.err)
	}
	return c.store
}
