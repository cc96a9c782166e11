package e2e

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"gasrisk/data"
	"gasrisk/data/datatest"
	"gasrisk/synth"
	"gasrisk/tiles"
	"gasrisk/web"
)

var env *datatest.Env

func TestMain(m *testing.M) { os.Exit(datatest.Main(m, &env)) }

// browser finds Chromium; without it the test skips, except in CI.
func browser(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("Chromium is required in CI (apt-get install chromium)")
	}
	t.Skip("no Chromium on this machine (apt-get install chromium)")
	return ""
}

// serveCity generates, imports and analyses a small city and serves it.
func serveCity(t *testing.T) (*data.Store, string) {
	t.Helper()
	s := env.Store(t)
	datatest.LoadCity(t, s, synth.Config{Segments: 1500, Seed: 1})
	srv := httptest.NewServer(web.New(web.Config{}, web.Deps{DB: s, Segments: s, Stats: s,
		Tiles: tiles.New(s, tiles.DefaultConfig())}))
	t.Cleanup(srv.Close)
	return s, srv.URL
}

// redSegment is the middle point of the longest red segment.
func redSegment(t *testing.T, s *data.Store) (id int64, lon, lat float64) {
	t.Helper()
	err := s.Pool.QueryRow(context.Background(), `SELECT segment_id, ST_X(p), ST_Y(p) FROM (
		SELECT segment_id, length_m, ST_Transform(ST_LineInterpolatePoint(geom, 0.5), 4326) p FROM segments
		WHERE run_id = (SELECT run_id FROM current_run) AND grade = 'red' AND GeometryType(geom) = 'LINESTRING') x
		ORDER BY length_m DESC LIMIT 1`).Scan(&id, &lon, &lat)
	if err != nil {
		t.Fatalf("the test city has no red segment: %v", err)
	}
	return id, lon, lat
}

func TestMapShowsRedSegmentAndFactors(t *testing.T) {
	exe := browser(t)
	s, base := serveCity(t)
	id, lon, lat := redSegment(t, s)
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.NoSandbox,
		chromedp.Flag("use-gl", "swiftshader"), chromedp.Flag("enable-unsafe-swiftshader", true),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("lang", "en-US"), chromedp.WindowSize(1200, 800), chromedp.UserDataDir(t.TempDir()))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 90*time.Second)
	defer cancel()

	url := fmt.Sprintf("%s/#18/%f/%f", base, lat, lon)
	var shot []byte
	var pt struct{ X, Y float64 }
	err := chromedp.Do(ctx,
		chromedp.Navigate(url),
		void(chromedp.Poll[bool](`window.gasriskMap && gasriskMap.loaded() && gasriskMap.areTilesLoaded() && !gasriskMap.isMoving()`,
			chromedp.WithPollingTimeout(60*time.Second))),
		chromedp.Sleep(500*time.Millisecond),
		into(&shot, chromedp.CaptureScreenshot()),
		into(&pt, chromedp.Evaluate[struct{ X, Y float64 }](fmt.Sprintf(`gasriskMap.project([%f, %f])`, lon, lat))),
	)
	if err != nil {
		t.Fatalf("map did not load: %v", err)
	}
	shotPath := filepath.Join(os.TempDir(), "gasrisk-e2e-map.png")
	os.WriteFile(shotPath, shot, 0o644)
	if n := redPixels(t, shot, int(pt.X), int(pt.Y), 20); n < 10 {
		t.Fatalf("red segment %d is not drawn red near (%.0f, %.0f): %d red pixels (screenshot in %s)", id, pt.X, pt.Y, n, shotPath)
	}
	var rows int
	var text string
	err = chromedp.Do(ctx,
		chromedp.MouseClickXY(pt.X, pt.Y),
		chromedp.WaitVisible(chromedp.CSS("#factors")),
		into(&rows, chromedp.Evaluate[int](`document.querySelectorAll('#factors tr').length`)),
		into(&text, chromedp.Text(chromedp.CSS("#detail-body"))),
	)
	if err != nil {
		t.Fatalf("clicking the red segment: %v", err)
	}
	if rows == 0 || !strings.Contains(text, "Major") {
		t.Errorf("panel after click: %d factor rows, text %q", rows, text)
	}
}

// into runs a and stores its value in dst.
func into[T any](dst *T, a chromedp.Action[T]) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		v, err := a(ctx, t)
		*dst = v
		return chromedp.Void{}, err
	}
}

// void drops an action's value.
func void[T any](a chromedp.Action[T]) chromedp.Action[chromedp.Void] {
	var discard T
	return into(&discard, a)
}

// redPixels counts pixels of the red grade colour (#d7191c) within r
// pixels of (x, y).
func redPixels(t *testing.T, shot []byte, x, y, r int) int {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	b := img.Bounds().Intersect(image.Rect(x-r, y-r, x+r, y+r))
	for py := b.Min.Y; py < b.Max.Y; py++ {
		for px := b.Min.X; px < b.Max.X; px++ {
			cr, cg, cb, _ := img.At(px, py).RGBA()
			if near(cr>>8, 0xd7) && near(cg>>8, 0x19) && near(cb>>8, 0x1c) {
				n++
			}
		}
	}
	return n
}

func near(v, want uint32) bool { return v+24 >= want && v <= want+24 }
