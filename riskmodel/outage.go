package riskmodel

import (
	"errors"
	"fmt"
	"math"
)

// Outage weighs the consequence of the outage a failure of the segment
// brings: the crew isolates the segment at its operable valves (应急关阀),
// and the customers on the isolated area and on all that only it feeds
// lose gas (docs/risk-model.md, "Outage consequence"). The weights are
// the project's judgement (docs/calibration.md has none for it): no
// standard prices an outage in receptor equivalents. With both weights 0
// the factor is off.
type Outage struct {
	// PerDecade weighs the customers cut off, n, as PerDecade × log10(1 +
	// n) receptor equivalents: a main feeding 1,000 customers weighs three
	// times a service feeding 9, not a hundred times; an outage is a loss
	// of service, not of lives, and must not outweigh the buildings in the
	// impact radius.
	PerDecade float64 `json:"per_decade"`
	// Critical weighs each critical customer cut off (customers of kind
	// critical: hospitals, schools, nursing homes …), up to MaxCritical of
	// them.
	Critical    float64 `json:"critical"`
	MaxCritical int     `json:"max_critical"`
}

func defaultOutage() Outage { return Outage{PerDecade: 1, Critical: 1, MaxCritical: 5} }

// Off reports whether the outage factor weighs nothing.
func (o Outage) Off() bool { return o.PerDecade == 0 && (o.Critical == 0 || o.MaxCritical == 0) }

func (o Outage) validate() error {
	errs := []error{nonNegative("consequence.outage.per_decade", o.PerDecade),
		nonNegative("consequence.outage.critical", o.Critical)}
	if o.MaxCritical < 0 {
		errs = append(errs, fmt.Errorf("consequence.outage.max_critical = %d: must be >= 0", o.MaxCritical))
	}
	return errors.Join(errs...)
}

// factor is the outage component: its amount, and the detail when the
// amount is positive.
func (o Outage) factor(f Facts) (float64, phrase) {
	n := max(f.OutageCustomers, 0)
	crit := min(max(f.OutageCritical, 0), n)
	v := o.PerDecade*math.Log10(1+float64(n)) + o.Critical*float64(min(crit, o.MaxCritical))
	if !(v > 0) {
		return 0, phrase{}
	}
	var buf [160]byte
	w := newWords(buf[:])
	return v, w.s("isolating the segment cuts off ").d(n).s(" customer(s), ").d(crit).s(" critical").
		zh().s("关阀隔离本管段将停气用户").d(n).s("户，其中重要用户").d(crit).s("户").phrase()
}
