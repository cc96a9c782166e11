package hazard

import "slices"

// CreditedMeasures are the temporary measures the next analysis credits
// the hazard's stretch with (riskmodel.Facts.TemporaryMeasures): its
// temporary measures while it is in a state that credits them and the
// latest run found it; none otherwise. A move that changes them changes
// the grades of the hazard's pipe.
func (h Entry) CreditedMeasures() []string {
	if h.Source != "segment" || h.RecheckDue || !State(h.State).CreditsMeasures() {
		return nil
	}
	out := slices.Clone(h.TemporaryMeasures)
	slices.Sort(out)
	return slices.Compact(out)
}
