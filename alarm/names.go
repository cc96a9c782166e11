package alarm

// Name is a term in Chinese and English.
type Name struct{ ZH, EN string }

// LevelName names an alarm level (riskmodel.AlarmLevels); unknown levels
// keep their code.
func LevelName(level string) Name {
	n, ok := map[string]Name{
		"low":    {"一级报警（低限）", "first-level alarm (low set point)"},
		"high":   {"二级报警（高限）", "second-level alarm (high set point)"},
		"under":  {"欠压报警", "pressure below its band"},
		"over":   {"超压报警", "pressure above its band"},
		"silent": {"设备离线", "detector silent"},
	}[level]
	if !ok {
		return Name{level, level}
	}
	return n
}

// StateName names a state.
func StateName(state string) Name {
	n, ok := map[string]Name{
		Raised: {"报警", "raised"}, Acknowledged: {"已确认", "acknowledged"}, Dispatched: {"已派单", "dispatched"},
		Resolved: {"已处置", "resolved"}, FalseAlarm: {"误报", "false alarm"},
	}[state]
	if !ok {
		return Name{state, state}
	}
	return n
}
