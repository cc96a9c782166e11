package web

import (
	"net/http"
	"strings"
)

// wfsProbeParams are the key-value parameters a WFS client (QGIS's WFS
// provider, ArcGIS, GDAL's WFS driver) sends to a URL it takes for a WFS.
func wfsProbeParams() []string {
	return []string{"SERVICE", "REQUEST", "VERSION", "ACCEPTVERSIONS", "ACCEPTFORMATS"}
}

// wfsProbe reports whether r is a WFS client's probe (SERVICE=WFS or a
// REQUEST parameter, in any case) and drops the WFS parameters from its
// query, so that the landing page answers it instead of refusing them.
func wfsProbe(r *http.Request) bool {
	q := r.URL.Query()
	probe := false
	for k, v := range q {
		name := strings.ToUpper(k)
		if name == "SERVICE" && len(v) > 0 && strings.EqualFold(v[0], "WFS") || name == "REQUEST" {
			probe = true
		}
	}
	if !probe {
		return false
	}
	for k := range q {
		for _, p := range wfsProbeParams() {
			if strings.EqualFold(k, p) {
				q.Del(k)
			}
		}
	}
	r.URL.RawQuery = q.Encode()
	return true
}

// wfsNotice tells a WFS client's user, in both languages, what this
// server is and how to add it.
func wfsNotice(base string) map[string]string {
	return map[string]string{
		"en": "This is an OGC API – Features server, not a WFS. In QGIS: Layer → Add Layer → Add WFS / OGC API – Features Layer, " +
			"New connection, URL " + base + ", Version \"OGC API - Features\" (or Detect). In GDAL/ogr2ogr: OAPIF:" + base + ".",
		"zh": "本服务为 OGC API – Features，不是 WFS。QGIS：图层 → 添加图层 → 添加 WFS / OGC API – Features 图层，新建连接，URL 填 " +
			base + "，版本选择 “OGC API - Features”（或点“检测”）。GDAL/ogr2ogr：OAPIF:" + base + "。",
	}
}
