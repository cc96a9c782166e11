package synth

import (
	"bufio"
	"errors"
	"os"
	"path/filepath"
)

// layer is one output file.
type layer int

const (
	layerDistricts layer = iota
	layerPipes
	layerSewers
	layerBuildings
	layerPlaces
	layerStations
	layerDetectors
	layerLeaks
	layerPatrols
	layerCPReadings
	layerValves
	layerCustomers
	layerCount
)

func (l layer) name() string {
	return [...]string{"districts", "pipes", "sewers", "buildings", "places", "stations", "detectors",
		"leaks", "patrols", "cp_readings", "valves", "customers"}[l]
}

// fields lists the layer's canonical attributes in the order written.
func (l layer) fields() []string {
	switch l {
	case layerDistricts:
		return []string{"id", "name"}
	case layerPipes:
		return []string{"id", "material", "diameter_mm", "pressure_class", "install_year", "depth_m", "district", "status",
			"condition", "ductile_unsafe", "hazard_uncontrollable", "casing",
			"wall_mm", "protection"}
	case layerSewers:
		return []string{"id", "kind", "diameter_mm", "depth_m"}
	case layerBuildings:
		return []string{"id", "use", "floors"}
	case layerPlaces:
		return []string{"id", "kind", "name", "capacity"}
	case layerLeaks:
		return []string{"id", "found_date", "leak_class", "cause", "repaired_date", "pipe_id"}
	case layerPatrols:
		return []string{"id", "date", "observer", "observation"}
	case layerCPReadings:
		return []string{"id", "date", "potential_mv", "pass", "pipe_id"}
	case layerValves:
		return []string{"id", "kind", "normal_state", "operable", "last_exercised", "pressure_class"}
	case layerCustomers:
		return []string{"id", "kind", "meters", "building_id"}
	case layerStations:
		return []string{"id", "kind", "install_year", "name", "overpressure_protection", "setting", "inlet_pressure_class", "lpg_class"}
	}
	return []string{"id", "kind", "install_year"}
}

// geomKind is the geometry type of a feature.
type geomKind uint8

const (
	geomPoint geomKind = iota
	geomLine
	geomPolygon // pts is a closed ring
)

// layerWriter streams one layer to a temporary file through a buffer; the
// file gets its final name only when the whole city has been written.
type layerWriter struct {
	final, tmp string
	f          *os.File
	w          *bufio.Writer
	csv        bool
	proj       projection
	fields     []string
	keys       [][]byte // `"name":` for each field, for GeoJSON
	n          int
	buf        []byte
}

func openLayer(dir string, l layer, csv bool, proj projection) (*layerWriter, error) {
	ext := ".geojson"
	if csv {
		ext = ".csv"
	}
	lw := &layerWriter{
		final: filepath.Join(dir, l.name()+ext),
		tmp:   filepath.Join(dir, "."+l.name()+ext+".tmp"),
		csv:   csv, proj: proj, fields: l.fields(),
	}
	f, err := os.Create(lw.tmp)
	if err != nil {
		return nil, err
	}
	lw.f, lw.w = f, bufio.NewWriterSize(f, 1<<20)
	for _, name := range lw.fields {
		lw.keys = append(lw.keys, append(appendJSONString(nil, name), ':'))
	}
	if csv {
		return lw, lw.csvHeader()
	}
	return lw, lw.geojsonHeader()
}

// feature writes one feature; vals follow the layer's fields.
func (lw *layerWriter) feature(vals []value, kind geomKind, pts []vec) error {
	b := lw.buf[:0]
	if lw.csv {
		b = lw.appendCSVRow(b, vals, kind, pts)
	} else {
		b = lw.appendGeoJSONFeature(b, vals, kind, pts)
	}
	lw.n++
	lw.buf = b
	_, err := lw.w.Write(b)
	return err
}

// finish ends the file, flushes and closes it.
func (lw *layerWriter) finish() error {
	var err error
	if !lw.csv {
		_, err = lw.w.WriteString("\n]}\n")
	}
	return errors.Join(err, lw.w.Flush(), lw.f.Close())
}

// outputs are the layer files of one city.
type outputs struct {
	layers [layerCount]*layerWriter
	vals   []value
	// seed and stream draw the field records (writeEvidence).
	seed   int64
	stream *stream
	// history multiplies the leak and patrol rates (Config.FieldHistory).
	history float64
}

func createOutputs(dir, format string, proj projection) (*outputs, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	o := &outputs{stream: newStream()}
	for l := range layerCount {
		lw, err := openLayer(dir, l, format == "csv", proj)
		if lw != nil {
			o.layers[l] = lw
		}
		if err != nil {
			o.abort()
			return nil, err
		}
	}
	return o, nil
}

// commit finishes every file and moves it to its final name.
func (o *outputs) commit() error {
	for _, lw := range o.layers {
		if err := lw.finish(); err != nil {
			return err
		}
	}
	for _, lw := range o.layers {
		if err := os.Rename(lw.tmp, lw.final); err != nil {
			return err
		}
	}
	return nil
}

// abort closes and removes the temporary files.
func (o *outputs) abort() {
	for _, lw := range o.layers {
		if lw != nil {
			lw.f.Close()
			os.Remove(lw.tmp)
		}
	}
}
