package paint

import (
	"image"
	"math"
	"testing"

	"golang.org/x/image/vector"
)

// coverage rasterizes what add draws on a 100 × 100 canvas and returns
// the covered area in pixels (partial coverage counted as a fraction).
func coverage(add func(z *vector.Rasterizer)) float64 {
	z := vector.NewRasterizer(100, 100)
	add(z)
	dst := image.NewAlpha(image.Rect(0, 0, 100, 100))
	z.Draw(dst, dst.Bounds(), image.Opaque, image.Point{})
	var sum float64
	for _, a := range dst.Pix {
		sum += float64(a) / 255
	}
	return sum
}

func TestShapes(t *testing.T) {
	for _, tc := range []struct {
		name      string
		add       func(z *vector.Rasterizer)
		want, tol float64
	}{
		{"horizontal stroke: band plus round caps", func(z *vector.Rasterizer) {
			Stroke(z, []Point{{X: 20, Y: 50}, {X: 80, Y: 50}}, 10)
		}, 60*10 + math.Pi*25, 10},
		{"stroke doubling back covers its band once (no cancelling)", func(z *vector.Rasterizer) {
			Stroke(z, []Point{{X: 20, Y: 50}, {X: 80, Y: 50}, {X: 20, Y: 50}}, 10)
		}, 60*10 + math.Pi*25, 10},
		{"repeated points are skipped", func(z *vector.Rasterizer) {
			Stroke(z, []Point{{X: 20, Y: 50}, {X: 20, Y: 50}, {X: 80, Y: 50}}, 10)
		}, 60*10 + math.Pi*25, 10},
		{"disc", func(z *vector.Rasterizer) { Disc(z, Point{X: 50, Y: 50}, 20, 48) }, math.Pi * 400, 8},
		{"square ring", func(z *vector.Rasterizer) {
			Ring(z, []Point{{X: 10, Y: 10}, {X: 60, Y: 10}, {X: 60, Y: 60}, {X: 10, Y: 60}})
		}, 2500, 0.5},
		{"ring of two points adds nothing", func(z *vector.Rasterizer) {
			Ring(z, []Point{{X: 10, Y: 10}, {X: 60, Y: 60}})
		}, 0, 0},
		{"stroke off the canvas adds nothing", func(z *vector.Rasterizer) {
			Stroke(z, []Point{{X: -50, Y: -50}, {X: -20, Y: -50}}, 4)
		}, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := coverage(tc.add); math.Abs(got-tc.want) > tc.tol {
				t.Errorf("covered %.1f px², want %.1f ± %.1f", got, tc.want, tc.tol)
			}
		})
	}
}

func TestVisible(t *testing.T) {
	z := vector.NewRasterizer(100, 50)
	for _, tc := range []struct {
		p    Point
		r    float64
		want bool
	}{
		{Point{X: 50, Y: 25}, 1, true}, {Point{X: -3, Y: 25}, 2, false}, {Point{X: -3, Y: 25}, 4, true},
		{Point{X: 50, Y: 53}, 2, false}, {Point{X: 50, Y: 53}, 3, true}, {Point{X: 104, Y: 25}, 5, true},
	} {
		if got := visible(z, tc.p, tc.r); got != tc.want {
			t.Errorf("visible(%v, %v) = %v", tc.p, tc.r, got)
		}
	}
}
