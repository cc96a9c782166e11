package phmsa

import (
	"fmt"
	"strconv"
)

// SystemPartMain is the SYSTEM_PART_INVOLVED value of incidents on mains.
const SystemPartMain = "MAIN"

// Incident is one distribution incident report (form F 7100.1), reduced to
// what the calibration uses.
type Incident struct {
	ReportNumber string // REPORT_NUMBER
	Year         int    // IYEAR, the incident year
	SystemPart   string // SYSTEM_PART_INVOLVED as reported (MAIN, SERVICE, …)
	Material     string // riskmodel material mapped from MATERIAL_INVOLVED
	MaterialRaw  string // MATERIAL_INVOLVED as reported
	InstallYear  int    // INSTALLATION_YEAR; 0 when UNKNOWN or implausible
	Cause        string // CAUSE as reported
}

// OnMain reports whether the incident involved a main.
func (i Incident) OnMain() bool { return i.SystemPart == SystemPartMain }

// readIncidents reads the tab-separated incident file.
func readIncidents(path string) ([]Incident, error) {
	t, err := readTable(path, '\t', false)
	if err != nil {
		return nil, err
	}
	cols := []string{"REPORT_NUMBER", "IYEAR", "SYSTEM_PART_INVOLVED", "MATERIAL_INVOLVED", "INSTALLATION_YEAR", "CAUSE"}
	if err := t.require(cols...); err != nil {
		return nil, err
	}
	out := make([]Incident, 0, len(t.rows))
	for i := range t.rows {
		year, err := strconv.Atoi(t.field(i, "IYEAR"))
		if err != nil {
			return nil, fmt.Errorf("%s: record %d: bad IYEAR %q", path, i+2, t.field(i, "IYEAR"))
		}
		out = append(out, Incident{
			ReportNumber: t.field(i, "REPORT_NUMBER"),
			Year:         year,
			SystemPart:   t.field(i, "SYSTEM_PART_INVOLVED"),
			Material:     incidentMaterial(t.field(i, "MATERIAL_INVOLVED")),
			MaterialRaw:  t.field(i, "MATERIAL_INVOLVED"),
			InstallYear:  installYear(t.field(i, "INSTALLATION_YEAR"), year),
			Cause:        t.field(i, "CAUSE"),
		})
	}
	return out, nil
}

// installYear parses INSTALLATION_YEAR; "UNKNOWN", blanks and years outside
// 1800…incident year give 0 (unknown).
func installYear(s string, incidentYear int) int {
	y, err := strconv.Atoi(s)
	if err != nil || y < 1800 || y > incidentYear {
		return 0
	}
	return y
}
