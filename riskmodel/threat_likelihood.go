package riskmodel

import (
	"strconv"
)

// threatArray is Threats as an array (no allocation on the hot path).
func threatArray() [numThreats]string {
	return [numThreats]string{ThreatExcavation, ThreatCorrosion, ThreatNaturalForce, ThreatMaterialJoint,
		ThreatEquipment, ThreatIncorrectOperation, ThreatOther}
}

// threatMix is the segment's threats: each threat's share of the base
// rate and the multiplier its evidence gives it. The likelihood is
// base × Σ share[t]·mult[t] × the other modifiers.
type threatMix struct {
	share, mult [numThreats]float64
}

// newThreatMix is the mix of material m before evidence.
func (c Config) newThreatMix(m string) threatMix {
	x := threatMix{share: c.ThreatShares.of(m)}
	for i := range x.mult {
		x.mult[i] = 1
	}
	return x
}

// k is Σ share·mult: the factor the evidence multiplies the base rate by.
func (x threatMix) k() float64 {
	k := 0.0
	for i := range x.share {
		k += x.share[i] * x.mult[i]
	}
	return k
}

// top is the index of the threat with the largest share of the
// likelihood (the first in Threats order on a tie).
func (x threatMix) top() int {
	best := 0
	for i := range x.share {
		if x.share[i]*x.mult[i] > x.share[best]*x.mult[best] {
			best = i
		}
	}
	return best
}

// evidence appends to fs one factor per kind of evidence that raises a
// threat — leaks, failed CP readings, active permits (third_party), patrol
// observations — each valued at its step of Σ share·mult (so their
// product is the mix's k), then, if any did, the threat_mix factor (×1)
// with every threat's share of the likelihood.
// Without evidence it returns fs as it is and ok false (and no mix: most
// segments have none, and the grading of a million must not pay for it).
func (c Config) evidence(fs []Factor, f Facts, s segment) (_ []Factor, _ threatMix, ok bool) {
	if len(f.Leaks) == 0 && f.FailedCPReadings == 0 && len(f.Patrols) == 0 && f.ThirdPartyWorks <= 0 {
		return fs, threatMix{}, false
	}
	x := c.newThreatMix(s.material)
	e := c.Evidence
	k0 := 1.0
	step := func(code string, t int, detail phrase) {
		if k := x.k(); k > k0*(1+1e-12) {
			fc := newFactor(code, SideLikelihood, k/k0, detail)
			fc.Threat = threatArray()[t]
			fs = append(fs, fc)
			k0 = k
		}
	}
	if len(f.Leaks) > 0 {
		t, detail := e.leaks(&x, f.Leaks)
		step("leaks", t, detail)
	}
	if n := min(f.FailedCPReadings, e.CPMaxReadings); n > 0 && metallic(s.material) {
		i := threatIndex(ThreatCorrosion)
		x.mult[i] *= 1 + e.CPFailedPerReading*float64(n)
		var buf [128]byte
		w := newWords(buf[:]).d(f.FailedCPReadings).s(" failed CP reading(s) nearby: corrosion ×").f(1+e.CPFailedPerReading*float64(n), 1).
			zh().s("附近阴极保护检测不合格").d(f.FailedCPReadings).s("次：腐蚀威胁×").f(1+e.CPFailedPerReading*float64(n), 1)
		step("cp_failed", i, w.phrase())
	}
	if n := f.ThirdPartyWorks; n > 0 {
		step("third_party", threatIndex(ThreatExcavation), c.permitStep(&x, n))
	}
	if t, detail, ok := e.patrols(&x, f.Patrols); ok {
		step("patrol", t, detail)
	}
	if k0 > 1 {
		fc := newFactor("threat_mix", SideLikelihood, 1, mixDetail(x))
		fc.Threat = threatArray()[x.top()]
		fs = append(fs, fc)
	}
	return fs, x, true
}

// Shares returns each threat's share of a segment's likelihood
// (before the modifiers that act on every threat alike): the material's
// base shares as its evidence changes them. The shares add up to 1.
func (c Config) Shares(f Facts) map[string]float64 {
	_, x, ok := c.evidence(nil, f, segment{material: materialKey(f.Material)})
	if !ok {
		x = c.newThreatMix(materialKey(f.Material))
	}
	out := map[string]float64{}
	k := x.k()
	for i, t := range threatArray() {
		out[t] = x.share[i] * x.mult[i] / k
	}
	return out
}

// leaks raises each leak's threat by its weight (capped per threat) and
// returns the threat raised most and the detail naming the leaks.
func (e Evidence) leaks(x *threatMix, leaks []Leak) (int, phrase) {
	var w [numThreats]float64
	for _, l := range leaks {
		t := threatIndex(l.Cause)
		if t < 0 {
			t = threatIndex(ThreatOther)
		}
		w[t] += e.leakWeight(l)
	}
	most := 0
	for i := range w {
		x.mult[i] += min(w[i], e.LeakMaxWeight)
		if x.share[i]*w[i] > x.share[most]*w[most] {
			most = i
		}
	}
	en, zh := newWords(make([]byte, 0, 256)), newWords(make([]byte, 0, 256))
	for i, l := range leaks {
		if i == 3 {
			en = en.s("; … ").d(len(leaks) - 3).s(" more")
			zh = zh.s("；另").d(len(leaks) - 3).s("处")
			break
		}
		if i > 0 {
			en, zh = en.s("; "), zh.s("；")
		}
		en = en.s("leak ").s(l.ID).s(" (class ").d(l.Class).s(", ").s(threatName(l.Cause)).s(", found ").d(l.FoundDaysAgo).s(" days ago, ")
		zh = zh.s("泄漏").s(l.ID).s("（").d(l.Class).s("级，").s(threatNameZH(l.Cause)).s("，").d(l.FoundDaysAgo).s("天前发现，")
		if l.Repaired() {
			en = en.s("repaired ").d(l.RepairedDaysAgo).s(" days ago, weight ").f(e.leakWeight(l), 1).s(")")
			zh = zh.s(strconv.Itoa(l.RepairedDaysAgo)).s("天前已修复，权重").f(e.leakWeight(l), 1).s("）")
		} else {
			en = en.s("unrepaired)")
			zh = zh.s("未修复）")
		}
	}
	return most, phrase{string(en.b), string(zh.b)}
}

// patrols raises the threats of the valid observations: unpermitted works
// and exposed pipe excavation, subsidence natural force, odour every
// threat. ok is false when no observation is valid.
func (e Evidence) patrols(x *threatMix, ps []Patrol) (int, phrase, bool) {
	n := map[string]int{}
	var ids []string
	for _, p := range ps {
		if p.DaysAgo < 0 || p.DaysAgo > e.PatrolValidDays || !contains(PatrolObservations(), p.Observation) {
			continue
		}
		if n[p.Observation] < e.PatrolMaxObservations {
			n[p.Observation]++
			ids = append(ids, p.ID+" "+p.Observation+" "+strconv.Itoa(p.DaysAgo)+"d")
		}
	}
	if len(ids) == 0 {
		return 0, phrase{}, false
	}
	exc, nat := threatIndex(ThreatExcavation), threatIndex(ThreatNaturalForce)
	x.mult[exc] += e.PatrolWeight[PatrolWorksWithoutPermit]*float64(n[PatrolWorksWithoutPermit]) +
		e.PatrolWeight[PatrolExposedPipe]*float64(n[PatrolExposedPipe])
	x.mult[nat] += e.PatrolWeight[PatrolSubsidence] * float64(n[PatrolSubsidence])
	odour := 1 + e.PatrolWeight[PatrolOdour]*float64(n[PatrolOdour])
	for i := range x.mult {
		x.mult[i] *= odour
	}
	most := exc
	if n[PatrolWorksWithoutPermit]+n[PatrolExposedPipe] == 0 && n[PatrolSubsidence] > 0 {
		most = nat
	} else if n[PatrolWorksWithoutPermit]+n[PatrolExposedPipe]+n[PatrolSubsidence] == 0 {
		most = x.top()
	}
	var buf [256]byte
	w := newWords(buf[:])
	w = w.s("within the last ").d(e.PatrolValidDays).s(" days: ")
	w = patrolCounts(w, n, func(o string) string { return o })
	w = w.s(" (").list(ids, ", ", nil).s(")").zh().s("近").d(e.PatrolValidDays).s("天巡线发现：")
	w = patrolCounts(w, n, patrolZH)
	return most, w.phrase(), true
}

// patrolCounts writes "n× observation" for each observation seen.
func patrolCounts(w words, n map[string]int, name func(string) string) words {
	first := true
	for _, o := range PatrolObservations() {
		if n[o] == 0 {
			continue
		}
		if !first {
			w = w.s(", ")
		}
		first = false
		w = w.d(n[o]).s("× ").s(name(o))
	}
	return w
}

// patrolZH is the Chinese name of a patrol observation.
func patrolZH(o string) string {
	switch o {
	case PatrolWorksWithoutPermit:
		return "无许可施工"
	case PatrolExposedPipe:
		return "管道裸露"
	case PatrolSubsidence:
		return "地面沉降"
	case PatrolOdour:
		return "燃气异味"
	}
	return o
}

// mixDetail lists every threat's share of the likelihood, largest first,
// in English and Chinese.
func mixDetail(x threatMix) phrase {
	var v [numThreats]float64
	k := x.k()
	for i := range v {
		v[i] = x.share[i] * x.mult[i] / k
	}
	return sharesPhrase(v, 0)
}

// sharesPhrase writes shares (in Threats order) as "excavation / third
// party 61 %, corrosion 12 %, …", largest first, leaving out those under
// 0.5 %; with top > 0 only the top largest, then "…".
func sharesPhrase(v [numThreats]float64, top int) phrase {
	ts := threatArray()
	en, zh := newWords(make([]byte, 0, 192)), newWords(make([]byte, 0, 192))
	for n, i := range shareOrder(v) {
		if v[i] < 0.005 {
			break
		}
		if top > 0 && n == top {
			en, zh = en.s(", …"), zh.s("，…")
			break
		}
		if n > 0 {
			en, zh = en.s(", "), zh.s("，")
		}
		en = en.s(threatName(ts[i])).s(" ").f(100*v[i], 0).s(" %")
		zh = zh.s(threatNameZH(ts[i])).f(100*v[i], 0).s("%")
	}
	return phrase{string(en.b), string(zh.b)}
}

// withShares adds material m's threat shares to the base-rate detail.
func (c Config) withShares(p phrase, m string) phrase {
	sh := sharesPhrase(c.ThreatShares.of(m), 3)
	return phrase{p.en + "; threats: " + sh.en, p.zh + "；威胁构成：" + sh.zh}
}

// baseThreat is the threat with the largest share of material m's base
// rate.
func (c Config) baseThreat(m string) string {
	return threatArray()[c.newThreatMix(m).top()]
}
