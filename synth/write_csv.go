package synth

import "strings"

// CSV output (RFC 4180 quoting, "\n" line ends as Go's encoding/csv
// writes them): a header row with the layer's attributes and a
// last column "wkt" holding the geometry as WKT in lon/lat (EPSG:4326).

func (lw *layerWriter) csvHeader() error {
	_, err := lw.w.WriteString(strings.Join(lw.fields, ",") + ",wkt\n")
	return err
}

func (lw *layerWriter) appendCSVRow(b []byte, vals []value, kind geomKind, pts []vec) []byte {
	for _, v := range vals {
		if v.kind == valText && needsQuotes(v.s) {
			b = appendQuoted(b, v.s)
		} else {
			b = appendPlain(b, v)
		}
		b = append(b, ',')
	}
	b = append(b, '"')
	b = lw.appendWKT(b, kind, pts)
	return append(b, '"', '\n')
}

// appendWKT appends the geometry as WKT (no quotes or commas inside that
// would need escaping beyond the enclosing quotes).
func (lw *layerWriter) appendWKT(b []byte, kind geomKind, pts []vec) []byte {
	switch kind {
	case geomPoint:
		b = append(b, "POINT ("...)
		b = lw.appendWKTCoords(b, pts[:1])
		return append(b, ')')
	case geomLine:
		b = append(b, "LINESTRING ("...)
		b = lw.appendWKTCoords(b, pts)
		return append(b, ')')
	}
	b = append(b, "POLYGON (("...)
	b = lw.appendWKTCoords(b, pts)
	return append(b, "))"...)
}

func (lw *layerWriter) appendWKTCoords(b []byte, pts []vec) []byte {
	for k, p := range pts {
		if k > 0 {
			b = append(b, ", "...)
		}
		lon, lat := lw.proj.lonLat(p)
		b = appendFixed(b, lon, coordDecimals)
		b = append(b, ' ')
		b = appendFixed(b, lat, coordDecimals)
	}
	return b
}

func needsQuotes(s string) bool {
	return s == "" || strings.ContainsAny(s, ",\"\r\n") || s[0] == ' ' || s[len(s)-1] == ' '
}

func appendQuoted(b []byte, s string) []byte {
	b = append(b, '"')
	for k := 0; k < len(s); k++ {
		if s[k] == '"' {
			b = append(b, '"')
		}
		b = append(b, s[k])
	}
	return append(b, '"')
}
