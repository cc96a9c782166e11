package printmap

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// poppler finds a poppler-utils tool; without it the test skips, except
// in CI, where it must run.
func poppler(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err == nil {
		return p
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%s not found: apt-get install poppler-utils", name)
	}
	t.Skipf("%s not found (apt-get install poppler-utils)", name)
	return ""
}

// TestPDF writes the map as PDF and reads it back with poppler: the page
// has the paper's size, its font is embedded, its text (the Chinese
// district name too) is text, and drawn back to pixels it shows the
// four colours and the legend's words.
func TestPDF(t *testing.T) {
	r, err := NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	if !r.HasCJK() {
		t.Skip("no CJK font (apt-get install fonts-wqy-microhei)")
	}
	for _, c := range []struct {
		page  Page
		lang  string
		size  string // pdfinfo's page size
		words []string
	}{
		{Page{Size: "A4", DPI: 150}, "zh", "595.28 x 841.89 pts (A4)", []string{"城东街道", "燃气管网安全风险分布图", "重大风险", "挂牌督办", "比例尺"}},
		{Page{Size: "A3", Landscape: true, DPI: 300}, "en", "1190.55 x 841.89 pts (A3)", []string{"城东街道", "Gas network risk distribution map", "Major risk", "Scale 1:"}},
	} {
		t.Run(c.page.Size+" "+c.lang, func(t *testing.T) {
			var b bytes.Buffer
			if err := r.WritePDF(&b, sample(c.page, c.lang)); err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(t.TempDir(), "map.pdf")
			if err := os.WriteFile(file, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			run := func(tool string, args ...string) string {
				out, err := exec.Command(poppler(t, tool), args...).CombinedOutput()
				if err != nil {
					t.Fatalf("%s: %v\n%s", tool, err, out)
				}
				return string(out)
			}
			if info := strings.Join(strings.Fields(run("pdfinfo", file)), " "); !strings.Contains(info, "Page size: "+c.size) || !strings.Contains(info, "Pages: 1 ") {
				t.Errorf("pdfinfo:\n%s", info)
			}
			fonts := strings.Split(strings.TrimSpace(run("pdffonts", file)), "\n")
			if len(fonts) < 3 {
				t.Fatalf("no fonts:\n%s", strings.Join(fonts, "\n"))
			}
			for _, l := range fonts[2:] {
				if f := strings.Fields(l); len(f) < 5 || f[len(f)-5] != "yes" { // emb
					t.Errorf("font not embedded: %s", l)
				}
			}
			txt := run("pdftotext", file, "-")
			for _, w := range c.words {
				if !strings.Contains(txt, w) {
					t.Errorf("%q not in the PDF's text:\n%s", w, txt)
				}
			}
			run("pdftoppm", "-r", "60", "-png", "-singlefile", file, strings.TrimSuffix(file, ".pdf"))
			f, err := os.Open(strings.TrimSuffix(file, ".pdf") + ".png")
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			img, err := png.Decode(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, g := range gradeOrder() {
				if n := countColour(img, GradeColour(g).R, GradeColour(g).G, GradeColour(g).B); n < 20 {
					t.Errorf("%s: %d pixels of its colour in the rendered PDF", g, n)
				}
			}
		})
	}
}

// countColour counts the pixels within a small distance of a colour.
func countColour(img image.Image, r, g, b uint8) int {
	near := func(a uint32, v uint8) bool { d := int(a>>8) - int(v); return d > -12 && d < 12 }
	n := 0
	bd := img.Bounds()
	for y := bd.Min.Y; y < bd.Max.Y; y++ {
		for x := bd.Min.X; x < bd.Max.X; x++ {
			rr, gg, bb, _ := img.At(x, y).RGBA()
			if near(rr, r) && near(gg, g) && near(bb, b) {
				n++
			}
		}
	}
	return n
}
