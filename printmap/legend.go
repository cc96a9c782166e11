package printmap

import "fmt"

// hazardCounts counts the markers drawn by grade, and the listed ones.
func hazardCounts(hs []Marker) (map[string]int, int) {
	by, listed := map[string]int{}, 0
	for _, h := range hs {
		by[h.Grade]++
		if h.Listed {
			listed++
		}
	}
	return by, listed
}

// hazardGrades are the grades the hazard legend lists: red and orange
// (always drawn when not closed) and any other grade drawn (listed ones).
func hazardGrades(by map[string]int) []string {
	var out []string
	for _, g := range gradeOrder() {
		if g == "red" || g == "orange" || by[g] > 0 {
			out = append(out, g)
		}
	}
	return out
}

// legendItems lay out the legend in b: the segments' grades with their km
// on the left; on the right the hazards drawn, counted by grade as the
// ledger counts them, and the listed ones among them. It shrinks to fit.
func (ms metrics) legendItems(b box, m Map) []item {
	lang := m.Lang
	by, listed := hazardCounts(m.Hazards)
	left := []string{text{"图例", "Legend"}.in(lang)}
	for _, g := range gradeOrder() {
		left = append(left, fmt.Sprintf(text{"%s风险  %.2f km", "%s risk  %.2f km"}.in(lang), gradeName(g).in(lang), m.Km[g]))
	}
	right := []string{text{"未销号隐患（较大及以上、挂牌督办）", "Hazards not closed (major, significant, listed)"}.in(lang)}
	grades := hazardGrades(by)
	for _, g := range grades {
		right = append(right, fmt.Sprintf(text{"%s  %d 处", "%s: %d"}.in(lang), gradeName(g).in(lang), by[g]))
	}
	right = append(right, fmt.Sprintf(text{"其中挂牌督办  %d 处", "of which listed supervision: %d"}.in(lang), listed))
	colW := func(lines []string, indent float64) float64 {
		w := 0.0
		for i, s := range lines {
			in := indent
			if i == 0 {
				in = 0
			}
			w = max(w, in+ms.width(normalPt, s))
		}
		return w
	}
	const gap = 6
	wl, wr := colW(left, 12), colW(right, 6)
	k := fit(b, wl+gap+wr, float64(max(len(left), len(right)))*lineMM)
	size, line := normalPt*k, lineMM*k
	y0 := b.Y0 + ms.ascent(size)
	xr := b.X0 + (wl+gap)*k
	var items []item
	items = append(items, ms.label("legend", size, left[0], b.X0, y0), ms.label("legend", size, right[0], xr, y0))
	for i, g := range gradeOrder() {
		y := y0 + float64(i+1)*line
		items = append(items, swatch(g, b.X0, y, k), ms.label("legend", size, left[i+1], b.X0+12*k, y))
	}
	for i, g := range grades {
		y := y0 + float64(i+1)*line
		items = append(items, marker(g, false, pt{X: xr + 2.5*k, Y: y - 1.2*k}, k), ms.label("legend", size, right[i+1], xr+6*k, y))
	}
	y := y0 + float64(len(grades)+1)*line
	items = append(items, marker("", true, pt{X: xr + 2.5*k, Y: y - 1.2*k}, k), ms.label("legend", size, right[len(right)-1], xr+6*k, y))
	return items
}
