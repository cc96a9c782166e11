package web

import (
	"embed"
	"io/fs"
	"net/http"

	"github.com/gorilla/mux"
)

//go:embed ui
var uiFS embed.FS

// mountMap serves the risk map page at / and its assets under /ui/, all
// embedded in the binary: the map works with no internet access.
func (s *Server) mountMap(r *mux.Router) {
	sub, _ := fs.Sub(uiFS, "ui")
	files := http.FileServer(http.FS(sub))
	r.PathPrefix("/ui/").Handler(http.StripPrefix("/ui/", cacheAssets(files)))
	r.Handle("/", noCache(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		http.ServeFileFS(w, req, sub, "index.html")
	}))).Methods(http.MethodGet, http.MethodHead)
}

func cacheAssets(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		h.ServeHTTP(w, r)
	})
}

func noCache(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-cache")
		h.ServeHTTP(w, r)
	})
}
