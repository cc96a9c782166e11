package web

import (
	"context"
	"gasrisk/data/access"
	"net"
	"net/http"
	"slices"
	"strings"

	"github.com/gorilla/mux"

	"gasrisk"
)

// KeySource authenticates API keys (data/access implements it).
type KeySource interface {
	Authenticate(ctx context.Context, secret string) (access.Key, error)
}

// level is what a route needs from its caller.
type level int

const (
	accessOpen   level = iota // health checks, the API description and the pages' static files: anyone
	accessRead                // map, tiles, exports, OGC API: open on loopback or with public reads, else a viewer key
	accessWrite               // any other method: an editor key
	accessPermit              // the permit API: a permit key
	accessSensor              // posting readings: a sensor key
)

// roles lists the roles that may use a route of an access level; admin
// may use every route.
func (a level) roles() []string {
	switch a {
	case accessRead:
		return []string{access.RoleViewer, access.RoleEditor, access.RoleAdmin}
	case accessWrite:
		return []string{access.RoleEditor, access.RoleAdmin}
	case accessPermit:
		return []string{access.RolePermit, access.RoleAdmin}
	case accessSensor:
		return []string{access.RoleSensor, access.RoleAdmin}
	}
	return nil
}

// routeAccess classifies a request: the policy of docs/design.md §6 and issue
// 5 in one place, so that every route — whoever adds it — is covered.
func routeAccess(r *http.Request) level {
	p := r.URL.Path
	switch {
	case p == "/healthz" || p == "/readyz" || p == "/api/v1/openapi.json" || p == "/ogc/api":
		return accessOpen
	case pageAsset(p) && (r.Method == http.MethodGet || r.Method == http.MethodHead):
		return accessOpen
	case p == "/api/v1/permits" || strings.HasPrefix(p, "/api/v1/permits/"):
		return accessPermit
	case p == "/api/v1/readings" && r.Method == http.MethodPost:
		return accessSensor
	case p == "/api/v1/isolation" && r.Method == http.MethodPost:
		return accessRead // a trace: it computes, it changes nothing
	case r.Method != http.MethodGet && r.Method != http.MethodHead && r.Method != http.MethodOptions:
		return accessWrite
	}
	return accessRead
}

type callerKey struct{}

// pageAsset reports whether a path is one of the pages' embedded files
// (the map at / and /ui/, the ledger at /ledger/). They hold no data and
// must load in a browser that has no key yet: the page then asks for one
// and sends it with every data request it makes.
func pageAsset(p string) bool {
	return p == "/" || p == "/ledger" || strings.HasPrefix(p, "/ui/") || strings.HasPrefix(p, "/ledger/")
}

// CallerFrom returns the API key a request was authenticated with; ok is
// false for requests without a key (open reads).
func CallerFrom(ctx context.Context) (access.Key, bool) {
	k, ok := ctx.Value(callerKey{}).(access.Key)
	return k, ok
}

// guard is the router's one middleware: metrics around the checks every
// route shares — text of the path and query (checkText), the body's size
// (limitBody) and access control.
func (s *Server) guard(m *metrics) mux.MiddlewareFunc {
	allow := s.authorize()
	maxBody := s.cfg.Limits.MaxBodyBytes
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			sw, start := m.begin(w)
			defer m.end(r, sw, start)
			if err := checkText(r); err != nil {
				Error(sw, r, err)
				return
			}
			if !limitBody(sw, r, maxBody) {
				return
			}
			if r, ok := allow(sw, r); ok {
				next.ServeHTTP(sw, r)
			}
		})
	}
}

// authorize returns the access check of every routed request: it
// authenticates the request's key (Authorization: Bearer KEY, or
// X-API-Key: KEY), refuses a missing or unknown key (401) or one without a
// role the route needs (403), and hands the key on to handlers
// (CallerFrom). A key sent to an open read must still be valid.
func (s *Server) authorize() func(w http.ResponseWriter, r *http.Request) (*http.Request, bool) {
	readsOpen := s.cfg.PublicReads || loopbackAddr(s.cfg.Addr)
	keys := s.deps.Keys
	return func(w http.ResponseWriter, r *http.Request) (*http.Request, bool) {
		need := routeAccess(r)
		secret, err := bearerKey(r)
		if need == accessOpen || err == nil && secret == "" && need == accessRead && readsOpen {
			return r, true
		}
		k, err := authenticate(r.Context(), keys, secret, err)
		noteKeyName(r.Context(), k.Name)
		if err != nil {
			w.Header().Set("WWW-Authenticate", `Bearer realm="gasrisk"`)
			Error(w, r, err)
			return r, false
		}
		if !slices.Contains(need.roles(), k.Role) && !(need == accessRead && readsOpen) {
			Error(w, r, gasrisk.Errorf(gasrisk.EFORBIDDEN, "API key %q has the %s role; this needs %s", k.Name, k.Role,
				strings.Join(need.roles(), " or ")))
			return r, false
		}
		return r.WithContext(context.WithValue(r.Context(), callerKey{}, k)), true
	}
}

// authenticate checks a request's key.
func authenticate(ctx context.Context, keys KeySource, secret string, parseErr error) (access.Key, error) {
	switch {
	case parseErr != nil:
		return access.Key{}, parseErr
	case secret == "":
		return access.Key{}, gasrisk.Errorf(gasrisk.EUNAUTHORIZED, "an API key is required (Authorization: Bearer KEY)")
	case keys == nil:
		return access.Key{}, gasrisk.Errorf(gasrisk.EUNAUTHORIZED, "this server has no API keys configured")
	}
	return keys.Authenticate(ctx, secret)
}

// bearerKey reads the request's API key: "" when it sends none.
func bearerKey(r *http.Request) (string, error) {
	h := r.Header.Get("Authorization")
	if h == "" {
		return strings.TrimSpace(r.Header.Get("X-API-Key")), nil
	}
	scheme, key, _ := strings.Cut(h, " ")
	if !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(key) == "" {
		return "", gasrisk.Errorf(gasrisk.EUNAUTHORIZED, "unsupported Authorization header: use Authorization: Bearer KEY")
	}
	return strings.TrimSpace(key), nil
}

// loopbackAddr reports whether a listen address is on loopback only. An
// empty address means the server is used in-process (httptest), not
// listening itself.
func loopbackAddr(addr string) bool {
	if addr == "" {
		return true
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}
