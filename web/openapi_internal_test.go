package web

import (
	"encoding/json"
	"gasrisk/data/datatest"
	"gasrisk/riskmodel"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/gorilla/mux"
)

// routedOperations walks the real router of a server with every optional
// part mounted: path template (regular expressions dropped) → methods.
func routedOperations(t *testing.T) map[string][]string {
	t.Helper()
	var st datatest.Services // the handlers are not called: only their routes matter
	s := New(Config{}, Deps{DB: st.DB, Segments: st.Results, Stats: st.Results, Keys: st.Access, Permits: st.Permits, Export: st.Export, OGC: st.OGC,
		Ledger: st.Ledger, Print: st.Print, Plans: st.Plans, Sensors: st.Sensors,
		Records: st.Importer, Network: st.Topology})
	ops := map[string][]string{}
	noRegexp := regexp.MustCompile(`\{([^:}]+):[^}]*\}`)
	err := s.router.Walk(func(r *mux.Route, _ *mux.Router, _ []*mux.Route) error {
		tpl, err := r.GetPathTemplate()
		if err != nil {
			return nil // a prefix route (static files)
		}
		methods, err := r.GetMethods()
		if err != nil {
			t.Errorf("route %s accepts any method", tpl)
		}
		tpl = noRegexp.ReplaceAllString(tpl, "{$1}")
		ops[tpl] = append(ops[tpl], methods...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ops
}

// TestOpenAPIMatchesRouter: every documented operation is routed, and
// every route of the public API (/api, /ogc, health, metrics) is
// documented, with each of its methods (HEAD goes with GET).
func TestOpenAPIMatchesRouter(t *testing.T) {
	var doc struct {
		Paths map[string]map[string]json.RawMessage
	}
	if err := json.Unmarshal(openAPIDoc, &doc); err != nil {
		t.Fatal(err)
	}
	routed := routedOperations(t)
	for path, item := range doc.Paths {
		for method := range item {
			if method == "parameters" || method == "summary" || method == "description" {
				continue
			}
			if !slices.Contains(routed[path], strings.ToUpper(method)) {
				t.Errorf("documented %s %s is not routed (routes: %v)", strings.ToUpper(method), path, routed[path])
			}
		}
	}
	for path, methods := range routed {
		public := strings.HasPrefix(path, "/api/") || strings.HasPrefix(path, "/ogc") ||
			slices.Contains([]string{"/healthz", "/readyz", "/metrics"}, path)
		if !public || path == "/ogc/" { // the landing page's alias, described at /ogc
			continue
		}
		for _, m := range methods {
			if m == "HEAD" && slices.Contains(methods, "GET") {
				continue
			}
			if _, ok := doc.Paths[path][strings.ToLower(m)]; !ok {
				t.Errorf("route %s %s is not documented in openapi.json", m, path)
			}
		}
	}
}

// TestOpenAPIWorkKinds: the permit request's work_kind enum is the
// model's list of work kinds, in its order.
func TestOpenAPIWorkKinds(t *testing.T) {
	var doc struct {
		Components struct {
			Schemas struct {
				PermitRequest struct {
					Properties struct {
						WorkKind struct {
							Enum []string `json:"enum"`
						} `json:"work_kind"`
					} `json:"properties"`
				} `json:"PermitRequest"`
			} `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(openAPIDoc, &doc); err != nil {
		t.Fatal(err)
	}
	if got := doc.Components.Schemas.PermitRequest.Properties.WorkKind.Enum; !slices.Equal(got, riskmodel.WorkKinds()) {
		t.Errorf("openapi.json work_kind enum %v, want riskmodel.WorkKinds() %v", got, riskmodel.WorkKinds())
	}
}
