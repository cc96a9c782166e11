package printmap

import (
	"fmt"
	"os"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
)

// CJKFontPaths are the font files tried, in order, for Chinese labels:
// Debian's fonts-wqy-microhei, fonts-wqy-zenhei and fonts-noto-cjk.
func CJKFontPaths() []string {
	return []string{
		"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
		"/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
		"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
		"/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
	}
}

// Renderer draws maps with its fonts: the Go fonts for Latin text and,
// when one was found, a CJK font for Chinese. Without a CJK font, maps
// asked for in Chinese get English labels.
type Renderer struct {
	regular, bold *opentype.Font
	cjk           *opentype.Font // nil: none found
	// slots bounds the pages drawn at once: an A3 page at 300 dpi takes
	// some 130 MB while it is drawn.
	slots chan struct{}
}

// maxConcurrentPages is how many pages a Renderer draws at once.
const maxConcurrentPages = 2

// NewRenderer loads the Go fonts and the first CJK font of paths that
// can be read (CJKFontPaths when none are given).
func NewRenderer(paths ...string) (*Renderer, error) {
	if len(paths) == 0 {
		paths = CJKFontPaths()
	}
	regular, err := opentype.Parse(goregular.TTF)
	if err != nil {
		return nil, err
	}
	bold, err := opentype.Parse(gobold.TTF)
	if err != nil {
		return nil, err
	}
	r := &Renderer{regular: regular, bold: bold, slots: make(chan struct{}, maxConcurrentPages)}
	for _, p := range paths {
		if f, err := loadFont(p); err == nil {
			r.cjk = f
			break
		}
	}
	return r, nil
}

// HasCJK reports whether Chinese labels can be drawn.
func (r *Renderer) HasCJK() bool { return r.cjk != nil }

// loadFont reads a TrueType/OpenType font or the first font of a
// collection, realigned for the parser.
func loadFont(path string) (*opentype.Font, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if b, err = standalone(b, 0); err != nil {
		return nil, fmt.Errorf("font %s: %w", path, err)
	}
	f, err := opentype.Parse(b)
	if err != nil {
		return nil, fmt.Errorf("font %s: %w", path, err)
	}
	return f, nil
}

// face returns a face of size pt at dpi: the CJK font for Chinese text,
// the Go fonts otherwise.
func (r *Renderer) face(pt float64, dpi int, bold, cjk bool) (font.Face, error) {
	f := r.regular
	if bold {
		f = r.bold
	}
	if cjk && r.cjk != nil {
		f = r.cjk
	}
	return opentype.NewFace(f, &opentype.FaceOptions{Size: pt, DPI: float64(dpi), Hinting: font.HintingFull})
}
