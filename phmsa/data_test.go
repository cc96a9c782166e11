package phmsa

import (
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// dataDir finds the PHMSA files: $GASRISK_PHMSA_DIR, else
// ../../shared/data/phmsa (the shared directory beside the repository).
func dataDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("GASRISK_PHMSA_DIR")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "data", "phmsa")
	}
	if _, err := os.Stat(filepath.Join(dir, "gas_distribution_annual_2020.csv")); err != nil {
		t.Skipf("PHMSA data not found in %s (set GASRISK_PHMSA_DIR): %v", dir, err)
	}
	return dir
}

var loaded struct {
	once sync.Once
	d    *Dataset
	c    *Calibration
	err  error
}

// realData loads and calibrates the real dataset once per test binary.
func realData(t *testing.T) (*Dataset, *Calibration) {
	t.Helper()
	dir := dataDir(t)
	loaded.once.Do(func() {
		loaded.d, loaded.err = Load(dir)
		if loaded.err == nil {
			loaded.c, loaded.err = loaded.d.Calibrate()
		}
	})
	if loaded.err != nil {
		t.Fatal(loaded.err)
	}
	return loaded.d, loaded.c
}
