package hazard

import (
	"strconv"
	"strings"
)

// Key is what makes a finding the same hazard from run to run: the ledger
// pairs each run's findings with its hazards by the key's Identity.
// Segment ids take no part: they change every run.
type Key struct {
	Kind      string
	PipeID    string // a pipe's hazard
	Part      int    // the part of a multi-part pipe (stretch hazards)
	StationID string // a station's hazard
	RefLayer  string // the other feature: buildings, sewers, places ("" for none)
	RefID     string
}

// Identity is the key as the ledger stores it (hazards.identity):
//
//	kind|pipe|part|layer:id    a stretch of a pipe near another feature
//	aged|pipe                  an aged pipe, whole
//	kind|station:id|layer:id   a station's finding (layer and id "" when none)
func (k Key) Identity() string {
	switch {
	case k.StationID != "":
		return strings.Join([]string{k.Kind, "station:" + k.StationID, k.RefLayer + ":" + k.RefID}, "|")
	case k.Kind == Aged:
		return Aged + "|" + k.PipeID
	}
	return strings.Join([]string{k.Kind, k.PipeID, strconv.Itoa(k.Part), k.RefLayer + ":" + k.RefID}, "|")
}
