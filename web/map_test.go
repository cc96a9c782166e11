package web_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gasrisk/hazard"
	"gasrisk/web"
)

func TestMapPageAndAssets(t *testing.T) {
	srv := httptest.NewServer(web.New(web.Config{}, web.Deps{}))
	t.Cleanup(srv.Close)

	resp, page := fetch(t, srv.URL+"/")
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") ||
		!bytes.Contains(page, []byte(`<script type="module" src="/ui/app.js">`)) {
		t.Fatalf("GET /: %d %s\n%s", resp.StatusCode, resp.Header.Get("Content-Type"), page)
	}
	etag := resp.Header.Get("ETag")
	if resp.Header.Get("Cache-Control") != "no-cache" || etag == "" {
		t.Errorf("GET /: Cache-Control %q, ETag %q", resp.Header.Get("Cache-Control"), etag)
	}
	if resp, _ := fetch(t, srv.URL+"/", "If-None-Match", etag); resp.StatusCode != http.StatusNotModified {
		t.Errorf("GET / with its ETag: %d, want 304", resp.StatusCode)
	}

	for _, p := range []string{"/ui/app.js", "/ui/style.js", "/ui/panel.js", "/ui/i18n.js", "/ui/suggestions.js", "/ui/plan.js", "/ui/scenario.js", "/ui/isolate.js", "/ui/topology.js", "/ui/vendor/maplibre-gl.mjs", "/ui/vendor/maplibre-gl-worker.mjs"} {
		resp, plain := fetch(t, srv.URL+p)
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/javascript") || len(plain) == 0 {
			t.Errorf("GET %s: %d %q, %d bytes", p, resp.StatusCode, resp.Header.Get("Content-Type"), len(plain))
			continue
		}
		resp, zipped := fetch(t, srv.URL+p, "Accept-Encoding", "gzip")
		if resp.Header.Get("Content-Encoding") != "gzip" || resp.Header.Get("ETag") == etag {
			t.Errorf("GET %s accepting gzip: Content-Encoding %q", p, resp.Header.Get("Content-Encoding"))
			continue
		}
		zr, err := gzip.NewReader(bytes.NewReader(zipped))
		if err != nil {
			t.Fatal(err)
		}
		if unzipped, _ := io.ReadAll(zr); !bytes.Equal(unzipped, plain) {
			t.Errorf("GET %s: the gzipped body differs from the plain one", p)
		}
	}
	if resp, _ := fetch(t, srv.URL+"/ui/vendor/maplibre-gl.css"); !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/css") {
		t.Errorf("CSS served as %q", resp.Header.Get("Content-Type"))
	}
	resp, body := fetch(t, srv.URL+"/ui/nothing.js")
	if resp.StatusCode != 404 || !json.Valid(body) {
		t.Errorf("GET /ui/nothing.js: %d %s", resp.StatusCode, body)
	}
}

// TestVendoredMapLibreIsThePinnedVersion: the embedded MapLibre GL JS is
// the version package.json pins (see ui/vendor/README.md to update it).
func TestVendoredMapLibreIsThePinnedVersion(t *testing.T) {
	var pkg struct {
		DevDependencies map[string]string `json:"devDependencies"`
	}
	b, err := os.ReadFile("../package.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &pkg); err != nil {
		t.Fatal(err)
	}
	version := pkg.DevDependencies["maplibre-gl"]
	for _, f := range []string{"maplibre-gl.mjs", "maplibre-gl-worker.mjs"} {
		head := make([]byte, 300)
		fh, err := os.Open(filepath.Join("ui/vendor", f))
		if err != nil {
			t.Fatal(err)
		}
		n, _ := io.ReadFull(fh, head)
		fh.Close()
		if !bytes.Contains(head[:n], []byte("/v"+version+"/LICENSE.txt")) {
			t.Errorf("ui/vendor/%s is not MapLibre GL JS %s (package.json): %q", f, version, head[:n])
		}
	}
}

// TestMapSourcesStayOffline: the page's own files fetch nothing from the
// internet (the vendored MapLibre is checked by the browser test).
func TestMapSourcesStayOffline(t *testing.T) {
	for _, f := range uiSources(t) {
		b, _ := os.ReadFile(f)
		b = bytes.ReplaceAll(b, []byte(`xmlns="http://www.w3.org/2000/svg"`), nil) // a name, not a fetch
		if m := regexp.MustCompile(`(?i)(https?:)?//[a-z0-9.-]+\.[a-z]{2,}/`).Find(b); m != nil {
			t.Errorf("%s refers to %s: the map must work without the internet", f, m)
		}
	}
}

// TestEveryStringInBothLanguages: every key the page uses by name has a
// Chinese and an English string, and both languages have the same keys.
func TestEveryStringInBothLanguages(t *testing.T) {
	src, err := os.ReadFile("ui/i18n.js")
	if err != nil {
		t.Fatal(err)
	}
	zh, en, ok := strings.Cut(string(src[bytes.Index(src, []byte("zh: {")):]), "\n  en: {")
	if !ok {
		t.Fatal("ui/i18n.js: no zh and en blocks")
	}
	en, _, _ = strings.Cut(en, "\n  }")
	keyRe := regexp.MustCompile(`(?:^|[{,\s])"?([A-Za-z_][\w.]*)"?: "`)
	keys := func(block string) map[string]bool {
		m := map[string]bool{}
		for _, k := range keyRe.FindAllStringSubmatch(block, -1) {
			m[k[1]] = true
		}
		return m
	}
	zhKeys, enKeys := keys(zh), keys(en)
	for k := range zhKeys {
		if !enKeys[k] {
			t.Errorf("%q has no English string", k)
		}
	}
	for k := range enKeys {
		if !zhKeys[k] {
			t.Errorf("%q has no Chinese string", k)
		}
	}
	used := regexp.MustCompile(`\bt\("([\w.]+)"\)|data-i18n="([\w.]+)"|key: "([\w.]+)"|"(zoomHint\w+)"`)
	for _, f := range uiSources(t) {
		b, _ := os.ReadFile(f)
		for _, m := range used.FindAllStringSubmatch(string(b), -1) {
			k := m[1] + m[2] + m[3] + m[4]
			if !zhKeys[k] || !enKeys[k] {
				t.Errorf("%s uses %q, which is not in both languages", f, k)
			}
		}
	}
	for _, k := range []string{"red", "orange", "yellow", "blue", "occupied", "clearance_violation", "sewer_crossing",
		"aged", "third_party", "likelihood", "consequence", "policy"} {
		if !zhKeys[k] || !enKeys[k] {
			t.Errorf("%q (a grade, finding or factor side) is not in both languages", k)
		}
	}
	// Every finding kind (hazard kinds, and the third-party works that are
	// not one) is named in Chinese — with Chinese characters — and English.
	zhText := map[string]string{}
	for _, m := range regexp.MustCompile(`(?:^|[{,\s])"?([A-Za-z_][\w.]*)"?: "([^"]*)"`).FindAllStringSubmatch(zh, -1) {
		zhText[m[1]] = m[2]
	}
	for _, k := range append(hazard.Kinds(), hazard.ThirdParty) {
		if !enKeys[k] || !regexp.MustCompile(`\p{Han}`).MatchString(zhText[k]) {
			t.Errorf("finding %q: Chinese %q, English %v", k, zhText[k], enKeys[k])
		}
		if n := hazard.FindingName(k, hazard.LangZH); !regexp.MustCompile(`\p{Han}`).MatchString(n) || hazard.FindingName(k, hazard.LangEN) == k {
			t.Errorf("finding %q: hazard names %q / %q", k, n, hazard.FindingName(k, hazard.LangEN))
		}
	}
}

// uiSources are the page's own files (not the vendored library).
func uiSources(t *testing.T) []string {
	t.Helper()
	fs, err := filepath.Glob("ui/*.*")
	if err != nil || len(fs) < 5 {
		t.Fatalf("ui sources: %v %v", fs, err)
	}
	return fs
}
