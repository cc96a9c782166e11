package importer

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"gasrisk"
	"gasrisk/data"
)

// Record is one field record added through the API or the CLI: a GeoJSON
// Feature in EPSG:4326 longitude/latitude whose properties are the
// layer's attributes (docs/data-model.md).
type Record struct {
	Type       string          `json:"type"`
	ID         json.RawMessage `json:"id,omitempty"`
	Properties map[string]any  `json:"properties"`
	Geometry   json.RawMessage `json:"geometry"`
}

// AddRecord adds one record to a field-record layer (leaks, patrols,
// cp_readings), validated exactly as an import of a one-feature file
// would be: a record with any invalid attribute is refused whole, with an
// EINVALID error naming the attribute, and nothing is stored. A record
// without an id gets a new one. It returns the id stored.
func (s *Service) AddRecord(ctx context.Context, layer string, rec Record) (_ string, err error) {
	defer data.Annotate(&err, "importer.AddRecord")
	if !slices.Contains(EvidenceLayers(), strings.ToLower(layer)) {
		return "", gasrisk.Errorf(gasrisk.EINVALID, "layer %q takes no records (field records: %s)", layer, strings.Join(EvidenceLayers(), ", "))
	}
	layer = strings.ToLower(layer)
	if rec.Type != "Feature" {
		return "", gasrisk.Errorf(gasrisk.EINVALID, "type %q: want a GeoJSON \"Feature\"", rec.Type)
	}
	if len(rec.Geometry) == 0 || string(rec.Geometry) == "null" {
		return "", gasrisk.Errorf(gasrisk.EINVALID, "geometry: missing (a Point in EPSG:4326 longitude/latitude)")
	}
	if rec.Properties == nil {
		rec.Properties = map[string]any{}
	}
	id := ""
	if v, ok := rec.Properties["id"]; ok && v != nil {
		id = strings.TrimSpace(fmt.Sprint(v))
	}
	if id == "" {
		id = newRecordID(layer)
	}
	rec.Properties["id"], rec.ID = id, nil
	file, cleanup, err := writeRecord(rec)
	if err != nil {
		return "", err
	}
	defer cleanup()
	_, err = s.Import(ctx, Options{Layer: layer, File: file, SRID: 4326, noVacuum: true})
	var re *RejectedError
	if errors.As(err, &re) && len(re.Rejects) > 0 {
		return "", gasrisk.Errorf(gasrisk.EINVALID, "%s record %s: %s", layer, clip(id), re.Rejects[0].Reason)
	}
	return id, err
}

// newRecordID is a new record id: the layer's initial, the UTC time and
// four random bytes (L-20260701T103000-1a2b3c4d).
func newRecordID(layer string) string {
	var b [4]byte
	_, _ = rand.Read(b[:])
	return fmt.Sprintf("%s-%s-%s", strings.ToUpper(layer[:1]), time.Now().UTC().Format("20060102T150405"), hex.EncodeToString(b[:]))
}

// writeRecord writes rec as a one-feature GeoJSON file in a new temporary
// directory; cleanup removes it.
func writeRecord(rec Record) (string, func(), error) {
	dir, err := os.MkdirTemp("", "gasrisk-record-")
	if err != nil {
		return "", nil, err
	}
	cleanup := func() { os.RemoveAll(dir) }
	b, err := json.Marshal(map[string]any{"type": "FeatureCollection", "features": []Record{rec}})
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, "record.geojson"), b, 0o600)
	}
	if err != nil {
		cleanup()
		return "", nil, err
	}
	return filepath.Join(dir, "record.geojson"), cleanup, nil
}
