package export

import (
	"bufio"
	"bytes"

	"gasrisk/riskmodel"
)

// encoder turns rows of raw text values (id, properties, geometry) into
// one export format. encode appends one row; every row but the first is
// preceded by the sep bytes it writes at its start.
type encoder interface {
	header(w *bufio.Writer) error
	encode(dst []byte, vals [][]byte) []byte
	sep() int // bytes at the start of an encoded row to drop for the first row
	footer(w *bufio.Writer) error
}

func newEncoder(format string, t *target, lang string) encoder {
	if format == FormatCSV {
		return &csvEncoder{t: t, lang: lang}
	}
	return newGeoJSONEncoder(t, lang)
}

// geojsonEncoder writes an RFC 7946 FeatureCollection; texts of a
// language (grade rules) are in lang, English unless it is zh.
type geojsonEncoder struct {
	t    *target
	lang string
	keys [][]byte // `"key":` per column, with the separating comma
}

func newGeoJSONEncoder(t *target, lang string) *geojsonEncoder {
	e := &geojsonEncoder{t: t, lang: lang}
	for i, c := range t.cols {
		k := appendJSONString(nil, []byte(c.key))
		if i > 0 {
			k = append([]byte{','}, k...)
		}
		e.keys = append(e.keys, append(k, ':'))
	}
	return e
}

func (e *geojsonEncoder) header(w *bufio.Writer) error {
	_, err := w.WriteString(`{"type":"FeatureCollection","features":[`)
	return err
}

func (e *geojsonEncoder) sep() int { return 1 }

func (e *geojsonEncoder) encode(dst []byte, v [][]byte) []byte {
	dst = append(dst, ",\n"...)
	return e.feature(dst, v)
}

// feature appends one Feature object.
func (e *geojsonEncoder) feature(dst []byte, v [][]byte) []byte {
	dst = append(dst, `{"type":"Feature","id":`...)
	if e.t.idText {
		dst = appendJSONString(dst, v[0])
	} else {
		dst = append(dst, v[0]...)
	}
	dst = append(dst, `,"geometry":`...)
	if g := v[len(v)-1]; g != nil {
		dst = append(dst, g...)
	} else {
		dst = append(dst, "null"...)
	}
	dst = append(dst, `,"properties":{`...)
	for i, c := range e.t.cols {
		dst = append(dst, e.keys[i]...)
		if c.kind == kRule {
			dst = appendJSONValue(dst, kText, e.t.rules.text(v[i+1], e.lang))
			continue
		}
		dst = appendJSONValue(dst, c.kind, v[i+1])
	}
	return append(dst, "}}"...)
}

func (e *geojsonEncoder) footer(w *bufio.Writer) error {
	_, err := w.WriteString("\n]}\n")
	return err
}

// csvEncoder writes one row per feature with the properties as columns
// and the geometry as WKT (EPSG:4326) in the last column, "wkt". Chinese
// and English headers start with a UTF-8 byte order mark, for Excel.
type csvEncoder struct {
	t    *target
	lang string
}

func (e *csvEncoder) header(w *bufio.Writer) error {
	if e.lang != LangKey {
		w.WriteString("\ufeff")
	}
	var row []byte
	for i, h := range append(e.t.headers(e.lang), "wkt") {
		if i > 0 {
			row = append(row, ',')
		}
		row = appendCSVField(row, []byte(h))
	}
	_, err := w.Write(append(row, '\n'))
	return err
}

func (e *csvEncoder) sep() int { return 0 }

func (e *csvEncoder) encode(dst []byte, v [][]byte) []byte {
	for i, c := range e.t.cols {
		if i > 0 {
			dst = append(dst, ',')
		}
		if w, ok := e.t.term(c, v[i+1], e.lang); ok {
			dst = appendCSVField(dst, w)
			continue
		}
		dst = appendCSVField(dst, e.cell(c.kind, v[i+1]))
	}
	dst = append(dst, ',')
	return append(appendCSVField(dst, v[len(v)-1]), '\n')
}

// cell is a value as CSV text: booleans true/false, arrays a,b, grades
// in Chinese for Chinese headers, grade rules as text in the headers'
// language (English for canonical keys).
func (e *csvEncoder) cell(k colKind, v []byte) []byte {
	switch {
	case v == nil:
		return nil
	case k == kBool:
		if len(v) > 0 && v[0] == 't' {
			return []byte("true")
		}
		return []byte("false")
	case k == kNum && !finite(v):
		return nil
	case k == kTextArray:
		return bytes.Join(pgArrayElems(v), []byte(","))
	case k == kRule:
		return e.t.rules.text(v, e.lang)
	case k == kGrade && e.lang == langZH:
		if z := riskmodel.Grade(string(v)).Chinese(); z != "" {
			return []byte(z)
		}
	}
	return v
}

func (e *csvEncoder) footer(*bufio.Writer) error { return nil }

// appendCSVField appends a field, quoted (RFC 4180) when it holds a
// comma, quote, line break or leading space.
func appendCSVField(dst, f []byte) []byte {
	if len(f) == 0 || (bytes.IndexAny(f, ",\"\r\n") < 0 && f[0] != ' ' && f[0] != '\t') {
		return append(dst, f...)
	}
	dst = append(dst, '"')
	for {
		i := bytes.IndexByte(f, '"')
		if i < 0 {
			break
		}
		dst = append(append(dst, f[:i+1]...), '"')
		f = f[i+1:]
	}
	return append(append(dst, f...), '"')
}
