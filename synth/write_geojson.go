package synth

// GeoJSON output: an RFC 7946 FeatureCollection in EPSG:4326 (no "crs"
// member), one feature per line.

func (lw *layerWriter) geojsonHeader() error {
	_, err := lw.w.WriteString(`{"type":"FeatureCollection","features":[` + "\n")
	return err
}

func (lw *layerWriter) appendGeoJSONFeature(b []byte, vals []value, kind geomKind, pts []vec) []byte {
	if lw.n > 0 {
		b = append(b, ",\n"...)
	}
	b = append(b, `{"type":"Feature","properties":{`...)
	for k, v := range vals {
		if k > 0 {
			b = append(b, ',')
		}
		b = append(b, lw.keys[k]...)
		b = appendJSONValue(b, v)
	}
	b = append(b, `},"geometry":`...)
	b = lw.appendGeoJSONGeometry(b, kind, pts)
	return append(b, '}')
}

func (lw *layerWriter) appendGeoJSONGeometry(b []byte, kind geomKind, pts []vec) []byte {
	switch kind {
	case geomPoint:
		b = append(b, `{"type":"Point","coordinates":`...)
		b = lw.appendPosition(b, pts[0])
	case geomLine:
		b = append(b, `{"type":"LineString","coordinates":`...)
		b = lw.appendPositions(b, pts)
	default:
		b = append(b, `{"type":"Polygon","coordinates":[`...)
		b = lw.appendPositions(b, pts)
		b = append(b, ']')
	}
	return append(b, '}')
}

func (lw *layerWriter) appendPositions(b []byte, pts []vec) []byte {
	b = append(b, '[')
	for k, p := range pts {
		if k > 0 {
			b = append(b, ',')
		}
		b = lw.appendPosition(b, p)
	}
	return append(b, ']')
}

func (lw *layerWriter) appendPosition(b []byte, p vec) []byte {
	lon, lat := lw.proj.lonLat(p)
	b = append(b, '[')
	b = appendFixed(b, lon, coordDecimals)
	b = append(b, ',')
	b = appendFixed(b, lat, coordDecimals)
	return append(b, ']')
}

// appendJSONValue appends v as a JSON value.
func appendJSONValue(b []byte, v value) []byte {
	switch v.kind {
	case valNull:
		return append(b, "null"...)
	case valText:
		return appendJSONString(b, v.s)
	case valID:
		b = append(b, '"')
		b = appendPlain(b, v)
		return append(b, '"')
	}
	return appendPlain(b, v)
}

// appendJSONString appends s as a JSON string (UTF-8 kept as is).
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for k := 0; k < len(s); k++ {
		c := s[k]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&15])
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}
