package riskmodel

import "strconv"

// DecadeUnknown is the install-decade key for an unknown install year.
const DecadeUnknown = "unknown"

// firstDecade and lastDecade bound the decade bands of the base-rate table;
// they follow the PHMSA annual report (MMILES_BY_DCD_PRE1940 …
// MMILES_BY_DCD_2020_TO_2029).
const (
	firstDecade = 1940
	lastDecade  = 2020
)

// DecadeKeys returns the install-decade keys of the base-rate table in
// chronological order, unknown last: "pre1940", "1940s", …, "2020s",
// "unknown". The slice is new on every call.
func DecadeKeys() []string {
	keys := []string{"pre1940"}
	for d := firstDecade; d <= lastDecade; d += 10 {
		keys = append(keys, strconv.Itoa(d)+"s")
	}
	return append(keys, DecadeUnknown)
}

// Decade returns the base-rate table key for an install year: "pre1940" for
// years before 1940, "1960s" for 1960–1969, "2020s" for 2020 and later (the
// newest band), and "unknown" for year <= 0.
func Decade(year int) string {
	switch {
	case year <= 0:
		return DecadeUnknown
	case year < firstDecade:
		return "pre1940"
	case year >= lastDecade:
		return decades[len(decades)-1]
	}
	return decades[(year-firstDecade)/10]
}

// decades are the keys from firstDecade to lastDecade, written once: every
// assessment looks one up.
var decades = func() []string {
	var keys []string
	for d := firstDecade; d <= lastDecade; d += 10 {
		keys = append(keys, strconv.Itoa(d)+"s")
	}
	return keys
}()
