package web

import (
	"net/http"
	"time"

	"gasrisk"
	"gasrisk/data/ledger"
	"gasrisk/data/plans"
	"gasrisk/renewal"
)

// ledgerStatsBody is GET /api/v1/ledger/stats: the ledger's statistics
// with the renewal programme's progress when a plan is stored.
type ledgerStatsBody struct {
	ledger.Stats
	Renewal *renewalSection `json:"renewal,omitempty"`
}

// renewalSection is the renewal progress of the ledger page: the stored
// plans (newest first) and, for the chosen or newest one, km and jobs by
// state, overdue, by year and by district (plans.Report without its jobs).
type renewalSection struct {
	Plans     []string                `json:"plans"`
	Plan      string                  `json:"plan"`
	AsOf      string                  `json:"as_of"`
	All       plans.Tally             `json:"all"`
	Years     map[int]*plans.Tally    `json:"years"`
	Districts map[string]*plans.Tally `json:"districts"`
}

// renewalProgress is the section for r's plan parameter (a stored plan's
// name; empty: the newest plan). It is nil when the server keeps no plans
// or none is stored and none is asked for; an unknown plan is ENOTFOUND.
func (s *Server) renewalProgress(r *http.Request) (*renewalSection, error) {
	name := r.URL.Query().Get("plan")
	if s.deps.Plans == nil {
		if name != "" {
			return nil, gasrisk.Errorf(gasrisk.ENOTFOUND, "plan=%q: this server keeps no renewal plans", name)
		}
		return nil, nil
	}
	if r.URL.Query().Has("plan") {
		if err := renewal.ValidName(name); err != nil {
			return nil, gasrisk.Errorf(gasrisk.EINVALID, "plan: %q must be 1–64 letters, digits, '_', '.' or '-', starting with a letter or digit", name)
		}
	}
	list, err := s.deps.Plans.List(r.Context())
	if err != nil || (len(list) == 0 && name == "") {
		return nil, err
	}
	sec := &renewalSection{Plans: make([]string, len(list)), Plan: name}
	for i, p := range list {
		sec.Plans[i] = p.Name
	}
	if sec.Plan == "" {
		sec.Plan = list[0].Name
	}
	rep, err := s.deps.Plans.Progress(r.Context(), sec.Plan, time.Now())
	if err != nil {
		return nil, err
	}
	sec.AsOf, sec.All, sec.Years, sec.Districts = rep.AsOf, rep.All, rep.Years, rep.Districts
	return sec, nil
}
