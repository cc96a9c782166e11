package tiles_test

import (
	"fmt"
	"testing"

	"gasrisk"
	"gasrisk/geo"
	"gasrisk/tiles"
)

// FuzzParseRequest: the tile URL parser never panics, refuses only with
// 400 or 404 codes, and what it accepts is a tile inside its zoom's grid
// that parses back to itself.
func FuzzParseRequest(f *testing.F) {
	for _, s := range [][4]string{{"segments", "14", "13000", "6000.pbf"}, {"pipes", "0", "0", "0.png"}, {"hazards", "3", "7", "7@2x.png"},
		{"buildings", "22", "4194303", "4194303.mvt"}, {"segments", "99", "0", "0.mvt"}, {"x", "1", "1", "1.mvt"}, {"sewers", "-1", "1", "1@3x.png"},
		{"stations", "01", "+1", "1.png.png"}, {"districts", "4", "15", "16.mvt"}} {
		f.Add(s[0], s[1], s[2], s[3])
	}
	f.Fuzz(func(t *testing.T, layer, z, x, file string) {
		req, err := tiles.ParseRequest(layer, z, x, file)
		if err != nil {
			if c := gasrisk.ErrorCode(err); c != gasrisk.EINVALID && c != gasrisk.ENOTFOUND {
				t.Fatalf("refused with %v (%s)", err, c)
			}
			return
		}
		tl := req.Tile
		if tl.Z < 0 || tl.Z > geo.MaxTileZoom || tl.X < 0 || tl.Y < 0 || tl.X >= 1<<tl.Z || tl.Y >= 1<<tl.Z {
			t.Fatalf("accepted tile %+v outside its grid", tl)
		}
		if req.Scale != 1 && !(req.Scale == 2 && req.Format == tiles.PNG) {
			t.Fatalf("accepted scale %d for %s", req.Scale, req.Format)
		}
		name := fmt.Sprintf("%d.%s", tl.Y, req.Format)
		if req.Scale == 2 {
			name = fmt.Sprintf("%d@2x.png", tl.Y)
		}
		again, err := tiles.ParseRequest(req.Layer, fmt.Sprint(tl.Z), fmt.Sprint(tl.X), name)
		if err != nil || again != req {
			t.Fatalf("%+v does not parse back to itself: %+v %v", req, again, err)
		}
	})
}
