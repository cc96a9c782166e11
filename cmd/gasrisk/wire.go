package main

import (
	"gasrisk/data"
	"gasrisk/printmap"
	"gasrisk/tiles"
	"gasrisk/web"
)

// webDeps wires the store into the web server's dependencies.
func webDeps(s *data.Store) web.Deps {
	d := web.Deps{DB: s, Segments: s, Tiles: tiles.New(s, tiles.DefaultConfig()), Stats: s}
	d.Ledger = s
	d.Keys, d.Permits, d.Export, d.OGC = s, s, s, data.NewOGC(s)
	d.Printer, _ = printmap.NewRenderer() // nil (no printing) only if the built-in fonts fail to load
	return d
}
