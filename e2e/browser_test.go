package e2e

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// chromium finds the browser; without it the test skips, except in CI
// (CI set), where the browser test must run.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("the browser test needs Chromium in CI: apt-get install chromium")
	}
	t.Skip("skipping the browser test: no Chromium on this machine (apt-get install chromium)")
	return ""
}

// page is a headless Chromium tab that records what went wrong in it: script
// errors, console errors and requests that left the server's origin.
type page struct {
	ctx    context.Context
	origin string
	mu     sync.Mutex
	errs   []string
}

// openPage starts Chromium with a fresh profile in language lang (an
// Accept-Language such as zh-CN); it ends with the test.
func openPage(t *testing.T, origin, lang string) *page {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)),
		chromedp.NoSandbox, // root in CI
		chromedp.DisableGPU,
		chromedp.Flag("enable-unsafe-swiftshader", true), // WebGL in software
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("accept-lang", lang),
		chromedp.WindowSize(1280, 860),
		chromedp.UserDataDir(t.TempDir()))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	p := &page{origin: origin}
	ctx, cancel := chromedp.NewContext(actx, chromedp.WithListener(p.record))
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil { // start the browser before any timeout
		t.Fatalf("starting Chromium: %v", err)
	}
	p.ctx = ctx
	return p
}

// record notes script exceptions, console and browser-log errors, and
// requests to anything but the server: the map must work offline.
func (p *page) record(ev any) {
	var msg string
	switch e := ev.(type) {
	case *runtime.EventExceptionThrown:
		msg = "exception: " + e.ExceptionDetails.Text
		if e.ExceptionDetails.Exception != nil {
			msg += " " + e.ExceptionDetails.Exception.Description
		}
	case *runtime.EventConsoleAPICalled:
		if e.Type == runtime.ConsoleAPICalledTypeError {
			var args []string
			for _, a := range e.Args {
				args = append(args, string(a.Value)+a.Description)
			}
			msg = "console.error: " + strings.Join(args, " ")
		}
	case *log.EventEntryAdded:
		if e.Entry.Level == log.EntryLevelError {
			msg = fmt.Sprintf("browser log: %s %s", e.Entry.Text, e.Entry.URL)
		}
	case *network.EventRequestWillBeSent:
		u := e.Request.URL
		if !strings.HasPrefix(u, p.origin+"/") && !strings.HasPrefix(u, "data:") && !strings.HasPrefix(u, "blob:") {
			msg = "request outside the server: " + u
		}
	}
	if msg != "" {
		p.mu.Lock()
		p.errs = append(p.errs, msg)
		p.mu.Unlock()
	}
}

// errors returns what went wrong in the page so far.
func (p *page) errors() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.errs...)
}

// do runs the steps with a time limit.
func (p *page) do(t *testing.T, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 90*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v (page errors: %q)", what, err, p.errors())
	}
}

// eval evaluates a JavaScript expression (awaiting a promise) into T.
func eval[T any](t *testing.T, p *page, expr string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 90*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluating %s: %v (page errors: %q)", expr, err, p.errors())
	}
	return v
}

// settle runs a JavaScript statement that changes the map and waits until
// the map has drawn every tile of the result.
func settle(t *testing.T, p *page, stmt string) {
	t.Helper()
	eval[bool](t, p, `(async () => {
		const idle = new Promise((resolve) => gasriskMap.once("idle", resolve));
		`+stmt+`;
		gasriskMap.triggerRepaint();
		await idle;
		return true;
	})()`)
}

// waitMap waits for the page's map to load and draw its tiles.
func waitMap() chromedp.Action[chromedp.Void] {
	return void(chromedp.Poll[bool](`!!(window.gasriskMap && gasriskMap.loaded() && gasriskMap.areTilesLoaded() && !gasriskMap.isMoving())`,
		chromedp.WithPollingTimeout(60*time.Second)))
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
