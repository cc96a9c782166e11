package cluster

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestStaleExe(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	for _, p := range []string{a, b} {
		if err := os.WriteFile(p, []byte(p), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	fa, _ := os.Stat(a)
	fb, _ := os.Stat(b)
	for _, tc := range []struct {
		name, target string
		running      os.FileInfo
		want         string // in the reason; "" none
	}{
		{"same file", a, fa, ""},
		{"deleted", a + " (deleted)", fa, "replaced on disk"},
		{"another file", b, fb, "not the installed postgres"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := staleExe(tc.target, tc.running, fa)
			if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
				t.Errorf("staleExe = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestLibraryFailure(t *testing.T) {
	for _, tc := range []struct {
		err     error
		restart bool
	}{
		{nil, false},
		{errors.New(`ERROR: could not load library "/usr/lib/postgresql/15/lib/postgis-3.so": undefined symbol: foo (SQLSTATE XX000)`), true},
		{errors.New(`ERROR: incompatible library "/x.so": version mismatch (SQLSTATE XX000)`), true},
		{errors.New(`ERROR: function postgis_lib_version() does not exist (SQLSTATE 42883)`), false},
		{errors.New(`dial error: connection refused`), false},
	} {
		if got := libraryFailure(tc.err) != ""; got != tc.restart {
			t.Errorf("libraryFailure(%v) restarts = %v, want %v", tc.err, got, tc.restart)
		}
	}
}
