package phmsa

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"golang.org/x/text/encoding/charmap"
)

// table is a decoded delimited file: a header index and the records.
type table struct {
	path   string
	header map[string]int
	rows   [][]string
}

// readTable reads a whole Latin-1 delimited file. Every record must have as
// many fields as the header. Unless multiline is set, a field spanning lines
// is an error: in a tab-separated export it can only come from a stray quote
// swallowing the following records.
func readTable(path string, comma rune, multiline bool) (*table, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(charmap.ISO8859_1.NewDecoder().Reader(f))
	r.Comma = comma
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	head, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: header: %w", path, err)
	}
	t := &table{path: path, header: make(map[string]int, len(head))}
	for i, h := range head {
		t.header[strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))] = i
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return t, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		line, _ := r.FieldPos(0)
		if len(rec) != len(head) {
			return nil, fmt.Errorf("%s:%d: %d fields, header has %d", path, line, len(rec), len(head))
		}
		if !multiline && spansLines(rec) {
			return nil, fmt.Errorf("%s:%d: a field spans lines (unbalanced quote?)", path, line)
		}
		t.rows = append(t.rows, rec)
	}
}

// require checks that every named column exists.
func (t *table) require(cols ...string) error {
	for _, c := range cols {
		if _, ok := t.header[c]; !ok {
			return fmt.Errorf("%s: missing column %s", t.path, c)
		}
	}
	return nil
}

// field returns the trimmed value of column col in row i.
func (t *table) field(i int, col string) string {
	return strings.TrimSpace(t.rows[i][t.header[col]])
}

// number parses column col of row i; an empty field is 0.
func (t *table) number(i int, col string) (float64, error) {
	s := strings.ReplaceAll(t.field(i, col), ",", "")
	if s == "" {
		return 0, nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, fmt.Errorf("%s: record %d: column %s: %q is not a number", t.path, i+2, col, s)
	}
	return v, nil
}

// sum adds up several numeric columns of row i.
func (t *table) sum(i int, cols []string) (float64, error) {
	total := 0.0
	for _, c := range cols {
		v, err := t.number(i, c)
		if err != nil {
			return 0, err
		}
		total += v
	}
	return total, nil
}

func spansLines(rec []string) bool {
	for _, f := range rec {
		if strings.ContainsAny(f, "\r\n") {
			return true
		}
	}
	return false
}
