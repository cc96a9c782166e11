package printsource_test

import (
	"bytes"
	"context"
	"image/png"
	"testing"
	"time"

	"gasrisk"
	"gasrisk/data/datatest"
	"gasrisk/data/printsource"
	"gasrisk/geo"
	"gasrisk/printmap"
)

func TestPrintMap(t *testing.T) {
	s := env.CasesCity(t)
	ctx := context.Background()
	r, err := printmap.NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	// A box around case 1 (the school on the pipe), in degrees.
	var box geo.BBox
	err = s.DB.Pool.QueryRow(ctx, `SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM
		(SELECT ST_Transform(ST_MakeEnvelope($1::float8 - 50, $2::float8 - 50, $1::float8 + 150, $2::float8 + 50, 32650), 4326) e) x`,
		datatest.BaseX+1000, datatest.BaseY).Scan(&box.W, &box.S, &box.E, &box.N)
	if err != nil {
		t.Fatal(err)
	}
	page := printmap.Page{Size: "A4", Landscape: true, DPI: 100}
	for _, c := range []struct {
		name string
		area printsource.Area
		page printmap.Page
	}{
		{"district", printsource.Area{District: "D1"}, page},
		{"bbox A3", printsource.Area{BBox: &box}, printmap.Page{Size: "A3", DPI: 72}},
		{"network", printsource.Area{}, page},
	} {
		t.Run(c.name, func(t *testing.T) {
			m, err := s.Print.PrintMap(ctx, c.area, c.page, "zh", datatest.Today())
			if err != nil {
				t.Fatal(err)
			}
			if m.RunID == 0 || m.Km["red"] <= 0 || len(m.Lines) == 0 || m.OpenHazards == 0 || m.SRID != 32650 {
				t.Errorf("map run %d, km %v, %d lines, %d hazards", m.RunID, m.Km, len(m.Lines), m.OpenHazards)
			}
			var b bytes.Buffer
			if err := r.WritePNG(&b, m); err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(&b)
			if err != nil {
				t.Fatal(err)
			}
			w, h := c.page.Pixels()
			if img.Bounds().Dx() != w || img.Bounds().Dy() != h {
				t.Errorf("size %v, want %dx%d", img.Bounds(), w, h)
			}
			frame := c.page.Frame()
			red := 0
			for y := frame.Min.Y; y < frame.Max.Y; y++ {
				for x := frame.Min.X; x < frame.Max.X; x++ {
					if rr, g, bb, _ := img.At(x, y).RGBA(); rr>>8 > 200 && g>>8 < 40 && bb>>8 < 40 {
						red++
					}
				}
			}
			if red < 20 {
				t.Errorf("%d red pixels in the map frame", red)
			}
		})
	}
	for _, c := range []struct {
		area printsource.Area
		code string
	}{
		{printsource.Area{District: "nowhere"}, gasrisk.ENOTFOUND},
		{printsource.Area{District: "D1", BBox: &box}, gasrisk.EINVALID},
		{printsource.Area{BBox: &geo.BBox{W: 10, S: 10, E: 5, N: 5}}, gasrisk.EINVALID},
	} {
		if _, err := s.Print.PrintMap(ctx, c.area, page, "zh", time.Now()); gasrisk.ErrorCode(err) != c.code {
			t.Errorf("%+v: err %v, want %s", c.area, err, c.code)
		}
	}
}
