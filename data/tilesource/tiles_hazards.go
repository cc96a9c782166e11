package tilesource

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// The hazards tile layer draws the ledger, not a run: its features change
// when a run is published, when a hazard moves (each move appends to
// hazard_events) and when a day passes (a planned hazard becomes overdue).
// Its version names all three, and the tile is built for the date it names,
// so a cached tile and its version always agree.

// hazardsVersion is the hazards layer's version: "r<run>-e<last history
// entry>-d<YYYYMMDD>" (the date of now in local time, as the ledger judges
// overdue).
func hazardsVersion(run, event int64, now time.Time) string {
	return "r" + strconv.FormatInt(run, 10) + "-e" + strconv.FormatInt(event, 10) + "-d" + now.Format("20060102")
}

// dayOf returns the date (YYYY-MM-DD) a hazards version names.
func dayOf(version string) (string, error) {
	i := strings.LastIndex(version, "-d")
	if i < 0 {
		return "", fmt.Errorf("tile version %q names no date", version)
	}
	d, err := time.Parse("20060102", version[i+2:])
	if err != nil {
		return "", fmt.Errorf("tile version %q: %w", version, err)
	}
	return d.Format(time.DateOnly), nil
}
