package web

import (
	"net/http"

	"gasrisk"
	"gasrisk/data/ledger"
)

// emergencyCard answers GET /api/v1/hazards/{id}/emergency-card: the
// emergency card (应急处置卡) of a hazard (by id or code): the valves to
// close, who loses gas and the nearest station, from the isolation trace
// started at the hazard.
func (s *Server) emergencyCard(w http.ResponseWriter, r *http.Request) {
	id, err := s.hazardID(r)
	if err != nil {
		Error(w, r, err)
		return
	}
	cards, err := s.deps.Network.Cards(r.Context(), []int64{id})
	if err != nil {
		Error(w, r, err)
		return
	}
	c, ok := cards[id]
	if !ok {
		Error(w, r, gasrisk.Errorf(gasrisk.ENOTFOUND, "hazard %d is not in the ledger", id))
		return
	}
	writeJSON(w, http.StatusOK, c)
}

// ledgerCards is the card source of a ledger export: the server's
// network, unless cards=false or the server has none.
func (s *Server) ledgerCards(r *http.Request) (ledger.CardSource, error) {
	switch v := r.URL.Query().Get("cards"); v {
	case "", "true":
	case "false":
		return nil, nil
	default:
		return nil, gasrisk.Errorf(gasrisk.EINVALID, "cards=%q: want true or false", v)
	}
	if s.deps.Network == nil {
		return nil, nil
	}
	return s.deps.Network, nil
}
