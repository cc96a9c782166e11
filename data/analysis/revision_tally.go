package analysis

// segments is how many segments t counted.
func (t *tally) segments() int {
	n := 0
	for _, gs := range t.districts {
		for _, g := range gs {
			n += g.Segments
		}
	}
	return n
}

// addScaled adds o's counts times sign (1 or -1) to t.
func (t *tally) addScaled(o *tally, sign int) {
	for d, gs := range o.districts {
		dst := t.districts[d]
		if dst == nil {
			dst = map[string]GradeTotal{}
			t.districts[d] = dst
		}
		for g, x := range gs {
			y := dst[g]
			y.Segments += sign * x.Segments
			y.Km += float64(sign) * x.Km
			dst[g] = y
		}
	}
	for f, n := range o.findings {
		t.findings[f] += sign * n
	}
}

// prune drops the counts that came to nothing, as a run that never
// counted them has none.
func (t *tally) prune() {
	for d, gs := range t.districts {
		for g, x := range gs {
			if x.Segments == 0 {
				delete(gs, g)
			}
		}
		if len(gs) == 0 {
			delete(t.districts, d)
		}
	}
	for f, n := range t.findings {
		if n == 0 {
			delete(t.findings, f)
		}
	}
}

// revisedCounts is the run's summary sum with the segments a revision
// removed taken out and those it added counted in: the per district,
// grade and finding counts, and the totals summed from them as a run
// sums its own. The station findings and the evidence weighed stay the
// run's.
func revisedCounts(sum RunSummary, removed, added *tally) RunSummary {
	t := newTally()
	for d, gs := range sum.Districts {
		t.districts[d] = map[string]GradeTotal{}
		for g, x := range gs {
			t.districts[d][g] = x
		}
	}
	for f, n := range sum.Findings {
		t.findings[f] = n
	}
	t.addScaled(removed, -1)
	t.addScaled(added, 1)
	t.prune()
	out := sum
	out.Segments, out.Km = 0, 0
	out.Grades, out.Findings, out.Districts = map[string]GradeTotal{}, map[string]int{}, map[string]map[string]GradeTotal{}
	t.summary(&out)
	return out
}
