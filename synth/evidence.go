package synth

import (
	"math"
	"math/rand/v2"
	"time"
)

// Field records (issue 19): a leak, patrol and cathodic-protection
// history drawn for each pipe as it is written, from a stream keyed by the
// pipe's number, so the other layers do not change.
//
// Leaks follow the leaks repaired per km·yr of US mains by material and
// cause (docs/calibration.md, "Threats": PHMSA annual reports 2017–2023,
// Poisson fit per cause) over historyYears; ductile iron, copper, other and
// unknown take steel's. Classes 1/2/3 split 15/35/50 %; a class-1 leak is
// repaired within two days (2 % are still open), class 2 within half a
// year (10 % open), class 3 within two years (half are monitored, open).
// Steel and ductile iron carry a CP test post every cpSpacingM with one
// reading in the last three years, potential ~ N(−950, 120) mV, pass at
// −850 mV or more negative. Patrols report about patrolPerKmYear
// observations per km·yr within a few metres of a pipe in the last
// patrolDays.

// HistoryEnd is the last day of the generated field records; the tests'
// as-of date (datatest.AsOf) is the same day.
func HistoryEnd() time.Time { return time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC) }

const (
	historyYears    = 5
	cpSpacingM      = 500
	patrolPerKmYear = 2.0
	patrolDays      = 180
)

// leakCauses are the causes in the order of leakRates' columns.
func leakCauses() [7]string {
	return [7]string{"excavation", "corrosion", "natural_force", "material_joint", "equipment", "incorrect_operation", "other"}
}

// leakRates are leaks repaired per km·yr by cause (leakCauses order).
func leakRates(material string) [7]float64 {
	switch material {
	case "cast_iron":
		return [7]float64{0.005, 0.308, 0.132, 0.174, 0.0731, 0.002, 0.38}
	case "pe":
		return [7]float64{0.0114, 0.000797, 0.000852, 0.00289, 0.00201, 0.00146, 0.0004}
	}
	return [7]float64{0.00468, 0.0285, 0.00212, 0.00566, 0.0114, 0.00188, 0.00229}
}

// evidenceCounts are the numbers of field records written.
type evidenceCounts struct{ leaks, patrols, cp int }

// writeEvidence writes pipe n's field records: leaks on it, CP readings
// of metallic pipes, patrol observations beside it.
func (o *outputs) writeEvidence(n int, p *pipeRec, pts []vec, st *Stats) error {
	r := o.stream.at(o.seed, tagEvidence, n, 0)
	length := polylineLength(pts)
	if length <= 0 || p.status != "in_service" {
		return nil
	}
	rates := leakRates(p.material)
	for c, rate := range rates {
		for range poisson(r, rate*o.history*length/1000*historyYears) {
			if err := o.writeLeak(r, n, leakCauses()[c], pts, length, st); err != nil {
				return err
			}
		}
	}
	if p.material == "steel" || p.material == "ductile_iron" {
		for range poisson(r, length/cpSpacingM) {
			st.CPReadings++
			mv := math.Round(-950 + 120*r.NormFloat64())
			o.vals = append(o.vals[:0], ident("C", st.CPReadings, 7), text(day(-r.IntN(3*365))), integer(int(mv)),
				tristate(b2t(mv <= -850)), ident("P", n, 7))
			if err := o.write(layerCPReadings, geomPoint, []vec{along(r, pts, length)}); err != nil {
				return err
			}
		}
	}
	for range poisson(r, patrolPerKmYear*o.history*length/1000*patrolDays/365) {
		st.Patrols++
		obs := [...]string{"works_without_permit", "exposed_pipe", "subsidence", "odour"}[wpick(r.Float64(), 50, 15, 15, 20)]
		at := along(r, pts, length).add(vec{uniform(r, -3, 3), uniform(r, -3, 3)})
		o.vals = append(o.vals[:0], ident("W", st.Patrols, 7), text(day(-r.IntN(patrolDays))),
			text([...]string{"巡线一班", "巡线二班", "巡线三班"}[r.IntN(3)]), text(obs))
		if err := o.write(layerPatrols, geomPoint, []vec{at}); err != nil {
			return err
		}
	}
	return nil
}

// writeLeak writes one leak of cause on pipe n.
func (o *outputs) writeLeak(r *rand.Rand, n int, cause string, pts []vec, length float64, st *Stats) error {
	st.Leaks++
	found := -r.IntN(historyYears * 365)
	class := 1 + wpick(r.Float64(), 15, 35, 50)
	repaired := value{}
	delay, open := [...]int{2, 180, 730}[class-1], [...]float64{0.02, 0.10, 0.5}[class-1]
	if d := found + r.IntN(delay+1); !chance(r, open) && d <= 0 {
		repaired = text(day(d))
	}
	o.vals = append(o.vals[:0], ident("LK", st.Leaks, 7), text(day(found)), integer(class), text(cause), repaired, ident("P", n, 7))
	return o.write(layerLeaks, geomPoint, []vec{along(r, pts, length)})
}

// day is HistoryEnd plus d days, as YYYY-MM-DD.
func day(d int) string { return HistoryEnd().AddDate(0, 0, d).Format(time.DateOnly) }

// poisson draws a Poisson count of mean m (Knuth's method; m is small).
func poisson(r *rand.Rand, m float64) int {
	if m <= 0 {
		return 0
	}
	l, k, p := math.Exp(-m), 0, 1.0
	for {
		p *= r.Float64()
		if p <= l {
			return k
		}
		k++
	}
}

// along is a uniformly random point on the polyline.
func along(r *rand.Rand, pts []vec, length float64) vec {
	s := r.Float64() * length
	for i := 1; i < len(pts); i++ {
		seg := pts[i].dist(pts[i-1])
		if s <= seg && seg > 0 {
			return pts[i-1].add(pts[i].sub(pts[i-1]).mul(s / seg))
		}
		s -= seg
	}
	return pts[len(pts)-1]
}

func polylineLength(pts []vec) float64 {
	l := 0.0
	for i := 1; i < len(pts); i++ {
		l += pts[i].dist(pts[i-1])
	}
	return l
}
