package main

import (
	"gasrisk/data"
	"gasrisk/data/access"
	"gasrisk/data/analysis"
	"gasrisk/data/export"
	"gasrisk/data/importer"
	"gasrisk/data/ledger"
	"gasrisk/data/permits"
	"gasrisk/data/plans"
	"gasrisk/data/printsource"
	"gasrisk/data/results"
	"gasrisk/data/sensors"
	"gasrisk/data/tilesource"
	"gasrisk/data/topology"
	"gasrisk/printmap"
	"gasrisk/tiles"
	"gasrisk/web"
)

// services are the data services over one database: the one place they
// are composed. Each is a small service of its own package under data/.
type services struct {
	db       *data.DB
	importer *importer.Service
	analysis *analysis.Service
	ledger   *ledger.Service
	permits  *permits.Service
	access   *access.Service
	export   *export.Service
	tiles    *tilesource.Service
	print    *printsource.Service
	results  *results.Service
	plans    *plans.Service
	sensors  *sensors.Service
	topology *topology.Service
}

// newServices composes the services over db.
func newServices(db *data.DB) *services {
	return &services{
		db:       db,
		importer: importer.New(db),
		analysis: analysis.New(db),
		ledger:   ledger.New(db),
		permits:  permits.New(db),
		access:   access.New(db),
		export:   export.New(db),
		tiles:    tilesource.New(db),
		print:    printsource.New(db),
		results:  results.New(db),
		plans:    plans.New(db),
		sensors:  sensors.New(db, sensors.Config{}),
		topology: topology.New(db),
	}
}

// Close releases the database connections.
func (s *services) Close() { s.db.Close() }

// webDeps wires the services into the web server's dependencies, the
// tile server configured by tc.
func webDeps(s *services, tc tiles.Config) web.Deps {
	d := web.Deps{DB: s.db, Segments: s.results, Stats: s.results, Tiles: tiles.New(s.tiles, tc)}
	d.Ledger, d.Print = revisingLedger{s.ledger, s.analysis, d.Tiles.Invalidate}, s.print
	d.Keys, d.Permits, d.Export, d.OGC = s.access, s.permits, s.export, export.NewOGC(s.export)
	d.Plans = s.plans
	d.Sensors = s.sensors
	d.Records = s.importer
	d.Network = s.topology
	d.Printer, _ = printmap.NewRenderer() // nil (no printing) only if the built-in fonts fail to load
	return d
}
