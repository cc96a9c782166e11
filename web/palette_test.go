package web_test

import (
	"fmt"
	"os"
	"regexp"
	"testing"

	"gasrisk/riskmodel"
)

// TestMapPaletteMatchesModel: the web map's grade colours (ui/style.js)
// are those of riskmodel, which the raster tiles, the printed map and the
// spreadsheets use.
func TestMapPaletteMatchesModel(t *testing.T) {
	js, err := os.ReadFile("ui/style.js")
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range riskmodel.Grades() {
		t.Run(string(g), func(t *testing.T) {
			re := regexp.MustCompile(string(g) + `:\s*"#([0-9a-fA-F]{6})"`)
			m := re.FindSubmatch(js)
			if m == nil {
				t.Fatalf("style.js has no colour for %s", g)
			}
			if want := fmt.Sprintf("%06x", g.RGB()); string(m[1]) != want {
				t.Errorf("style.js %s = #%s, riskmodel #%s", g, m[1], want)
			}
		})
	}
}
