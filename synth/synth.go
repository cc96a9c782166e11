package synth

import (
	"context"
	"fmt"
	"strings"
)

// maxSegments is the largest city Generate builds (the node grid of a
// 20-million-pipe city takes some 400 MB).
const maxSegments = 20_000_000

// maxFieldHistory is the largest Config.FieldHistory.
const maxFieldHistory = 100

// Config says what city to generate.
type Config struct {
	Segments             int     // approximate number of gas pipe features to generate (>= 10)
	Seed                 int64   // selects the city; the same Config gives byte-identical files
	CenterLon, CenterLat float64 // default 114.30, 30.60 (Wuhan-like) when both zero
	Format               string  // "geojson" (default) or "csv" (CSV with a WKT column named "wkt", header row)
	// Connected joins the pipes of one pressure class at the street
	// nodes with short stubs (synth/connect.go), so that the gas network
	// is a network (topology, isolation traces). Off, the pipes are as
	// they always were (and so is every analysis of the city): their ends
	// lie metres apart on either side of the streets. The stubs cross the
	// sewers of the intersections: a connected city has some 50 % more
	// sewer crossings and segments.
	Connected bool
	// FieldHistory multiplies the rates of leaks and patrol observations
	// (0 means 1): a denser field history on the same city, e.g. for the
	// field-evidence benchmark (scripts/bench-evidence.sh). The layers
	// other than the field records do not change (the CP readings, drawn
	// from the same stream, are drawn anew at the same rate).
	FieldHistory float64
}

// Stats reports what was written: the number of features of each layer.
type Stats struct {
	Pipes, Stations, Buildings, Sewers, Places, Districts, Detectors int
	// Field records: leaks, patrol observations, CP readings.
	Leaks, Patrols, CPReadings int
	// Valves and customers (issue 17).
	Valves, Customers int
}

// normalize fills in defaults and checks the config.
func (c Config) normalize() (Config, error) {
	if c.Segments < 10 || c.Segments > maxSegments {
		return c, fmt.Errorf("synth: segments must be between 10 and %d, got %d", maxSegments, c.Segments)
	}
	c.Format = strings.ToLower(strings.TrimSpace(c.Format))
	switch c.Format {
	case "":
		c.Format = "geojson"
	case "geojson", "csv":
	default:
		return c, fmt.Errorf("synth: unknown format %q (want geojson or csv)", c.Format)
	}
	if c.FieldHistory == 0 {
		c.FieldHistory = 1
	}
	if !(c.FieldHistory > 0 && c.FieldHistory <= maxFieldHistory) {
		return c, fmt.Errorf("synth: field history scale must be above 0 and at most %d, got %g", maxFieldHistory, c.FieldHistory)
	}
	if c.CenterLon == 0 && c.CenterLat == 0 {
		c.CenterLon, c.CenterLat = 114.30, 30.60
	}
	if c.CenterLon < -179 || c.CenterLon > 179 || c.CenterLat < -80 || c.CenterLat > 80 {
		return c, fmt.Errorf("synth: centre %g,%g out of range (lon ±179, lat ±80)", c.CenterLon, c.CenterLat)
	}
	return c, nil
}

// Generate writes one file per layer into dir (created if missing) and returns counts.
// progress, if non-nil, is called now and then with (done, total) pipe counts.
//
// The files are districts, pipes, sewers, buildings, places, stations,
// detectors and the field records leaks, patrols and cp_readings (a
// history ending on HistoryEnd), with extension .geojson or .csv. They are written under
// temporary names and renamed only when all are complete, so a failed or
// cancelled run leaves no partial layer behind.
func Generate(ctx context.Context, cfg Config, dir string, progress func(done, total int)) (Stats, error) {
	cfg, err := cfg.normalize()
	if err != nil {
		return Stats{}, err
	}
	if err := ctx.Err(); err != nil {
		return Stats{}, err
	}
	p := newPlan(cfg)
	o, err := createOutputs(dir, cfg.Format, p.proj)
	if err != nil {
		return Stats{}, fmt.Errorf("synth: %w", err)
	}
	o.seed, o.history = cfg.Seed, cfg.FieldHistory
	st, err := run(ctx, p, o, progress)
	if err == nil {
		err = o.commit()
	}
	if err != nil {
		o.abort()
		return Stats{}, fmt.Errorf("synth: %w", err)
	}
	return st, nil
}

// run generates rows in one goroutine and writes them in this one.
func run(ctx context.Context, p *plan, o *outputs, progress func(done, total int)) (Stats, error) {
	var st Stats
	if err := o.writeDistricts(p.dist, &st); err != nil {
		return st, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	out, free := make(chan *batch, 4), make(chan *batch, 8)
	errc := make(chan error, 1)
	go func() { errc <- newGen(p).produce(ctx, out, free) }()
	var werr error
	step, last := max(1, p.pipes/100), 0
	for b := range out {
		if werr == nil {
			if werr = o.writeBatch(b, &st); werr != nil {
				cancel()
			}
		}
		select {
		case free <- b:
		default:
		}
		if progress != nil && werr == nil && st.Pipes-last >= step {
			progress(st.Pipes, p.pipes)
			last = st.Pipes
		}
	}
	if perr := <-errc; werr == nil {
		werr = perr
	}
	if werr == nil && progress != nil && last != st.Pipes {
		progress(st.Pipes, p.pipes)
	}
	return st, werr
}
