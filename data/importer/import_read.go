package importer

import (
	"context"
	"fmt"
	"runtime"
)

// batch is a run of consecutive source features and what became of them.
type batch struct {
	seq     int
	items   []sourceFeature
	rows    []row
	rejects []Reject
	// bounds and refused are the extents of the batch's accepted and
	// refused (but readable) geometries, in the staged CRS.
	bounds, refused extent
}

const batchSize = 512

// read sends the file's valid features, in file order, as COPY rows and
// records the rejected ones. Reading, decoding + validating (on every
// core) and collecting run concurrently; the collector restores file order
// so duplicate ids and rejects are reported as a sequential read would.
func (st *staging) read(ctx context.Context, res *Result, out chan<- []any) error {
	fr := newFeatureReader(st.layer, st.opts.Mapping)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	workers := max(2, runtime.GOMAXPROCS(0))
	jobs, done := make(chan *batch, 2*workers), make(chan *batch, 2*workers)
	readErr := make(chan error, 1)
	go func() {
		defer close(jobs)
		readErr <- st.produce(ctx, fr, jobs)
	}()
	finished := make(chan struct{})
	for i := 0; i < workers; i++ {
		go func() {
			for b := range jobs {
				convertBatch(fr, b)
				done <- b
			}
			finished <- struct{}{}
		}()
	}
	go func() {
		for i := 0; i < workers; i++ {
			<-finished
		}
		close(done)
	}()
	err := st.collect(ctx, res, done, out)
	cancel()
	for range done {
	}
	if rerr := <-readErr; rerr != nil && rerr != context.Canceled {
		return rerr
	}
	return err
}

// produce reads the source into batches: GeoJSON with Go's decoder,
// everything else (and GeoJSON the Go reader does not take) with GDAL,
// reprojected to EPSG:4326.
func (st *staging) produce(ctx context.Context, fr *featureReader, jobs chan<- *batch) error {
	cur := &batch{}
	emit := func(sf sourceFeature) error {
		cur.items = append(cur.items, sf)
		if len(cur.items) < batchSize {
			return nil
		}
		return send(ctx, jobs, &cur)
	}
	var err error
	if isGeoJSON(st.opts.File) {
		err = readGeoJSON(ctx, st.opts.File, func(srid int) error {
			if st.opts.SRID != 0 {
				srid = st.opts.SRID
			}
			st.srid, fr.lonLat = srid, srid == 4326
			return nil
		}, emit)
	}
	if !isGeoJSON(st.opts.File) || err == errNotPlainGeoJSON {
		st.srid, fr.lonLat = 4326, true
		src := ogrSource{File: st.opts.File, SourceLayer: st.opts.SourceLayer, SRID: st.opts.SRID}
		if st.source, err = src.inspect(ctx); err != nil {
			return err
		}
		if err = st.checkFamily(); err != nil {
			return err
		}
		src.SourceLayer = st.source.Name
		err = readOGR(ctx, src, emit)
	}
	if err != nil {
		return err
	}
	if len(cur.items) > 0 {
		return send(ctx, jobs, &cur)
	}
	return nil
}

// send hands a full batch over and starts the next one.
func send(ctx context.Context, jobs chan<- *batch, cur **batch) error {
	b := *cur
	select {
	case jobs <- b:
		*cur = &batch{seq: b.seq + 1}
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// convertBatch decodes and validates a batch's features.
func convertBatch(fr *featureReader, b *batch) {
	for _, sf := range b.items {
		f, err := sf.decode(fr.jsonOpts)
		if err != nil {
			b.rejects = append(b.rejects, Reject{Index: sf.Index, Reason: "unreadable feature: " + clip(err.Error())})
			continue
		}
		var ext extent
		r, reason := fr.convert(f, &ext)
		if reason != "" {
			b.refused.merge(ext)
			b.rejects = append(b.rejects, Reject{Index: r.index, ID: r.id, Reason: reason})
			continue
		}
		b.bounds.merge(ext)
		r.cx, r.cy = ext.centre()
		b.rows = append(b.rows, r)
	}
	b.items = nil
}

// collect takes converted batches in file order, refuses duplicate ids and
// sends the rows on to COPY.
func (st *staging) collect(ctx context.Context, res *Result, done <-chan *batch, out chan<- []any) error {
	seen := map[string]int{}
	pending := map[int]*batch{}
	next := 0
	for b := range done {
		pending[b.seq] = b
		for pending[next] != nil {
			b := pending[next]
			delete(pending, next)
			next++
			if err := st.emit(ctx, res, b, seen, out); err != nil {
				return err
			}
		}
	}
	return nil
}

// emit records a batch's rejects and sends its rows.
func (st *staging) emit(ctx context.Context, res *Result, b *batch, seen map[string]int, out chan<- []any) error {
	res.Read += len(b.rows) + len(b.rejects)
	st.seen.merge(b.bounds)
	st.refused.merge(b.refused)
	res.Rejects = append(res.Rejects, b.rejects...)
	for _, r := range b.rows {
		if first, dup := seen[r.id]; dup {
			res.Rejects = append(res.Rejects, Reject{Index: r.index, ID: r.id,
				Reason: fmt.Sprintf("duplicate id %q (first used by feature %d)", clip(r.id), first)})
			continue
		}
		seen[r.id] = r.index
		for _, a := range r.assumed {
			if res.Assumed == nil {
				res.Assumed = map[string]int{}
			}
			res.Assumed[a]++
		}
		vals := make([]any, 0, len(r.values)+3)
		vals = append(vals, int32(r.index))
		vals = append(vals, r.values...)
		vals = append(vals, r.wkb, st.zgrid.key(r.cx, r.cy))
		select {
		case out <- vals:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	if st.opts.Progress != nil {
		st.opts.Progress(res.Read)
	}
	return nil
}
