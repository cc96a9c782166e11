package web

import (
	"github.com/prometheus/client_golang/prometheus"

	"gasrisk/tiles"
)

// tileCacheCollector exports the tile cache's statistics, read when
// /metrics is scraped: what the cache holds explains much of serve's
// memory (it fills up to --tile-cache-mb, then stays there).
type tileCacheCollector struct {
	svc                  *tiles.Service
	bytes, entries       *prometheus.Desc
	hits, misses, builds *prometheus.Desc
}

func newTileCacheCollector(svc *tiles.Service) *tileCacheCollector {
	d := func(name, help string) *prometheus.Desc { return prometheus.NewDesc(name, help, nil, nil) }
	return &tileCacheCollector{svc: svc,
		bytes:   d("gasrisk_tile_cache_bytes", "Bytes the in-memory tile cache holds."),
		entries: d("gasrisk_tile_cache_entries", "Tiles the in-memory tile cache holds."),
		hits:    d("gasrisk_tile_cache_hits_total", "Tile requests served from the cache."),
		misses:  d("gasrisk_tile_cache_misses_total", "Tile requests not found in the cache."),
		builds:  d("gasrisk_tile_builds_total", "Tiles built from the database."),
	}
}

// Describe implements prometheus.Collector.
func (c *tileCacheCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{c.bytes, c.entries, c.hits, c.misses, c.builds} {
		ch <- d
	}
}

// Collect implements prometheus.Collector.
func (c *tileCacheCollector) Collect(ch chan<- prometheus.Metric) {
	st := c.svc.Stats()
	ch <- prometheus.MustNewConstMetric(c.bytes, prometheus.GaugeValue, float64(st.Bytes))
	ch <- prometheus.MustNewConstMetric(c.entries, prometheus.GaugeValue, float64(st.Entries))
	ch <- prometheus.MustNewConstMetric(c.hits, prometheus.CounterValue, float64(st.Hits))
	ch <- prometheus.MustNewConstMetric(c.misses, prometheus.CounterValue, float64(st.Misses))
	ch <- prometheus.MustNewConstMetric(c.builds, prometheus.CounterValue, float64(st.Builds))
}
