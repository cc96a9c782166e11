package riskmodel

// sewerReach is the sewer_reach component: the buildings and dense
// places along the connected sewers a crossing reaches, credited when a
// detector watches the stretch reached; the detail says what was reached.
func (c Config) sewerReach(f Facts) (float64, phrase) {
	k := c.Consequence
	b, p, det := max(f.SewerReachReceptors, 0), max(f.SewerReachPlaces, 0), max(f.SewerReachDetectors, 0)
	v := k.SewerReachReceptor*float64(b) + k.SewerReachPlace*float64(p)
	if det > 0 {
		v *= 1 - k.DetectorCredit
	}
	if !(v > 0) {
		return 0, phrase{}
	}
	var buf [256]byte
	w := newWords(buf[:]).d(b).s(" building(s) and ").d(p).s(" dense place(s) within ").f(c.Detection.SewerReachM, 0).
		s(" m along connected sewers")
	if det > 0 {
		w = w.s("; ").d(det).s(" gas detector(s) watch the sewers reached")
	}
	w = w.zh().s("交叉排水管道连通沿线").f(c.Detection.SewerReachM, 0).s(" m内有建筑").d(b).s("栋、人员密集场所").d(p).s("处")
	if det > 0 {
		w = w.s("；所及排水管道设有燃气监测设备").d(det).s("台")
	}
	return v, w.phrase()
}
