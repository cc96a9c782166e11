// Package sensors stores what live gas detectors report: readings (in a
// table partitioned by day, kept for a retention period), the latest
// reading of each detector, and the alarms readings and silences raise
// — with the hazard an alarm near a pipe opens in the ledger. The
// thresholds are the model's (riskmodel.Sensors), the lifecycle of an
// alarm is package alarm's.
package sensors

import (
	"sync"
	"time"

	"gasrisk/data"
	"gasrisk/riskmodel"
)

// Config is what the service needs to know besides the database.
type Config struct {
	// Model holds the thresholds by detector kind.
	Model riskmodel.Sensors
	// RetentionDays: readings older than this are refused, and the
	// partitions holding them dropped by Sweep.
	RetentionDays int
	// Now is the clock (nil: time.Now); tests set it.
	Now func() time.Time
}

// DefaultRetentionDays is how long readings are kept unless configured.
const DefaultRetentionDays = 90

// Service is the sensors service over the shared database.
type Service struct {
	db  *data.DB
	cfg Config

	mu    sync.Mutex
	parts map[string]bool // day partitions known to exist
}

// New returns the service over db; zero fields of cfg take their
// defaults.
func New(db *data.DB, cfg Config) *Service {
	if cfg.Model.Limits == nil {
		cfg.Model = riskmodel.DefaultConfig().Sensors
	}
	if cfg.RetentionDays <= 0 {
		cfg.RetentionDays = DefaultRetentionDays
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Service{db: db, cfg: cfg, parts: map[string]bool{}}
}

// Model returns the thresholds the service applies.
func (s *Service) Model() riskmodel.Sensors { return s.cfg.Model }
