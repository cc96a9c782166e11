package printmap

import (
	"fmt"
	"os"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
)

// CJKFontPaths are the font files tried, in order, for the map's text:
// Debian's fonts-wqy-microhei, fonts-wqy-zenhei and fonts-noto-cjk. Each
// has Latin as well as Chinese glyphs, so one font writes both languages
// (and a Chinese district name in an English title).
func CJKFontPaths() []string {
	return []string{
		"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
		"/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
		"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
		"/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
	}
}

// Renderer draws maps in one font: the first CJK font of its paths that
// can be read, else the Go font (Latin only: maps asked for in Chinese
// then get English labels).
type Renderer struct {
	font *opentype.Font
	ttf  []byte // the font as a standalone TrueType file, for embedding in PDF
	cjk  bool
	// slots bounds the pages drawn at once: an A3 page at 300 dpi takes
	// some 130 MB while it is drawn.
	slots chan struct{}
}

// maxConcurrentPages is how many pages a Renderer draws at once.
const maxConcurrentPages = 2

// NewRenderer loads the first CJK font of paths that can be read
// (CJKFontPaths when none are given), else the Go font.
func NewRenderer(paths ...string) (*Renderer, error) {
	if len(paths) == 0 {
		paths = CJKFontPaths()
	}
	r := &Renderer{slots: make(chan struct{}, maxConcurrentPages)}
	for _, p := range paths {
		if ttf, f, err := loadFont(p); err == nil {
			r.font, r.ttf, r.cjk = f, ttf, true
			return r, nil
		}
	}
	f, err := opentype.Parse(goregular.TTF)
	if err != nil {
		return nil, err
	}
	r.font, r.ttf = f, goregular.TTF
	return r, nil
}

// HasCJK reports whether Chinese labels can be drawn.
func (r *Renderer) HasCJK() bool { return r.cjk }

// loadFont reads a TrueType/OpenType font or the first font of a
// collection, realigned for the parser.
func loadFont(path string) ([]byte, *opentype.Font, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	if b, err = standalone(b, 0); err != nil {
		return nil, nil, fmt.Errorf("font %s: %w", path, err)
	}
	f, err := opentype.Parse(b)
	if err != nil {
		return nil, nil, fmt.Errorf("font %s: %w", path, err)
	}
	return b, f, nil
}

// missing returns the runes of s the font has no glyph for (tofu on the
// page).
func (r *Renderer) missing(s string) []rune {
	var buf sfnt.Buffer
	var out []rune
	for _, c := range s {
		if c == ' ' {
			continue
		}
		if i, err := r.font.GlyphIndex(&buf, c); err != nil || i == 0 {
			out = append(out, c)
		}
	}
	return out
}

// measureSize is the size, in points at 72 dpi, of the face text is
// measured with; widths scale linearly from it.
const measureSize = 100

// metrics measures text in millimetres on paper, the same for every
// resolution (glyphs are drawn unhinted). One metrics serves one page:
// faces are not safe for concurrent use.
type metrics struct{ face font.Face }

func (r *Renderer) metrics() (metrics, error) {
	f, err := opentype.NewFace(r.font, &opentype.FaceOptions{Size: measureSize, DPI: 72, Hinting: font.HintingNone})
	return metrics{f}, err
}

// ptMM is one point in millimetres.
const ptMM = 25.4 / 72

// width is the advance of s at size points, in mm.
func (m metrics) width(size float64, s string) float64 {
	return float64(font.MeasureString(m.face, s)) / 64 * size / measureSize * ptMM
}

// ascent and descent are the font's extent above and below the baseline
// at size points, in mm.
func (m metrics) ascent(size float64) float64 {
	return float64(m.face.Metrics().Ascent) / 64 * size / measureSize * ptMM
}

func (m metrics) descent(size float64) float64 {
	return float64(m.face.Metrics().Descent) / 64 * size / measureSize * ptMM
}
