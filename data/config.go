package data

import (
	"os"
	"path/filepath"
	"strconv"

	"github.com/jackc/pgx/v5/pgconn"
)

// Config says which database to use.
type Config struct {
	// URL of a PostgreSQL+PostGIS server; empty means the embedded cluster.
	// Its role owns the schema and runs the migrations.
	URL string
	// AppURL is how the services connect, as AppRole; empty means URL with
	// AppRole as the user and no password (enough for the embedded cluster).
	AppURL string
	// DataDir holds the embedded cluster (used when URL is empty).
	DataDir string
	// WorkingSRID is the metric CRS for distance work, used when the database
	// has none yet; 0 means the UTM zone of the first imported layer.
	WorkingSRID int
	// Log receives progress messages (may be nil).
	Log func(format string, args ...any)
	// OnNotice, if set, hears every notice the server sends on any of the
	// pool's connections (the plan test collects auto_explain's plans so).
	OnNotice func(*pgconn.Notice)
	// WarmConns, above 0, keeps that many connections open and idle for
	// requests (pgxpool's MinIdleConns: opened in the background, never on
	// a request's path), each warmed when it connects (warmConn), so that
	// no request pays a new backend's first projection. serve sets it.
	WarmConns int
}

// ConfigFromEnv reads DATABASE_URL, GASRISK_APP_DATABASE_URL,
// GASRISK_DATA_DIR and GASRISK_WORKING_SRID.
func ConfigFromEnv() Config {
	c := Config{URL: os.Getenv("DATABASE_URL"), AppURL: os.Getenv("GASRISK_APP_DATABASE_URL"), DataDir: os.Getenv("GASRISK_DATA_DIR")}
	if c.DataDir == "" {
		c.DataDir = DefaultDataDir()
	}
	c.WorkingSRID, _ = strconv.Atoi(os.Getenv("GASRISK_WORKING_SRID"))
	return c
}

// DefaultDataDir is $XDG_DATA_HOME/gasrisk or ~/.local/share/gasrisk; for
// root, whose home the unprivileged database account cannot enter,
// /var/lib/gasrisk.
func DefaultDataDir() string {
	if os.Geteuid() == 0 {
		return "/var/lib/gasrisk"
	}
	if x := os.Getenv("XDG_DATA_HOME"); x != "" {
		return filepath.Join(x, "gasrisk")
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return filepath.Join(os.TempDir(), "gasrisk")
	}
	return filepath.Join(home, ".local", "share", "gasrisk")
}
