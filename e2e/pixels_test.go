package e2e

import (
	"bytes"
	"image"
	"image/png"
	"testing"
)

// redPixels counts the pixels of the red grade colour (#d7191c, allowing
// for antialiasing) within r pixels of (x, y) in a PNG screenshot.
func redPixels(t *testing.T, shot []byte, x, y, r int) int {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	b := img.Bounds().Intersect(image.Rect(x-r, y-r, x+r+1, y+r+1))
	for py := b.Min.Y; py < b.Max.Y; py++ {
		for px := b.Min.X; px < b.Max.X; px++ {
			cr, cg, cb, _ := img.At(px, py).RGBA()
			if near(cr>>8, 0xd7) && near(cg>>8, 0x19) && near(cb>>8, 0x1c) {
				n++
			}
		}
	}
	return n
}

func near(v, want uint32) bool { return v+20 >= want && v <= want+20 }
