package synth

import "context"

// gen walks the plan row by row and produces the features of each row.
type gen struct {
	p                               *plan
	edgeRS, blockRS, nodeRS, condRS *stream
	valveRS, custRS                 *stream
	win                             window
	blk                             blockCtx
	inc                             []endRef
}

func newGen(p *plan) *gen {
	return &gen{p: p, edgeRS: newStream(), blockRS: newStream(), nodeRS: newStream(), condRS: newStream(),
		valveRS: newStream(), custRS: newStream()}
}

// produce sends one batch per grid row to out, taking recycled batches from
// free when there are any, and closes out when done.
func (g *gen) produce(ctx context.Context, out chan<- *batch, free <-chan *batch) error {
	defer close(out)
	for j := range g.p.ny {
		if err := ctx.Err(); err != nil {
			return err
		}
		var b *batch
		select {
		case b = <-free:
		default:
			b = new(batch)
		}
		b.reset()
		g.advance(j)
		g.emitRow(j, b)
		select {
		case out <- b:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// emitRow writes edge row j, the detectors at the intersections of grid row
// j and the buildings of block row j.
func (g *gen) emitRow(j int, b *batch) {
	row := g.win.row(j)
	for i := range g.p.nx {
		g.emitStreet(&row.h[i], b)
		g.emitStreet(&row.v[i], b)
	}
	g.emitStreet(&row.d[0], b)
	g.emitStreet(&row.d[1], b)
	b.stations = append(b.stations, row.stations...)
	for i := range g.p.nx {
		g.nodeDetectors(i, j, b)
	}
	if j+1 < g.p.ny {
		for i := 0; i+1 < g.p.nx; i++ {
			g.buildBlock(i, j, b)
		}
	}
}

// emitStreet copies a street's pipe (joined to its nodes) with its valves,
// sewers, station and detector into b.
func (g *gen) emitStreet(st *street, b *batch) {
	if !st.ok {
		return
	}
	line := g.pipeLine(st, b)
	attrs := st.pipeAttrs
	if n := line.b - line.a; n != len(st.pipe) {
		// joined to a node: the district is that of the pipe as written
		mid, _ := pointAt(b.points(line), lineLength(b.points(line))/2)
		attrs.district = g.p.dist.ids[g.p.dist.locate(mid)]
	}
	b.pipes = append(b.pipes, pipeRec{line, attrs})
	if len(st.sewer) > 0 {
		b.sewers = append(b.sewers, sewerRec{b.line(st.sewer), st.sewerAttrs})
	}
	if len(st.lateral) > 0 {
		b.sewers = append(b.sewers, sewerRec{b.line(st.lateral), st.lateralAttrs})
	}
	if st.hasDetector {
		b.detectors = append(b.detectors, st.detector)
	}
	if st.hasStation {
		b.stations = append(b.stations, st.station)
	}
}
