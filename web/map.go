package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"path"
	"sync"
	"time"

	"github.com/gorilla/mux"

	"gasrisk"
)

// ui is the risk map: index.html, app.js, i18n.js, app.css and the
// vendored MapLibre GL JS (ui/vendor, see its README).
//
//go:embed ui
var ui embed.FS

// mountMap serves the risk map page at / and its assets under /ui/, all
// embedded in the binary, so the map works with no internet access. Assets
// carry a strong ETag and are revalidated on every load (a new binary shows
// its own page at once); text is gzipped when the client accepts it.
func (s *Server) mountMap(r *mux.Router) {
	sub, _ := fs.Sub(ui, "ui")
	assets := map[string]*asset{}
	fs.WalkDir(sub, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			body, _ := fs.ReadFile(sub, p)
			assets[p] = newAsset(p, body)
		}
		return err
	})
	r.Handle("/", assets["index.html"]).Methods(http.MethodGet, http.MethodHead)
	r.PathPrefix("/ui/").Methods(http.MethodGet, http.MethodHead).HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a, ok := assets[r.URL.Path[len("/ui/"):]]
		if !ok {
			Error(w, r, gasrisk.Errorf(gasrisk.ENOTFOUND, "no such file: %s", r.URL.Path))
			return
		}
		a.ServeHTTP(w, r)
	})
}

// asset is one embedded file with its ETag and, made on first demand, its
// gzipped form.
type asset struct {
	name string
	body []byte
	etag string
	gz   func() ([]byte, string) // gzipped body and its ETag
}

func newAsset(name string, body []byte) *asset {
	sum := sha256.Sum256(body)
	etag := hex.EncodeToString(sum[:12])
	return &asset{name: path.Base(name), body: body, etag: `"` + etag + `"`,
		gz: sync.OnceValues(func() ([]byte, string) {
			var b bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
			zw.Write(body)
			zw.Close()
			return b.Bytes(), `"` + etag + `-gz"`
		})}
}

// ServeHTTP answers the file (304 when If-None-Match names its ETag).
func (a *asset) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Cache-Control", "no-cache")
	h.Set("Vary", "Accept-Encoding")
	body, etag := a.body, a.etag
	if acceptsGzip(r.Header.Get("Accept-Encoding")) {
		body, etag = a.gz()
		h.Set("Content-Encoding", "gzip")
	}
	h.Set("ETag", etag)
	http.ServeContent(w, r, a.name, time.Time{}, bytes.NewReader(body))
}
