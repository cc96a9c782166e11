package datatest

import (
	"testing"

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
)

// Services are the data services over one test database, composed as
// cmd/gasrisk composes them for the binary.
type Services struct {
	DB       *data.DB
	Importer *importer.Service
	Analysis *analysis.Service
	Ledger   *ledger.Service
	Permits  *permits.Service
	Access   *access.Service
	Export   *export.Service
	OGC      *export.OGC
	Tiles    *tilesource.Service
	Print    *printsource.Service
	Results  *results.Service
	Plans    *plans.Service
	Sensors  *sensors.Service
	Topology *topology.Service
}

// NewServices composes the services over db.
func NewServices(db *data.DB) Services {
	exp := export.New(db)
	return Services{
		DB: db, Importer: importer.New(db), Analysis: analysis.New(db), Ledger: ledger.New(db),
		Permits: permits.New(db), Access: access.New(db), Export: exp, OGC: export.NewOGC(exp),
		Tiles: tilesource.New(db), Print: printsource.New(db), Results: results.New(db), Plans: plans.New(db),
		Sensors:  sensors.New(db, sensors.Config{}),
		Topology: topology.New(db),
	}
}

// Services opens a new, empty, migrated database, closed when the test
// ends, with the services over it.
func (e *Env) Services(t testing.TB) Services {
	t.Helper()
	return NewServices(e.DB(t))
}
