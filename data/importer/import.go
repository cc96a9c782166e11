package importer

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"gasrisk"
	"gasrisk/data"
	"gasrisk/riskmodel"
)

// Options describes one import of a file into a layer.
type Options struct {
	Layer       string
	File        string
	SourceLayer string // layer inside a multi-layer file
	SRID        int    // CRS of a file that carries none
	Mapping     Mapping
	Replace     bool // replace the layer instead of adding to it
	// Update replaces the features whose id the layer has and adds the
	// others (an incremental import: import_update.go); Result.Changed
	// lists those that changed.
	Update      bool
	SkipInvalid bool // load the valid features, report the rest
	// MaxDistanceKM refuses a file whose features lie further than this
	// from the layers already loaded (0: DefaultMaxDistanceKM; < 0: no
	// check).
	MaxDistanceKM float64
	// Progress, if set, is called with the number of features read so far.
	Progress func(read int)
	// Phase, if set, is told what the import is doing.
	Phase func(name string)
	// noVacuum leaves out the VACUUM after the load (one added record).
	noVacuum bool
}

// Reject is a feature refused by an import.
type Reject struct {
	Index  int    `json:"index"` // 0-based position in the source
	ID     string `json:"id"`
	Reason string `json:"reason"`
}

// Result reports what an import did.
type Result struct {
	Layer       string
	Read        int
	Loaded      int
	Rejects     []Reject
	WorkingSRID int
	Duration    time.Duration
	// Assumed counts, per attribute, the loaded features given its default
	// because they lack what it derives from (pipes without pressure:
	// pressure_class); Warnings says so in words.
	Assumed  map[string]int
	Warnings []string
	// Changed are the ids of an update's features that were added or
	// differ from those they replaced (Options.Update).
	Changed []string
}

// RejectedError is returned when an all-or-nothing import refuses a file:
// the database is unchanged.
type RejectedError struct {
	File    string
	Rejects []Reject
}

func (e *RejectedError) Error() string {
	// Reasons quote at most 80 characters of a value (clip); ids are
	// clipped here.
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d invalid feature(s); nothing was imported (use --skip-invalid to load the rest):", e.File, len(e.Rejects))
	for i, r := range e.Rejects {
		if i == 20 {
			fmt.Fprintf(&b, "\n  … and %d more", len(e.Rejects)-20)
			break
		}
		fmt.Fprintf(&b, "\n  feature %d (id %s): %s", r.Index, clip(r.ID), r.Reason)
	}
	return b.String()
}

// Import loads a file into a layer in one transaction: with any invalid
// feature and no SkipInvalid, nothing changes and a *RejectedError names
// every refused feature.
func (s *Service) Import(ctx context.Context, o Options) (_ Result, err error) {
	defer data.Annotate(&err, "importer.Import")
	start := time.Now()
	layer, err := LookupLayer(o.Layer)
	if err != nil {
		return Result{}, err
	}
	res := Result{Layer: layer.Name}
	if o.Update && o.Replace {
		return res, gasrisk.Errorf(gasrisk.EINVALID, "update and replace exclude each other: an update keeps the layer's other features")
	}
	err = pgx.BeginFunc(ctx, s.db.Pool, func(tx pgx.Tx) error {
		st := &staging{tx: tx, layer: layer, opts: o}
		if err := st.load(ctx, &res); err != nil {
			return err
		}
		if err := s.checkPlace(ctx, st); err != nil {
			return err
		}
		if err := st.checkInDatabase(ctx, &res); err != nil {
			return err
		}
		if len(res.Rejects) > 0 && !o.SkipInvalid {
			return &RejectedError{File: o.File, Rejects: res.Rejects}
		}
		srid, err := s.workingSRID(ctx, tx, st)
		if err != nil {
			return err
		}
		res.WorkingSRID = srid
		n, err := st.publish(ctx, srid, len(res.Rejects))
		res.Loaded, res.Changed = n, st.changed
		return err
	})
	if err != nil {
		return res, err
	}
	// VACUUM FREEZE, not just ANALYZE: the freshly written rows are frozen
	// and their pages marked all-visible now, while the data is hot, so the
	// first analysis neither sets their hint bits as it reads them nor
	// shares the machine with autovacuum doing this (2.6 s on the 1 M city,
	// docs/benchmarks.md).
	if o.noVacuum || o.Update { // a few features: autovacuum will do
		res.Duration = time.Since(start)
		return res, nil
	}
	phase(o, "vacuum")
	if _, err := s.db.Pool.Exec(ctx, "VACUUM (FREEZE, ANALYZE) "+pgx.Identifier{layer.Table()}.Sanitize()); err != nil {
		return res, err
	}
	res.Duration = time.Since(start)
	res.Warnings = warnings(layer, res.Assumed)
	return res, nil
}

// warnings says which attributes were assumed, and for how many features.
func warnings(layer Layer, assumed map[string]int) []string {
	var out []string
	if n := assumed["pressure_class"]; n > 0 {
		out = append(out, fmt.Sprintf("%d of the %s have neither pressure_class nor pressure_mpa: taken as %s, the documented default "+
			"(docs/data-model.md); give the class with --set pressure_class=CLASS or --map pressure_class=ATTRIBUTE",
			n, layer.Name, riskmodel.DefaultConfig().Consequence.DefaultPressureClass))
	}
	return out
}

func phase(o Options, name string) {
	if o.Phase != nil {
		o.Phase(name)
	}
}

// workingSRID returns the database's metric CRS, choosing it on first import:
// the configured one, else the UTM zone of the staged features' centre.
func (s *Service) workingSRID(ctx context.Context, tx pgx.Tx, st *staging) (int, error) {
	var v string
	err := tx.QueryRow(ctx, `SELECT value FROM settings WHERE key = 'working_srid'`).Scan(&v)
	if err == nil {
		var srid int
		_, err := fmt.Sscan(v, &srid)
		return srid, err
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return 0, err
	}
	srid := s.db.Config().WorkingSRID
	if srid == 0 {
		if srid, err = st.utmSRID(ctx); err != nil {
			return 0, err
		}
	}
	_, err = tx.Exec(ctx, `INSERT INTO settings (key, value) VALUES ('working_srid', $1)`, fmt.Sprint(srid))
	return srid, err
}
