package web

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/gorilla/mux"

	"gasrisk"
	"gasrisk/tiles"
)

// mountTiles adds the tile endpoints when the server has a tile service:
//
//	GET /tiles/{layer}/{z}/{x}/{y}.mvt      Mapbox Vector Tile (also .pbf)
//	GET /tiles/{layer}/{z}/{x}/{y}.png      256 px raster tile (@2x.png: 512 px)
//	GET /tiles/{layer}.json                 TileJSON 3.0 (?format=png for the raster tiles)
//
// ?scenario=NAME on a segments tile draws that what-if run's grades.
func (s *Server) mountTiles(r *mux.Router) {
	if s.deps.Tiles == nil {
		return
	}
	r.HandleFunc("/tiles/{layer}.json", s.tileJSON).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/tiles/{layer}/{z}/{x}/{file}", s.tile(cacheControl(s.deps.Tiles.Config()))).
		Methods(http.MethodGet, http.MethodHead)
}

// tile answers one tile request from the tile service, with a strong ETag
// (If-None-Match → 304), Cache-Control cc and, when the client accepts it,
// the gzipped vector tile.
func (s *Server) tile(cc string) http.HandlerFunc {
	ccValue := []string{cc}
	vary := []string{"Accept-Encoding"}
	gzipValue := []string{"gzip"}
	return func(w http.ResponseWriter, r *http.Request) {
		s.serveTile(w, r, ccValue, vary, gzipValue)
	}
}

// serveTile is the body of the tile handler; the header values that never
// change are shared (net/http only reads them).
func (s *Server) serveTile(w http.ResponseWriter, r *http.Request, cc, vary, gz []string) {
	v := mux.Vars(r)
	req, err := tiles.ParseRequest(v["layer"], v["z"], v["x"], v["file"])
	var scenario string
	if err == nil {
		scenario, err = scenarioParam(r)
	}
	if err != nil {
		Error(w, r, err)
		return
	}
	t, err := s.deps.Tiles.GetScenario(r.Context(), req, scenario)
	if err != nil {
		if r.Context().Err() != nil {
			return // the client has gone
		}
		Error(w, r, err)
		return
	}
	body, etag := t.Data, t.ETag
	h := w.Header()
	h["Vary"] = vary
	gzipped := t.Gzip != nil && acceptsGzip(r.Header.Get("Accept-Encoding"))
	if gzipped {
		body, etag = t.Gzip, t.ETagGzip
	}
	h["Content-Type"] = []string{t.ContentType}
	h["Etag"] = []string{etag}
	h["Cache-Control"] = cc
	if inm := r.Header.Get("If-None-Match"); inm != "" && etagMatch(inm, t.ETag, t.ETagGzip) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	if gzipped {
		h["Content-Encoding"] = gz
	}
	h["Content-Length"] = []string{strconv.Itoa(len(body))}
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// tileJSON answers the TileJSON document of a layer, with absolute tile
// URLs built from the request's host and X-Forwarded-Proto.
func (s *Server) tileJSON(w http.ResponseWriter, r *http.Request) {
	f := tiles.MVT
	switch r.URL.Query().Get("format") {
	case "", "mvt", "pbf":
	case "png":
		f = tiles.PNG
	default:
		Error(w, r, gasrisk.Errorf(gasrisk.EINVALID, "format %q: use mvt or png", r.URL.Query().Get("format")))
		return
	}
	base, err := baseURL(r)
	if err != nil {
		Error(w, r, err)
		return
	}
	tj, err := s.deps.Tiles.TileJSON(r.Context(), mux.Vars(r)["layer"], base, f)
	if err != nil {
		if r.Context().Err() != nil {
			return
		}
		Error(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(tj)
}

// baseURL is scheme://host of the request as the client addressed it.
func baseURL(r *http.Request) (string, error) {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	if p := strings.ToLower(strings.TrimSpace(strings.Split(r.Header.Get("X-Forwarded-Proto"), ",")[0])); p == "http" || p == "https" {
		scheme = p
	}
	host := r.Host
	if host == "" || len(host) > 255 || strings.ContainsFunc(host, func(c rune) bool {
		return !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune(".-:[]_", c))
	}) {
		return "", gasrisk.Errorf(gasrisk.EINVALID, "request host %q cannot be used in tile URLs", host)
	}
	return scheme + "://" + host, nil
}

// cacheControl is the Cache-Control of tiles: cacheable for max-age, then
// revalidated with the ETag.
func cacheControl(c tiles.Config) string {
	return "public, max-age=" + strconv.Itoa(int(c.MaxAge.Seconds())) + ", must-revalidate"
}

// acceptsGzip reports whether an Accept-Encoding header allows gzip.
func acceptsGzip(ae string) bool {
	for _, part := range strings.Split(ae, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		name = strings.ToLower(strings.TrimSpace(name))
		if name != "gzip" && name != "*" {
			continue
		}
		q := strings.ReplaceAll(strings.ToLower(params), " ", "")
		if q == "q=0" || strings.HasPrefix(q, "q=0.0") && strings.Trim(q[len("q=0.0"):], "0") == "" {
			return false
		}
		return true
	}
	return false
}

// etagMatch reports whether an If-None-Match header names one of the
// tile's ETags (either representation: both carry the same content).
func etagMatch(inm string, tags ...string) bool {
	for _, c := range strings.Split(inm, ",") {
		c = strings.TrimPrefix(strings.TrimSpace(c), "W/")
		if c == "*" {
			return true
		}
		for _, t := range tags {
			if c == t {
				return true
			}
		}
	}
	return false
}

// scenarioParam is a tile request's scenario parameter: "" when absent,
// EINVALID when given empty (tiles.ScenarioSource judges the name).
func scenarioParam(r *http.Request) (string, error) {
	q := r.URL.Query()
	if !q.Has("scenario") {
		return "", nil
	}
	if name := q.Get("scenario"); name != "" {
		return name, nil
	}
	return "", gasrisk.Errorf(gasrisk.EINVALID, "scenario: empty; name a scenario of GET /api/v1/scenarios or leave the parameter out")
}
