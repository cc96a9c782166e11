package web

import (
	"bytes"
	"embed"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/mux"

	"gasrisk"
	"gasrisk/data/ledger"
	"gasrisk/data/printsource"
	"gasrisk/geo"
	"gasrisk/hazard"
	"gasrisk/printmap"
)

//go:embed ledger_ui
var ledgerUI embed.FS

// mountLedger serves the ledger's statistics, exports, the printable map
// and the ledger page; nothing when the server has no ledger.
func (s *Server) mountLedger(r *mux.Router) {
	if s.deps.Ledger == nil {
		return
	}
	s.mountHazards(r)
	r.HandleFunc("/api/v1/ledger/stats", s.ledgerStats).Methods(http.MethodGet)
	r.HandleFunc("/api/v1/ledger/{list:hazards|control-list}.{format:xlsx|csv}",
		withTimeout(s.cfg.Limits.ExportTimeout, "the export", s.ledgerExport)).Methods(http.MethodGet)
	r.HandleFunc("/api/v1/maps/print.png", s.printMap).Methods(http.MethodGet)
	r.HandleFunc("/api/v1/maps/print.pdf", s.printMap).Methods(http.MethodGet)
	sub, _ := fs.Sub(ledgerUI, "ledger_ui")
	r.Handle("/ledger", http.RedirectHandler("/ledger/", http.StatusMovedPermanently)).Methods(http.MethodGet)
	r.PathPrefix("/ledger/").Handler(http.StripPrefix("/ledger/", ledgerNoCache(http.FileServer(http.FS(sub))))).
		Methods(http.MethodGet, http.MethodHead)
}

// ledgerStats answers GET /api/v1/ledger/stats: km and segments by grade
// per district, hazards by kind, state and grade, overdue and listed, and
// the renewal progress of the plan named by ?plan= (else the newest).
func (s *Server) ledgerStats(w http.ResponseWriter, r *http.Request) {
	ren, err := s.renewalProgress(r)
	if err != nil {
		Error(w, r, err)
		return
	}
	st, err := s.deps.Ledger.LedgerStats(r.Context(), time.Time{})
	if err != nil {
		Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, ledgerStatsBody{Stats: st, Renewal: ren})
}

// ledgerExport answers GET /api/v1/ledger/hazards.{xlsx,csv} (the hazard
// ledger, with the hazard filters) and /api/v1/ledger/control-list.{xlsx,csv}
// (the graded control list, by district and grade); lang=en for English.
func (s *Server) ledgerExport(w http.ResponseWriter, r *http.Request) {
	v := mux.Vars(r)
	lang := r.URL.Query().Get("lang")
	if lang != "" && lang != hazard.LangZH && lang != hazard.LangEN {
		Error(w, r, gasrisk.Errorf(gasrisk.EINVALID, "lang=%q: want zh or en", lang))
		return
	}
	f, err := hazardFilter(r, false)
	if err == nil {
		err = f.Validate()
	}
	var cards ledger.CardSource
	if err == nil && v["list"] == "hazards" {
		cards, err = s.ledgerCards(r)
	}
	if err != nil {
		Error(w, r, err)
		return
	}
	export := func(out io.Writer) error {
		if v["list"] == "hazards" {
			_, err := s.deps.Ledger.ExportLedger(r.Context(), out, ledger.ExportOptions{Format: v["format"], Lang: lang, Filter: f, Cards: cards})
			return err
		}
		o := ledger.ControlListOptions{Format: v["format"], Lang: lang, Districts: f.Districts, Grades: f.Grades}
		_, err := s.deps.Ledger.ExportControlList(r.Context(), out, o)
		return err
	}
	name := `attachment; filename="` + v["list"] + "-" + time.Now().Format("20060102") + "." + v["format"] + `"`
	if v["format"] == ledger.FormatCSV { // streamed
		tw := &ledgerWriter{w: w, header: func() {
			w.Header().Set("Content-Type", "text/csv; charset=utf-8")
			w.Header().Set("Content-Disposition", name)
		}}
		if err := export(tw); err != nil && !tw.started {
			Error(w, r, timedOut(w, r, err))
		} else if err != nil {
			ledgerStreamError(r, err)
		}
		return
	}
	var buf bytes.Buffer
	if err := export(&buf); err != nil {
		Error(w, r, timedOut(w, r, err))
		return
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", name)
	w.Write(buf.Bytes())
}

// printMap answers GET /api/v1/maps/print.png and print.pdf: the
// printable risk map of a district (district=) or a box (bbox=W,S,E,N),
// or of the whole network, on size=A4|A3, orientation=landscape|portrait,
// dpi=72–300, lang=zh|en, as an image or a vector PDF.
func (s *Server) printMap(w http.ResponseWriter, r *http.Request) {
	if s.deps.Printer == nil || s.deps.Print == nil {
		Error(w, r, gasrisk.Errorf(gasrisk.EUNAVAILABLE, "the map printer is not configured"))
		return
	}
	q := r.URL.Query()
	area, page, err := printMapParams(q.Get("district"), q.Get("bbox"), q.Get("size"), q.Get("orientation"), q.Get("dpi"))
	if err != nil {
		Error(w, r, err)
		return
	}
	if wpx, hpx := page.Pixels(); wpx*hpx > s.cfg.Limits.Print.MaxPixels {
		Error(w, r, gasrisk.Errorf(gasrisk.EUNPROCESSABLE, "a %s page at %d dpi is %d × %d pixels, over this server's limit of %d pixels: lower dpi",
			page.Size, page.DPI, wpx, hpx, s.cfg.Limits.Print.MaxPixels))
		return
	}
	release, err := s.prints.acquire(r.Context(), w)
	if err != nil {
		Error(w, r, err)
		return
	}
	body, ctype, err := s.drawPrint(r, area, page)
	release()
	if err != nil {
		Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "no-store")
	w.Write(body)
}

// drawPrint reads and draws one printed map, as a PDF for a path ending
// in .pdf and a PNG otherwise, and returns its content type. The page's pixels (70 MB
// for A3 at 300 dpi) are handed back to the operating system after a
// large page, so that a served print does not leave the server's memory
// at its peak (docs/benchmarks.md).
func (s *Server) drawPrint(r *http.Request, area printsource.Area, page printmap.Page) ([]byte, string, error) {
	write, ctype := s.deps.Printer.WritePNG, "image/png"
	if strings.HasSuffix(r.URL.Path, ".pdf") {
		write, ctype = s.deps.Printer.WritePDF, "application/pdf"
	}
	m, err := s.deps.Print.PrintMap(r.Context(), area, page, r.URL.Query().Get("lang"), time.Now())
	if err != nil {
		return nil, ctype, err
	}
	var buf bytes.Buffer
	err = write(&buf, m)
	if wpx, hpx := page.Pixels(); wpx*hpx >= freeAfterPixels {
		debug.FreeOSMemory()
	}
	return buf.Bytes(), ctype, err
}

// freeAfterPixels is the page size from which a print returns its memory
// to the operating system at once (A4 at 200 dpi and up).
const freeAfterPixels = 1654 * 2339

// printMapParams reads the area and page of a printed map.
func printMapParams(district, bbox, size, orientation, dpi string) (printsource.Area, printmap.Page, error) {
	a := printsource.Area{District: strings.TrimSpace(district)}
	p := printmap.Page{Size: size, Landscape: orientation != "portrait"}
	if orientation != "" && orientation != "portrait" && orientation != "landscape" {
		return a, p, gasrisk.Errorf(gasrisk.EINVALID, "orientation=%q: want landscape or portrait", orientation)
	}
	if bbox != "" {
		b, err := geo.ParseBBox(bbox, false)
		if err != nil {
			return a, p, err
		}
		a.BBox = &b
	}
	if dpi != "" {
		n, err := strconv.Atoi(dpi)
		if err != nil {
			return a, p, gasrisk.Errorf(gasrisk.EINVALID, "dpi=%q: want an integer 72–300", dpi)
		}
		p.DPI = n
	}
	p, err := p.Normalize()
	return a, p, err
}

// ledgerStreamError logs an error that happened after a streamed response
// began (its status is already sent).
func ledgerStreamError(r *http.Request, err error) {
	slog.Error("streamed response failed", "method", r.Method, "path", r.URL.Path, "err", err)
}

// ledgerNoCache makes browsers revalidate the ledger page's files.
func ledgerNoCache(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-cache")
		h.ServeHTTP(w, r)
	})
}

// ledgerWriter sets the headers of a streamed answer at its first byte,
// so that an error before it can still be answered as JSON.
type ledgerWriter struct {
	w       http.ResponseWriter
	header  func()
	started bool
}

func (l *ledgerWriter) Write(b []byte) (int, error) {
	if !l.started {
		l.started = true
		l.header()
	}
	return l.w.Write(b)
}
