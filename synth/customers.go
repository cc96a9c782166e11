package synth

import "math/rand/v2"

// gasShare is the share of buildings connected to the gas network.
const gasShare = 0.85

// customerRec is the service point of a building: who is supplied and
// through how many meters (表具); meters 0 is a building without gas.
type customerRec struct {
	kind   string
	meters int
}

// customerFor draws the service point of a building: households by the
// floor in residential blocks, a meter or a few for shops and offices, the
// schools, hospitals and nursing homes as critical customers (their loss
// of supply is what an emergency crew must know first).
func customerFor(r *rand.Rand, use string, floors int) customerRec {
	if !chance(r, gasShare) {
		return customerRec{}
	}
	switch use {
	case "residential":
		return customerRec{"residential", floors * between(r, 2, 6)}
	case "school", "hospital", "nursing_home":
		return customerRec{"critical", between(r, 1, 3)}
	case "other":
		if chance(r, 0.3) {
			return customerRec{"industrial", between(r, 1, 2)}
		}
	}
	return customerRec{"commercial", between(r, 1, 4)}
}
