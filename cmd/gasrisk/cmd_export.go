package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"gasrisk/data"
	"gasrisk/riskmodel"
)

func exportCommand() command {
	return command{name: "export", args: "segments [flags]",
		summary: "write segments with their grades as GeoJSON (RFC 7946, EPSG:4326)",
		flags: func(fs *flag.FlagSet) func(context.Context, *app, []string) error {
			var format, out, bbox string
			var grades listFlag
			fs.StringVar(&format, "format", "geojson", "output format: geojson (RFC 7946) or csv (WKT geometry column)")
			fs.StringVar(&out, "o", "-", "output file (- for stdout)")
			fs.Var(&grades, "grade", "only these grades, e.g. red,orange")
			fs.StringVar(&bbox, "bbox", "", "only segments in W,S,E,N (EPSG:4326 degrees)")
			return func(ctx context.Context, a *app, args []string) error {
				if len(args) != 1 || args[0] != "segments" {
					return usageError("want: export segments")
				}
				if format != data.FormatGeoJSON && format != data.FormatCSV {
					return usageError(fmt.Sprintf("unknown --format %q (supported: geojson, csv)", format))
				}
				for _, g := range grades {
					if _, err := riskmodel.ParseGrade(g); err != nil {
						return usageError(fmt.Sprintf("--grade %q: want red, orange, yellow or blue", g))
					}
				}
				f := data.SegmentFilter{Grades: grades}
				if bbox != "" {
					b, err := parseBBox(bbox)
					if err != nil {
						return usageError(err.Error())
					}
					f.BBox = &b
				}
				return runExport(ctx, a, format, f, out)
			}
		}}
}

// parseBBox reads W,S,E,N in degrees.
func parseBBox(s string) ([4]float64, error) {
	var b [4]float64
	parts := strings.Split(s, ",")
	if len(parts) != 4 {
		return b, fmt.Errorf("bbox %q: want 4 numbers W,S,E,N, got %d", s, len(parts))
	}
	for i, p := range parts {
		v, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil {
			return b, fmt.Errorf("bbox %q: %q is not a number", s, p)
		}
		b[i] = v
	}
	if b[0] > b[2] || b[1] > b[3] || b[0] < -180 || b[2] > 180 || b[1] < -90 || b[3] > 90 {
		return b, fmt.Errorf("bbox %q: want W<=E and S<=N within -180..180, -90..90", s)
	}
	return b, nil
}

func runExport(ctx context.Context, a *app, format string, f data.SegmentFilter, out string) error {
	s, err := openStore(ctx, a)
	if err != nil {
		return err
	}
	defer s.Close()
	var w io.Writer = a.stdout
	var file *os.File
	if out != "-" {
		if file, err = os.Create(out); err != nil {
			return err
		}
		w = file
	}
	n, err := s.ExportSegments(ctx, w, format, f)
	if file != nil {
		if cerr := file.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(out)
		}
	}
	if err != nil {
		return err
	}
	if out != "-" {
		fmt.Fprintf(a.stderr, "wrote %d segments to %s\n", n, out)
	}
	return nil
}
