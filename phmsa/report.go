package phmsa

import (
	"fmt"
	"io"
	"strings"
)

// WriteMarkdown writes the calibration evidence and result as Markdown
// tables (the tables of docs/calibration.md).
func (c *Calibration) WriteMarkdown(w io.Writer) error {
	var s strings.Builder
	table := c.BaseRates()
	fmt.Fprintf(&s, "Period %d–%d: %d incidents on mains (%d excluded), %.0f mile-years (%.0f km·yr) of main.\n",
		c.FirstYear, c.LastYear, c.Events, c.Excluded, c.MileYears, c.MileYears*milesPerKm)
	fmt.Fprintf(&s, "Overall age-adjusted rate: %.3g per km·yr.\n\n", c.OverallPerKmYear)
	s.WriteString("| material | incidents | mile-years | crude per km·yr | table rate per km·yr | leaks per km·yr |\n")
	s.WriteString("|---|---:|---:|---:|---:|---:|\n")
	for _, m := range c.Materials {
		fmt.Fprintf(&s, "| %s | %d | %.0f | %.3g | %.3g | %s |\n", m.Material, m.Events, m.MileYears,
			m.CrudePerKmYear, table.MaterialRates[m.Material], leakCell(c.Leaks.ByMaterial, m.Material))
	}
	s.WriteString("\n| install decade | incidents | mile-years | crude per km·yr | table factor |\n")
	s.WriteString("|---|---:|---:|---:|---:|\n")
	for _, d := range c.Decades {
		fmt.Fprintf(&s, "| %s | %d | %.0f | %.3g | %.3g |\n", d.Decade, d.Events, d.MileYears,
			d.CrudePerKmYear, table.DecadeFactors[d.Decade])
	}
	fmt.Fprintf(&s, "\nLeaks on mains repaired: %.0f (%.0f hazardous) over %.0f mile-years: %.3g per km·yr (%.3g hazardous).\n",
		c.Leaks.Leaks, c.Leaks.Hazardous, c.Leaks.MileYears,
		ratio(c.Leaks.Leaks, c.Leaks.MileYears*milesPerKm), ratio(c.Leaks.Hazardous, c.Leaks.MileYears*milesPerKm))
	c.writeThreats(&s)
	_, err := io.WriteString(w, s.String())
	return err
}

// writeThreats writes the per-threat evidence: the national incidents
// per leak by threat, then each material's incidents, leaks, prior,
// posterior and share by threat.
func (c *Calibration) writeThreats(s *strings.Builder) {
	s.WriteString("\n| threat | incidents on mains | leaks repaired on mains | incidents per leak |\n|---|---:|---:|---:|\n")
	for _, t := range c.ThreatTotals {
		fmt.Fprintf(s, "| %s | %d | %.0f | %.3g |\n", t.Threat, t.Incidents, t.Leaks, t.IncidentsPerLeak)
	}
	s.WriteString("\n| material | threat | incidents | leaks per km·yr | leak-predicted incidents per km·yr | posterior per km·yr | share |\n")
	s.WriteString("|---|---|---:|---:|---:|---:|---:|\n")
	for _, t := range c.Threats {
		leaks := "n/a"
		if t.LeaksPerKmYear > 0 {
			leaks = fmt.Sprintf("%.3g", t.LeaksPerKmYear)
		}
		fmt.Fprintf(s, "| %s | %s | %d | %s | %.3g | %.3g | %.3g |\n", t.Material, t.Threat, t.Incidents, leaks,
			t.PriorPerKmYear, t.RatePerKmYear, round3(t.Share))
	}
}

// leakCell formats a leak rate, or "n/a" when the material had too little
// mileage to apportion leaks to it.
func leakCell(rates map[string]float64, m string) string {
	v, ok := rates[m]
	if !ok {
		return "n/a"
	}
	return fmt.Sprintf("%.3g", v)
}
