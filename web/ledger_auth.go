package web

import (
	"net/http"

	"gasrisk"
)

// ledgerEditor guards a write to the ledger. The router's authorize
// middleware (auth.go) has already refused a write without an editor or
// admin key; the key it handed on names the actor in the hazard's history.
func (s *Server) ledgerEditor(h func(w http.ResponseWriter, r *http.Request, actor string)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		k, ok := CallerFrom(r.Context())
		if !ok {
			w.Header().Set("WWW-Authenticate", `Bearer realm="gasrisk"`)
			Error(w, r, gasrisk.Errorf(gasrisk.EUNAUTHORIZED, "an API key with the editor role is required (Authorization: Bearer KEY)"))
			return
		}
		h(w, r, k.Actor())
	})
}
