package main

import (
	"gasrisk/data"
	"gasrisk/tiles"
	"gasrisk/web"
)

// webDeps wires the store into the web server's dependencies.
func webDeps(s *data.Store) web.Deps {
	return web.Deps{DB: s, Segments: s, Tiles: tiles.New(s, tiles.DefaultConfig()), Stats: s}
}
