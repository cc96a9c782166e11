package tiles

import (
	"testing"

	"gasrisk"
	"gasrisk/geo"
)

func TestParseRequest(t *testing.T) {
	good := []struct {
		layer, z, x, file string
		want              Request
	}{
		{"segments", "0", "0", "0.mvt", Request{"segments", geo.Tile{Z: 0, X: 0, Y: 0}, MVT, 1}},
		{"segments", "12", "3349", "1682.mvt", Request{"segments", geo.Tile{Z: 12, X: 3349, Y: 1682}, MVT, 1}},
		{"hazards", "12", "3349", "1682.pbf", Request{"hazards", geo.Tile{Z: 12, X: 3349, Y: 1682}, MVT, 1}},
		{"buildings", "16", "53588", "26932.png", Request{"buildings", geo.Tile{Z: 16, X: 53588, Y: 26932}, PNG, 1}},
		{"stations", "16", "53588", "26932@2x.png", Request{"stations", geo.Tile{Z: 16, X: 53588, Y: 26932}, PNG, 2}},
		{"sewers", "3", "7", "7@1x.png", Request{"sewers", geo.Tile{Z: 3, X: 7, Y: 7}, PNG, 1}},
		{"districts", "22", "4194303", "4194303.mvt", Request{"districts", geo.Tile{Z: 22, X: 4194303, Y: 4194303}, MVT, 1}},
		{"pipes", "05", "007", "01.mvt", Request{"pipes", geo.Tile{Z: 5, X: 7, Y: 1}, MVT, 1}},
	}
	for _, c := range good {
		got, err := ParseRequest(c.layer, c.z, c.x, c.file)
		if err != nil || got != c.want {
			t.Errorf("%s/%s/%s/%s = %+v, %v; want %+v", c.layer, c.z, c.x, c.file, got, err, c.want)
		}
	}
	bad := []struct {
		layer, z, x, file string
		code              string
	}{
		{"nope", "1", "0", "0.mvt", gasrisk.ENOTFOUND},
		{"Segments", "1", "0", "0.mvt", gasrisk.ENOTFOUND},
		{"", "1", "0", "0.mvt", gasrisk.ENOTFOUND},
		{"segments", "1", "0", "0.jpg", gasrisk.ENOTFOUND},
		{"segments", "1", "0", "0", gasrisk.ENOTFOUND},
		{"segments", "1", "0", "0.mvt.gz", gasrisk.ENOTFOUND},
		{"segments", "1", "0", "0@2x.mvt", gasrisk.EINVALID}, // "0@2x" is not a number
		{"segments", "1", "0", "0@3x.png", gasrisk.EINVALID},
		{"segments", "1", "0", "0@.png", gasrisk.EINVALID},
		{"segments", "23", "0", "0.mvt", gasrisk.EINVALID},
		{"segments", "99999999999999999999", "0", "0.mvt", gasrisk.EINVALID},
		{"segments", "-1", "0", "0.mvt", gasrisk.EINVALID},
		{"segments", "+1", "0", "0.mvt", gasrisk.EINVALID},
		{"segments", "1.0", "0", "0.mvt", gasrisk.EINVALID},
		{"segments", "a", "0", "0.mvt", gasrisk.EINVALID},
		{"segments", "", "0", "0.mvt", gasrisk.EINVALID},
		{"segments", " 1", "0", "0.mvt", gasrisk.EINVALID},
		{"segments", "0x1", "0", "0.mvt", gasrisk.EINVALID},
		{"segments", "1", "2", "0.mvt", gasrisk.EINVALID},
		{"segments", "1", "0", "2.mvt", gasrisk.EINVALID},
		{"segments", "0", "1", "0.mvt", gasrisk.EINVALID},
		{"segments", "0", "0", "1.png", gasrisk.EINVALID},
		{"segments", "12", "4096", "0.mvt", gasrisk.EINVALID},
		{"segments", "12", "0", "4096.png", gasrisk.EINVALID},
		{"segments", "12", "-1", "0.mvt", gasrisk.EINVALID},
		{"segments", "12", "0", "-1.mvt", gasrisk.EINVALID},
		{"segments", "12", "x", "0.mvt", gasrisk.EINVALID},
		{"segments", "12", "0", "y.mvt", gasrisk.EINVALID},
		{"segments", "12", "0", ".mvt", gasrisk.EINVALID},
		{"segments", "12", "1e3", "0.mvt", gasrisk.EINVALID},
		{"segments", "22", "4194304", "0.mvt", gasrisk.EINVALID},
		{"segments", "22", "0", "99999999999999999999999.mvt", gasrisk.EINVALID},
	}
	for _, c := range bad {
		_, err := ParseRequest(c.layer, c.z, c.x, c.file)
		if got := gasrisk.ErrorCode(err); got != c.code {
			t.Errorf("%s/%s/%s/%s: code %q (%v), want %q", c.layer, c.z, c.x, c.file, got, err, c.code)
		}
	}
}

func TestIsLayerMatchesLayers(t *testing.T) {
	ls := Layers()
	if len(ls) != 8 {
		t.Fatalf("%d layers", len(ls))
	}
	for _, l := range ls {
		if !isLayer(l.Name) {
			t.Errorf("isLayer(%q) = false", l.Name)
		}
		if l.MinZoom > l.MaxZoom || l.MaxZoom > geo.MaxTileZoom || len(l.Fields) == 0 || l.Description == "" {
			t.Errorf("layer %+v incomplete", l)
		}
		for f, typ := range l.Fields {
			if typ != "String" && typ != "Number" && typ != "Boolean" {
				t.Errorf("%s.%s: type %q", l.Name, f, typ)
			}
		}
	}
	if _, ok := LookupLayer("segments"); !ok {
		t.Error("no segments layer")
	}
}
