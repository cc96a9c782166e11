package importer

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
)

// crsInfo is what PROJ's database (through GDAL's gdalsrsinfo) says about
// an EPSG CRS: whether it is projected, and its area of use in degrees.
type crsInfo struct {
	SRID      int
	Name      string
	Projected bool
	Area      extent // area of use, lon/lat (not ok when PROJ gives none)
	AreaName  string
}

var (
	wktName = regexp.MustCompile(`^\s*(PROJCRS|GEOGCRS|GEODCRS|COMPOUNDCRS|BOUNDCRS)\["([^"]*)"`)
	wktBBox = regexp.MustCompile(`BBOX\[(-?[\d.]+),(-?[\d.]+),(-?[\d.]+),(-?[\d.]+)\]`)
	wktArea = regexp.MustCompile(`AREA\["([^"]*)"\]`)
)

// lookupCRS asks gdalsrsinfo (gdal-bin) for an EPSG CRS as WKT2 and reads
// its kind and the last (the CRS's own) area of use.
func lookupCRS(ctx context.Context, srid int) (crsInfo, error) {
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, "gdalsrsinfo", "-o", "wkt2", fmt.Sprintf("EPSG:%d", srid))
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return crsInfo{}, fmt.Errorf("EPSG:%d is not a CRS PROJ knows (gdalsrsinfo: %s)", srid, clip(strings.TrimSpace(stderr.String())))
	}
	return parseCRS(srid, string(out))
}

// parseCRS reads gdalsrsinfo's WKT2.
func parseCRS(srid int, wkt string) (crsInfo, error) {
	c := crsInfo{SRID: srid}
	m := wktName.FindStringSubmatch(wkt)
	if m == nil {
		return c, fmt.Errorf("EPSG:%d: unexpected WKT from gdalsrsinfo", srid)
	}
	c.Projected, c.Name = m[1] == "PROJCRS", m[2]
	if bs := wktBBox.FindAllStringSubmatch(wkt, -1); len(bs) > 0 {
		b := bs[len(bs)-1]
		v := make([]float64, 4)
		for i := range v {
			v[i], _ = strconv.ParseFloat(b[i+1], 64)
		}
		c.Area = extent{MinX: v[1], MinY: v[0], MaxX: v[3], MaxY: v[2], ok: true} // BBOX[south, west, north, east]
		if c.Area.MinX > c.Area.MaxX {                                            // crosses the antimeridian
			c.Area.MinX, c.Area.MaxX = -180, 180
		}
	}
	if as := wktArea.FindAllStringSubmatch(wkt, -1); len(as) > 0 {
		c.AreaName = as[len(as)-1][1]
	}
	return c, nil
}
