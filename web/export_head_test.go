package web_test

import (
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"gasrisk/web"
)

// TestExportHead: HEAD answers the headers GET sends with the length of
// the file and no body; other methods get 405 with Allow; GDAL's
// /vsicurl/ reads an export.
func TestExportHead(t *testing.T) {
	s := permitCity(t)
	srv := serve(t, s, web.Config{})
	for _, path := range []string{"/api/v1/export/segments.geojson", "/api/v1/export/stations.csv?lang=zh",
		"/api/v1/export/hazards.geojson?grade=red"} {
		t.Run(path, func(t *testing.T) {
			code, get, body := request(t, "GET", srv.URL+path, "", nil)
			if code != 200 {
				t.Fatalf("GET %d", code)
			}
			resp, err := http.Head(srv.URL + path)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != 200 || resp.ContentLength != int64(len(body)) ||
				resp.Header.Get("Content-Type") != get.Get("Content-Type") ||
				resp.Header.Get("Content-Disposition") != get.Get("Content-Disposition") {
				t.Errorf("HEAD %d, length %d (GET sent %d), headers %v", resp.StatusCode, resp.ContentLength, len(body), resp.Header)
			}
		})
	}
	resp, err := http.Head(srv.URL + "/api/v1/export/segments.geojson?grade=pink")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 400 {
		t.Errorf("HEAD with a bad grade: %d", resp.StatusCode)
	}
	code, h, body := request(t, "POST", srv.URL+"/api/v1/export/segments.geojson", "", "{}")
	if code != 405 || h.Get("Allow") != "GET, HEAD" || !strings.Contains(string(body), "GET, HEAD") {
		t.Errorf("POST: %d, Allow %q, %s", code, h.Get("Allow"), body)
	}
	t.Run("GDAL /vsicurl/", func(t *testing.T) {
		if _, err := exec.LookPath("ogrinfo"); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatal("ogrinfo (gdal-bin) is missing in CI")
			}
			t.Skip("ogrinfo (gdal-bin) not installed")
		}
		var n int
		s.DB.Pool.QueryRow(t.Context(), `SELECT count(*) FROM segments WHERE run_id = (SELECT run_id FROM current_run)`).Scan(&n)
		out, err := exec.Command("ogrinfo", "-ro", "-so", "-al", "/vsicurl/"+srv.URL+"/api/v1/export/segments.geojson").CombinedOutput()
		m := regexp.MustCompile(`Feature Count: (\d+)`).FindSubmatch(out)
		if err != nil || m == nil || string(m[1]) != strconv.Itoa(n) {
			t.Errorf("ogrinfo /vsicurl/: %v, want %d features\n%s", err, n, out)
		}
	})
}
