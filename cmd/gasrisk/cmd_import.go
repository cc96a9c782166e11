package main

import (
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"gasrisk/data/importer"
	"os"
	"strconv"
	"strings"
)

func importCommand() command {
	return command{name: "import", args: "LAYER FILE [flags]",
		summary: "load a GIS file (GeoJSON, GeoPackage, Shapefile, CSV with WKT, FileGDB, DXF …) into a layer",
		detail: "LAYER is one of " + strings.Join(importer.LayerNames(), ", ") + `.
The file is read with GDAL (ogr2ogr) and reprojected from its own CRS (or --srid).
All-or-nothing: one invalid feature refuses the whole file and leaves the database as it was,
unless --skip-invalid, which loads the rest and writes a reject report (CSV).

Examples:
  gasrisk import pipes leidingen.shp --map material=MATERIAAL,diameter_mm=DIAMETER \
      --value material:staal=steel --value material:gietijzer=cast_iron
  gasrisk import buildings buildings.csv --srid 4547 --replace`,
		flags: func(fs *flag.FlagSet) func(context.Context, *app, []string) error {
			var o importer.Options
			var maps, values listFlag
			var rejects string
			fs.IntVar(&o.SRID, "srid", 0, "EPSG code of the file's CRS when the file carries none (e.g. CSV)")
			fs.Var(&maps, "map", "field mapping dst=src[,dst=src...]: canonical attribute = the file's attribute")
			fs.Var(&values, "value", "value mapping field:from=to (repeatable), e.g. material:staal=steel")
			fs.BoolVar(&o.Replace, "replace", false, "replace the layer's features instead of adding to them")
			fs.BoolVar(&o.SkipInvalid, "skip-invalid", false, "load the valid features and write the rejected ones to a report")
			fs.StringVar(&rejects, "rejects", "", "reject report path with --skip-invalid (default FILE.rejects.csv)")
			fs.StringVar(&o.SourceLayer, "source-layer", "", "layer to read from a multi-layer file (GeoPackage, FileGDB); required when it has several")
			fs.Float64Var(&o.MaxDistanceKM, "max-distance-km", importer.DefaultMaxDistanceKM,
				"refuse features further than this from the layers already loaded (a wrong CRS); negative: no check")
			return func(ctx context.Context, a *app, args []string) error {
				if len(args) != 2 {
					return usageError("want LAYER FILE")
				}
				o.Layer, o.File = args[0], args[1]
				if _, err := importer.LookupLayer(o.Layer); err != nil {
					return usageError(err.Error())
				}
				var err error
				if o.Mapping, err = mapping(maps, values); err != nil {
					return err
				}
				if rejects == "" {
					rejects = o.File + ".rejects.csv"
				}
				return runImport(ctx, a, o, rejects)
			}
		}}
}

// mapping builds the field and value mappings from the flags.
func mapping(maps, values []string) (importer.Mapping, error) {
	m := importer.Mapping{Values: map[string]map[string]string{}}
	var err error
	if m.Fields, err = pairs("map", maps); err != nil {
		return m, err
	}
	for _, v := range values {
		field, rest, ok := strings.Cut(v, ":")
		from, to, ok2 := strings.Cut(rest, "=")
		if !ok || !ok2 || field == "" || to == "" {
			return m, usageError(fmt.Sprintf("--value %q: want field:from=to", v))
		}
		if m.Values[field] == nil {
			m.Values[field] = map[string]string{}
		}
		m.Values[field][from] = to
	}
	return m, nil
}

func runImport(ctx context.Context, a *app, o importer.Options, rejectPath string) error {
	if _, err := os.Stat(o.File); err != nil {
		return fmt.Errorf("cannot read %s: %w", o.File, err)
	}
	s, err := openServices(ctx, a)
	if err != nil {
		return err
	}
	defer s.Close()
	p := newProgress(a, "reading "+o.Layer, -1)
	o.Progress = p.set
	o.Phase = func(name string) { p.describe(o.Layer + ": " + name) }
	res, err := s.importer.Import(ctx, o)
	p.done()
	if err != nil {
		var re *importer.RejectedError
		if errors.As(err, &re) {
			return err
		}
		return fmt.Errorf("%s: %w (nothing was imported)", o.File, err)
	}
	fmt.Fprintf(a.stdout, "%s: imported %d %s (read %d, rejected %d) in %s; working CRS EPSG:%d\n",
		o.File, res.Loaded, res.Layer, res.Read, len(res.Rejects), res.Duration.Round(1e7), res.WorkingSRID)
	if run, err := s.db.CurrentRun(ctx); err == nil && run != 0 && o.Layer != "districts" {
		fmt.Fprintf(a.stdout, "note: the current analysis (run %d) predates this import; run \"gasrisk analyze\" to update the grades\n", run)
	}
	if len(res.Rejects) > 0 {
		if err := writeRejects(rejectPath, res.Rejects); err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "reject report: %s\n", rejectPath)
	}
	return nil
}

func writeRejects(path string, rs []importer.Reject) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	w.Write([]string{"index", "id", "reason"})
	for _, r := range rs {
		w.Write([]string{strconv.Itoa(r.Index), r.ID, r.Reason})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
