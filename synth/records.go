package synth

import (
	"math"
	"strings"
)

// Conversion of generated records to attribute values, numbering every
// layer's features in the order written.

func (o *outputs) write(l layer, kind geomKind, pts []vec) error {
	return o.layers[l].feature(o.vals, kind, pts)
}

func (o *outputs) writeDistricts(m *districtMap, st *Stats) error {
	for d := range m.count() {
		st.Districts++
		o.vals = append(o.vals[:0], text(m.ids[d]), text(m.names[d]))
		if err := o.write(layerDistricts, geomPolygon, m.polygon(d)); err != nil {
			return err
		}
	}
	return nil
}

// writeBatch writes every feature of the batch, updating the counts.
func (o *outputs) writeBatch(b *batch, st *Stats) error {
	for _, f := range []func(*batch, *Stats) error{
		o.writePipes, o.writeSewers, o.writeBuildings, o.writePlaces, o.writeStations, o.writeDetectors,
		o.writeValves,
	} {
		if err := f(b, st); err != nil {
			return err
		}
	}
	return nil
}

func (o *outputs) writePipes(b *batch, st *Stats) error {
	for k := range b.pipes {
		p := &b.pipes[k]
		st.Pipes++
		o.vals = append(o.vals[:0], ident("P", st.Pipes, 7), text(p.material), integer(p.diameter),
			text(p.pressure), integer(p.year), decimal(p.depth), text(p.district), text(p.status),
			optText(p.assessed), tristate(p.ductileUnsafe), tristate(p.uncontrollable), casing(p.pipeAttrs), decimal(p.wall))
		if math.IsNaN(p.wall) {
			o.vals = append(o.vals, value{})
		} else {
			o.vals = append(o.vals, tristate(b2t(p.protection)))
		}
		if err := o.write(layerPipes, geomLine, b.points(p.line)); err != nil {
			return err
		}
		if err := o.writeEvidence(st.Pipes, p, b.points(p.line), st); err != nil {
			return err
		}
	}
	return nil
}

func (o *outputs) writeSewers(b *batch, st *Stats) error {
	for k := range b.sewers {
		s := &b.sewers[k]
		st.Sewers++
		o.vals = append(o.vals[:0], ident("S", st.Sewers, 7), text(s.kind), integer(s.diameter), decimal(s.depth))
		if err := o.write(layerSewers, geomLine, b.points(s.line)); err != nil {
			return err
		}
	}
	return nil
}

func (o *outputs) writeBuildings(b *batch, st *Stats) error {
	var ring [5]vec
	for k := range b.buildings {
		bd := &b.buildings[k]
		st.Buildings++
		o.vals = append(o.vals[:0], ident("B", st.Buildings, 7), text(bd.use), integer(bd.floors))
		copy(ring[:], bd.ring[:])
		ring[4] = bd.ring[0]
		if err := o.write(layerBuildings, geomPolygon, ring[:]); err != nil {
			return err
		}
		if err := o.writeCustomer(bd, st); err != nil {
			return err
		}
	}
	return nil
}

func (o *outputs) writePlaces(b *batch, st *Stats) error {
	for k := range b.places {
		p := &b.places[k]
		st.Places++
		o.vals = append(o.vals[:0], ident("Q", st.Places, 6), text(p.kind), text(p.name), integer(p.capacity))
		if err := o.write(layerPlaces, geomPoint, []vec{p.at}); err != nil {
			return err
		}
	}
	return nil
}

func (o *outputs) writeStations(b *batch, st *Stats) error {
	for k := range b.stations {
		s := &b.stations[k]
		st.Stations++
		o.vals = append(o.vals[:0], ident("T", st.Stations, 5), text(s.kind), integer(s.year), text(s.name),
			overpressure(s), optText(s.setting), optText(s.inlet), optText(s.lpgClass))
		if err := o.write(layerStations, geomPoint, []vec{s.at}); err != nil {
			return err
		}
	}
	return nil
}

func (o *outputs) writeDetectors(b *batch, st *Stats) error {
	for k := range b.detectors {
		d := &b.detectors[k]
		st.Detectors++
		o.vals = append(o.vals[:0], ident("L", st.Detectors, 6), text(detectorKind(d.year)), integer(d.year))
		if err := o.write(layerDetectors, geomPoint, []vec{d.at}); err != nil {
			return err
		}
	}
	return nil
}

// casing is whether a pipe is laid in casings where it crosses sewers and
// culverts: the register records it for the sub-high and high pressure
// mains and the steel mains laid since 2010 (cased), and for PE laid since
// 2015 (not cased); for the rest it is unknown (null).
func casing(p pipeAttrs) value {
	switch {
	case strings.HasPrefix(p.pressure, "SHP") || strings.HasPrefix(p.pressure, "HP"):
		return tristate(1)
	case p.material == "steel" && p.year >= 2010:
		return tristate(1)
	case p.material == "pe" && p.year >= 2015:
		return tristate(0)
	}
	return tristate(-1)
}

// overpressure is whether a station has an automatic over-pressure cut-off
// and relief (超压切断/放散): city gates and storage stations have; a
// regulator installed before 1998 has not (the older equipment the renewal
// campaigns find), a later one has; other kinds are not recorded (null).
func overpressure(s *stationRec) value {
	switch s.kind {
	case "city_gate", "storage":
		return tristate(1)
	case "regulator", "regulator_box":
		if s.year >= 1998 {
			return tristate(1)
		}
		return tristate(0)
	}
	return tristate(-1)
}

func (o *outputs) writeValves(b *batch, st *Stats) error {
	for k := range b.valves {
		v := &b.valves[k]
		st.Valves++
		state := "open"
		if v.closed {
			state = "closed"
		}
		o.vals = append(o.vals[:0], ident("V", st.Valves, 6), text(v.kind), text(state), tristate(b2t(!v.inop)),
			optText(v.exercised), text(v.pressure))
		if err := o.write(layerValves, geomPoint, []vec{v.at}); err != nil {
			return err
		}
	}
	return nil
}

// writeCustomer writes the service point of the building just written
// (number st.Buildings), at its centre, if it has gas.
func (o *outputs) writeCustomer(bd *buildingRec, st *Stats) error {
	if bd.customer.meters == 0 {
		return nil
	}
	st.Customers++
	o.vals = append(o.vals[:0], ident("C", st.Customers, 7), text(bd.customer.kind), integer(bd.customer.meters),
		ident("B", st.Buildings, 7))
	c := bd.ring[0].add(bd.ring[2]).mul(0.5)
	return o.write(layerCustomers, geomPoint, []vec{c})
}
