package phmsa

import "math"

// fitMainEffects fits the Poisson model n[m][d] ~ Poisson(a[m]·b[d]·e[m][d])
// by coordinate ascent: the material step is the closed-form conditional
// maximum-likelihood estimate (iterative proportional fitting); the decade
// step is the conditional estimate under the order restriction that b does
// not increase with install year along ordered (oldest first), computed by
// weighted isotonic regression (pool adjacent violators) — the order-
// restricted MLE for Poisson rates. Decades not in ordered (unknown) are
// unrestricted. Rows without exposure get 0. The fit is deterministic.
func fitMainEffects(e, n grid, ordered []int) (a, b []float64) {
	nm, nd := n.rowSums(), n.colSums()
	a, b = make([]float64, len(e)), make([]float64, len(e[0]))
	for j := range b {
		b[j] = 1
	}
	for iter := 0; iter < 100000; iter++ {
		change := 0.0
		for i := range a {
			change = math.Max(change, update(&a[i], nm[i], dot(b, e[i])))
		}
		den := make([]float64, len(b))
		for j := range b {
			for i := range a {
				den[j] += a[i] * e[i][j]
			}
		}
		next := decadeStep(nd, den, ordered)
		for j := range b {
			change = math.Max(change, update(&b[j], next[j], 1))
		}
		if change < 1e-13 {
			break
		}
	}
	return a, b
}

// decadeStep returns n/den per decade, made non-increasing along ordered.
func decadeStep(n, den []float64, ordered []int) []float64 {
	out := make([]float64, len(n))
	for j := range n {
		out[j] = ratio(n[j], den[j])
	}
	vals := make([]float64, len(ordered))
	wts := make([]float64, len(ordered))
	for k, j := range ordered {
		vals[k], wts[k] = out[j], den[j]
	}
	for k, v := range antitonic(vals, wts) {
		out[ordered[k]] = v
	}
	return out
}

// antitonic returns the weighted least-squares non-increasing fit of v (pool
// adjacent violators). Entries with zero weight carry no information: they
// take the value of the nearest older weighted entry (or the nearest newer
// one when none is older).
func antitonic(v, w []float64) []float64 {
	type block struct {
		sum, wt float64
		idx     []int
	}
	var bs []block
	for i := range v {
		if w[i] <= 0 {
			continue
		}
		bs = append(bs, block{v[i] * w[i], w[i], []int{i}})
		for len(bs) > 1 {
			prev, last := bs[len(bs)-2], bs[len(bs)-1]
			if prev.sum/prev.wt >= last.sum/last.wt {
				break
			}
			bs = bs[:len(bs)-1]
			bs[len(bs)-1] = block{prev.sum + last.sum, prev.wt + last.wt, append(prev.idx, last.idx...)}
		}
	}
	out := make([]float64, len(v))
	set := make([]bool, len(v))
	for _, b := range bs {
		for _, i := range b.idx {
			out[i], set[i] = b.sum/b.wt, true
		}
	}
	fillGaps(out, set)
	return out
}

// fillGaps gives unset entries the nearest older set value, else the nearest
// newer one.
func fillGaps(out []float64, set []bool) {
	for i := range out {
		if !set[i] && i > 0 && set[i-1] {
			out[i], set[i] = out[i-1], true
		}
	}
	for i := len(out) - 2; i >= 0; i-- {
		if !set[i] && set[i+1] {
			out[i], set[i] = out[i+1], true
		}
	}
}

// update sets *v = num/den (0 when den is 0) and returns the relative change.
func update(v *float64, num, den float64) float64 {
	next := ratio(num, den)
	old := *v
	*v = next
	if old == next {
		return 0
	}
	return math.Abs(next-old) / math.Max(math.Abs(old), math.Abs(next))
}
