package web_test

import (
	"fmt"
	"os"
	"regexp"
	"testing"

	"gasrisk/riskmodel"
)

// TestPagePaletteMatchesModel: the grade colours of the web map and the
// ledger page are those of riskmodel, which the raster tiles, the printed
// map and the spreadsheets use.
func TestPagePaletteMatchesModel(t *testing.T) {
	for file, pattern := range map[string]string{
		"ui/style.js":          `%s:\s*"#([0-9a-fA-F]{6})"`,
		"ledger_ui/ledger.js":  `%s:\s*"#([0-9a-fA-F]{6})"`,
		"ledger_ui/ledger.css": `\.g-%s\s*\{\s*background:\s*#([0-9a-fA-F]{6})`,
	} {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range riskmodel.Grades() {
			t.Run(file+"/"+string(g), func(t *testing.T) {
				m := regexp.MustCompile(fmt.Sprintf(pattern, g)).FindSubmatch(src)
				if m == nil {
					t.Fatalf("%s has no colour for %s", file, g)
				}
				if want := fmt.Sprintf("%06x", g.RGB()); string(m[1]) != want {
					t.Errorf("%s: %s = #%s, riskmodel #%s", file, g, m[1], want)
				}
			})
		}
	}
}
