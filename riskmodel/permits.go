package riskmodel

import (
	"encoding/json"
	"errors"
)

// permits returns the weight per active permit on the excavation threat
// and the most permits that count: Evidence.PermitWeight and
// Evidence.PermitMaxWorks, or the deprecated Likelihood keys when a model
// file or a recorded run gives them.
func (c Config) permits() (float64, int) {
	w, n := c.Evidence.PermitWeight, c.Evidence.PermitMaxWorks
	if p := c.Likelihood.ThirdPartyPerWork; p != nil {
		w = *p
	}
	if p := c.Likelihood.ThirdPartyMaxWorks; p != nil {
		n = *p
	}
	return w, n
}

// permitStep raises the excavation threat of x by the n active permits
// within the control range and returns the detail naming them.
func (c Config) permitStep(x *threatMix, n int) phrase {
	w, most := c.permits()
	k := w * float64(min(n, most))
	x.mult[threatIndex(ThreatExcavation)] += k
	var buf [192]byte
	return newWords(buf[:]).d(n).s(" active permit(s) within the control range: excavation +").f(k, 1).
		zh().s("控制范围内有").d(n).s("项在施第三方施工：第三方施工破坏威胁+").f(k, 1).phrase()
}

// validatePermitKeys checks the deprecated permit keys when given.
func (l Likelihood) validatePermitKeys() error {
	var errs []error
	if p := l.ThirdPartyPerWork; p != nil {
		errs = append(errs, nonNegative("likelihood.third_party_per_work", *p))
	}
	if p := l.ThirdPartyMaxWorks; p != nil && *p < 0 {
		errs = append(errs, errors.New("likelihood.third_party_max_works: must be >= 0"))
	}
	return errors.Join(errs...)
}

// movePermitKeys moves the deprecated likelihood.third_party_per_work and
// likelihood.third_party_max_works of a model file to evidence.permit_weight
// and evidence.permit_max_works; raw is the file, which must not give a
// key under both names.
func (c *Config) movePermitKeys(raw []byte) error {
	l := &c.Likelihood
	if l.ThirdPartyPerWork == nil && l.ThirdPartyMaxWorks == nil {
		return nil
	}
	var given struct {
		Evidence struct {
			PermitWeight   json.RawMessage `json:"permit_weight"`
			PermitMaxWorks json.RawMessage `json:"permit_max_works"`
		} `json:"evidence"`
	}
	_ = json.Unmarshal(raw, &given) // raw decoded as a Config already
	if l.ThirdPartyPerWork != nil && given.Evidence.PermitWeight != nil {
		return errors.New("likelihood.third_party_per_work (deprecated) and evidence.permit_weight both given: keep evidence.permit_weight")
	}
	if l.ThirdPartyMaxWorks != nil && given.Evidence.PermitMaxWorks != nil {
		return errors.New("likelihood.third_party_max_works (deprecated) and evidence.permit_max_works both given: keep evidence.permit_max_works")
	}
	c.Evidence.PermitWeight, c.Evidence.PermitMaxWorks = c.permits()
	l.ThirdPartyPerWork, l.ThirdPartyMaxWorks = nil, nil
	return nil
}
