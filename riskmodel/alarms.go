package riskmodel

// alarmFactor appends the recent_alarms factor when detectors watching
// the segment raised gas alarms lately (Facts.RecentAlarms): a live
// detector that alarms is evidence of a leak nearby, like a recorded leak.
func (s Sensors) alarmFactor(fs []Factor, f Facts) []Factor {
	n := f.RecentAlarms
	if n <= 0 || s.AlarmMaxEvents == 0 {
		return fs
	}
	var buf [96]byte
	w := newWords(buf[:])
	return append(fs, newFactor("recent_alarms", SideLikelihood, s.recentAlarms(n),
		w.d(n).s(" recent gas alarm(s) of detectors watching it").zh().s("监测设备近期有").d(n).s("次燃气浓度报警").phrase()))
}
