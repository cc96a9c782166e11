package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"gasrisk/data/export"
	"gasrisk/geo"
	"gasrisk/riskmodel"
)

func exportCommand() command {
	return command{name: "export", args: "segments|stations|hazards [flags]",
		summary: "write segments, stations or hazards as GeoJSON (RFC 7946, EPSG:4326), CSV or XLSX",
		detail: "segments: the current run's segments with grade, score, the rule that set the grade (grade_rule and\n" +
			"its text in the --lang language, English unless zh), findings and factors; stations: with their\n" +
			"findings; hazards: the hazard ledger. CSV has a WKT geometry column; XLSX adds a point (lon, lat) and\n" +
			"has Chinese headers unless --lang en or key. Filters combine: --grade red,orange --district D01\n" +
			"--finding occupied,aged --bbox W,S,E,N.",
		flags: func(fs *flag.FlagSet) func(context.Context, *app, []string) error {
			var o export.Options
			var out, bbox string
			var grades, districts, findings listFlag
			fs.StringVar(&o.Format, "format", "geojson", "output format: geojson (RFC 7946), csv (WKT geometry column) or xlsx")
			fs.StringVar(&o.Lang, "lang", "", "CSV/XLSX column headers and texts: zh, en or key (default: key for csv, zh for xlsx)")
			fs.StringVar(&out, "o", "-", "output file (- for stdout)")
			fs.Var(&grades, "grade", "only these grades, e.g. red,orange")
			fs.Var(&districts, "district", "only these districts (ids or names)")
			fs.Var(&findings, "finding", "only features with any of these findings, e.g. occupied,sewer_crossing")
			fs.StringVar(&bbox, "bbox", "", "only features in W,S,E,N (EPSG:4326 degrees)")
			return func(ctx context.Context, a *app, args []string) error {
				if len(args) != 1 || !slices.Contains(export.Targets(), args[0]) {
					return usageError("want: export segments|stations|hazards")
				}
				o.Target = args[0]
				o.Filter = export.SegmentFilter{Grades: grades, Districts: districts, Findings: findings}
				if err := checkExportFlags(&o, bbox); err != nil {
					return err
				}
				if o.Format == "xlsx" {
					if err := binaryToTerminal(a, "--format xlsx", out); err != nil {
						return err
					}
				}
				return runExport(ctx, a, o, out)
			}
		}}
}

// checkExportFlags refuses what can be told wrong without the database.
func checkExportFlags(o *export.Options, bbox string) error {
	if !slices.Contains(export.Formats(), o.Format) {
		return usageError(fmt.Sprintf("unknown --format %q (supported: %s)", o.Format, strings.Join(export.Formats(), ", ")))
	}
	if o.Lang != "" && o.Lang != "zh" && o.Lang != "en" && o.Lang != export.LangKey {
		return usageError(fmt.Sprintf("unknown --lang %q (zh, en, key)", o.Lang))
	}
	for _, g := range o.Filter.Grades {
		if _, err := riskmodel.ParseGrade(g); err != nil {
			return usageError(fmt.Sprintf("--grade %q: want red, orange, yellow or blue", g))
		}
	}
	if bbox != "" {
		b, err := geo.ParseBBox(bbox, false)
		if err != nil {
			return usageError(err.Error())
		}
		o.Filter.BBox = &b
	}
	return nil
}

func runExport(ctx context.Context, a *app, o export.Options, out string) error {
	s, err := openServices(ctx, a)
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
	n, err := s.export.Export(ctx, w, o)
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
		fmt.Fprintf(a.stderr, "wrote %d %s to %s\n", n, o.Target, out)
	}
	return nil
}
