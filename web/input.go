package web

import (
	"net/http"
	"net/url"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/gorilla/mux"

	"gasrisk"
)

// checkText refuses a request whose path, path variables or query
// parameters hold a NUL byte or invalid UTF-8: no handler (nor the
// database, which refuses both) ever sees such text. The error names the
// parameter.
func checkText(r *http.Request) error {
	if bad := badText(r.URL.Path); bad != "" {
		return gasrisk.Errorf(gasrisk.EINVALID, "the path %s", bad)
	}
	vars := mux.Vars(r)
	for _, k := range sortedKeys(vars) {
		if bad := badText(vars[k]); bad != "" {
			return gasrisk.Errorf(gasrisk.EINVALID, "path parameter %q %s", k, bad)
		}
	}
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return gasrisk.Errorf(gasrisk.EINVALID, "malformed query string: %s", quote(err.Error()))
	}
	for _, k := range sortedKeys(q) {
		if bad := badText(k); bad != "" {
			return gasrisk.Errorf(gasrisk.EINVALID, "a query parameter name %s", bad)
		}
		for _, v := range q[k] {
			if bad := badText(v); bad != "" {
				return gasrisk.Errorf(gasrisk.EINVALID, "query parameter %q %s", quote(k), bad)
			}
		}
	}
	return nil
}

// badText says what is wrong with s as text ("" when nothing is).
func badText(s string) string {
	switch {
	case !utf8.ValidString(s):
		return "is not valid UTF-8"
	case strings.IndexByte(s, 0) >= 0:
		return "holds a NUL byte (%00)"
	}
	return ""
}

// quote quotes a value for an error message, cut to 80 characters.
func quote(s string) string {
	n := 0
	for i := range s {
		if n == 80 {
			s = s[:i] + "…"
			break
		}
		n++
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
