package hazard

import (
	"fmt"
	"strings"
)

// Card is a hazard's emergency card (应急处置卡): what a crew closes and
// who loses gas when the pipe at the hazard is isolated, from the
// isolation trace started at the hazard (network.Graph.Isolate).
type Card struct {
	HazardID int64  `json:"hazard_id"`
	Code     string `json:"code,omitempty"`
	// PipeID is the pipe the trace started on; empty when it could not
	// start (NoTrace says why).
	PipeID string `json:"pipe_id"`
	// NoTrace is why there is no trace: NoTracePipe (no in-service pipe
	// at the hazard) or NoTraceOut (its pipe is out of service).
	NoTrace string `json:"no_trace,omitempty"`
	// Valves are the operable valves to close; Passed the inoperable ones
	// the trace went past.
	Valves    []CardValve `json:"valves"`
	Passed    []CardValve `json:"inoperable_valves_passed"`
	IsolatedM float64     `json:"isolated_m"`
	OutageM   float64     `json:"outage_m"`
	Customers int         `json:"customers"`
	Meters    int         `json:"meters"`
	// Critical are the critical customers (hospitals, schools …) that lose
	// gas, named by their building's use.
	Critical []CardCustomer `json:"critical_customers"`
	// Stations feed the isolated stretch directly (shut their outlets
	// too); Sources are the sources still feeding each side.
	Stations []CardStation `json:"stations"`
	Sources  []CardStation `json:"sources_remaining"`
	// Nearest is the station nearest to the hazard (nil: no station).
	Nearest *CardStation `json:"nearest_station"`
	Unfed   bool         `json:"unfed"`
}

// Reasons a card has no trace.
const (
	NoTracePipe = "no_pipe"             // no in-service pipe at the hazard
	NoTraceOut  = "pipe_not_in_service" // the hazard's pipe is not in service
)

// CardValve is a valve of a card with its position.
type CardValve struct {
	ID    string  `json:"id"`
	Kind  string  `json:"kind"`
	Class string  `json:"pressure_class,omitempty"`
	Lon   float64 `json:"lon"`
	Lat   float64 `json:"lat"`
}

// CardCustomer is a customer that loses gas.
type CardCustomer struct {
	ID       string `json:"id"`
	Meters   int    `json:"meters"`
	Building string `json:"building_id,omitempty"`
	Use      string `json:"building_use,omitempty"`
}

// CardStation is a station of a card; DistanceM is set for the nearest.
type CardStation struct {
	ID        string  `json:"id"`
	Kind      string  `json:"kind"`
	Name      string  `json:"name,omitempty"`
	DistanceM float64 `json:"distance_m,omitempty"`
}

func valveKindNames() map[string]Text {
	return map[string]Text{
		"gate": {"闸阀", "gate valve"}, "ball": {"球阀", "ball valve"}, "plug": {"旋塞阀", "plug valve"},
		"regulator_inlet": {"调压器进口阀", "regulator inlet valve"},
	}
}

// ValveKindName is a valve kind's name in lang.
func ValveKindName(kind, lang string) string { return translate(valveKindNames(), kind, lang) }

// StationKindName is a station kind's name in lang.
func StationKindName(kind, lang string) string { return translate(stationKindNames(), kind, lang) }

// NoTraceText says in lang why a card has no trace.
func NoTraceText(reason, lang string) string {
	return translate(map[string]Text{
		NoTracePipe: {"隐患处无在役燃气管道，无法追踪关阀范围", "no in-service gas pipe at the hazard: no isolation traced"},
		NoTraceOut:  {"隐患所在管道不在役，无法追踪关阀范围", "the hazard's pipe is not in service: no isolation traced"},
	}, reason, lang)
}

// ValvesText lists valves one a line: id, kind, class and position.
func ValvesText(vs []CardValve, lang string) string {
	lines := make([]string, len(vs))
	for i, v := range vs {
		class := ""
		if v.Class != "" {
			class = " " + v.Class
		}
		lines[i] = fmt.Sprintf("%s %s%s (%.6f, %.6f)", v.ID, ValveKindName(v.Kind, lang), class, v.Lon, v.Lat)
	}
	return strings.Join(lines, "\n")
}

// CriticalText names the critical customers one a line: id, the use of
// their building, the building and the meters.
func CriticalText(cs []CardCustomer, lang string) string {
	lines := make([]string, len(cs))
	for i, c := range cs {
		use := Text{"重要用户", "critical customer"}.In(lang)
		if c.Use != "" {
			use = translate(useNames(), c.Use, lang)
		}
		b := ""
		if c.Building != "" {
			b = " " + c.Building
		}
		lines[i] = fmt.Sprintf("%s %s%s%s", c.ID, use, b, fmt.Sprintf(Text{"，%d 块表", ", %d meter(s)"}.In(lang), c.Meters))
	}
	return strings.Join(lines, "\n")
}

// StationText names a station: id, kind, name and, for the nearest, its
// distance in metres.
func StationText(t CardStation, lang string) string {
	s := t.ID + " " + StationKindName(t.Kind, lang)
	if t.Name != "" {
		s += " " + t.Name
	}
	if t.DistanceM > 0 {
		s += fmt.Sprintf(Text{"（%.0f 米）", " (%.0f m)"}.In(lang), t.DistanceM)
	}
	return s
}

// StationsText names stations one a line.
func StationsText(ts []CardStation, lang string) string {
	lines := make([]string, len(ts))
	for i, t := range ts {
		lines[i] = StationText(t, lang)
	}
	return strings.Join(lines, "\n")
}
