package main

import (
	"fmt"
	"time"

	"github.com/schollz/progressbar/v3"
)

// progress shows long work: a bar on a terminal, a line every few seconds
// otherwise (logs, CI).
type progress struct {
	a     *app
	bar   *progressbar.ProgressBar
	desc  string
	start time.Time
	last  time.Time
	total int64
}

// newProgress starts a display; total < 0 means unknown.
func newProgress(a *app, desc string, total int64) *progress {
	p := &progress{a: a, desc: desc, total: total, start: time.Now(), last: time.Now()}
	if interactive(a) {
		p.bar = progressbar.NewOptions64(total, progressbar.OptionSetWriter(a.stderr),
			progressbar.OptionSetDescription(desc), progressbar.OptionShowCount(), progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("features"), progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(), progressbar.OptionSetWidth(30))
	}
	return p
}

// set reports that n items are done.
func (p *progress) set(n int) {
	if p.bar != nil {
		p.bar.Set(n)
		return
	}
	if time.Since(p.last) > 5*time.Second {
		p.last = time.Now()
		if p.total > 0 {
			fmt.Fprintf(p.a.stderr, "%s: %d/%d\n", p.desc, n, p.total)
		} else {
			fmt.Fprintf(p.a.stderr, "%s: %d\n", p.desc, n)
		}
	}
}

// describe changes the label (a new phase of the work).
func (p *progress) describe(desc string) {
	p.desc = desc
	if p.bar != nil {
		p.bar.Describe(desc)
		return
	}
	fmt.Fprintf(p.a.stderr, "%s (at %s)\n", desc, time.Since(p.start).Round(10*time.Millisecond))
}

// done removes the bar.
func (p *progress) done() {
	if p.bar != nil {
		p.bar.Finish()
	}
}
