package web

import (
	"github.com/gorilla/mux"
)

// Route is one route the server answers: its path template (gorilla/mux
// syntax, {name} or {name:pattern} for variables) and methods.
type Route struct {
	Path    string
	Methods []string
}

// Routes lists the server's routes, in the order they were added: the
// table tests and tools enumerate (the bad-input corpus covers every
// route this returns).
func (s *Server) Routes() []Route {
	var rs []Route
	s.router.Walk(func(r *mux.Route, _ *mux.Router, _ []*mux.Route) error {
		t, err := r.GetPathTemplate()
		if err != nil {
			return nil
		}
		m, _ := r.GetMethods()
		rs = append(rs, Route{Path: t, Methods: m})
		return nil
	})
	return rs
}
