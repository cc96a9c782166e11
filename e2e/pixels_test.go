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

// gradePixels counts the pixels of each grade's colour (riskmodel.Grade.RGB)
// in the map area of a screenshot (left of the panel, x < maxX).
func gradePixels(t *testing.T, shot []byte, maxX int) map[string]int {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatal(err)
	}
	colours := map[string][3]uint32{"red": {0xd7, 0x19, 0x1c}, "orange": {0xfd, 0xae, 0x61}, "yellow": {0xff, 0xd9, 0x2f}, "blue": {0x2c, 0x7b, 0xb6}}
	n := map[string]int{}
	b := img.Bounds().Intersect(image.Rect(0, 0, maxX, img.Bounds().Max.Y))
	for py := b.Min.Y; py < b.Max.Y; py++ {
		for px := b.Min.X; px < b.Max.X; px++ {
			cr, cg, cb, _ := img.At(px, py).RGBA()
			for g, c := range colours {
				if near(cr>>8, c[0]) && near(cg>>8, c[1]) && near(cb>>8, c[2]) {
					n[g]++
				}
			}
		}
	}
	return n
}
