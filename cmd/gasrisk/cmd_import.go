package main

import (
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"

	"gasrisk/data/importer"
)

// importFlags are the flags import and import-dir share.
type importFlags struct {
	o                   importer.Options
	maps, values, sets  listFlag
	rejects             string
	mappingFlagsAllowed bool
}

// define declares the flags; import-dir takes no mappings (each layer has
// its own attributes) and no source layer.
func (f *importFlags) define(fs *flag.FlagSet) {
	fs.IntVar(&f.o.SRID, "srid", 0, "EPSG code of the file's CRS when the file carries none (e.g. CSV)")
	fs.BoolVar(&f.o.Replace, "replace", false, "replace the layer's features instead of adding to them")
	fs.BoolVar(&f.o.SkipInvalid, "skip-invalid", false, "load the valid features and write the rejected ones to a report")
	if !f.mappingFlagsAllowed {
		return
	}
	fs.Var(&f.maps, "map", "field mapping dst=src[,dst=src...]: canonical attribute = the file's attribute")
	fs.Var(&f.values, "value", "value mapping field:from=to (repeatable), e.g. material:staal=steel")
	fs.Var(&f.sets, "set", "a constant: field=value (repeatable) gives every feature this value, e.g. --set material=steel --set install_year=1990")
	fs.StringVar(&f.rejects, "rejects", "", "reject report path with --skip-invalid (default FILE.rejects.csv)")
	fs.StringVar(&f.o.SourceLayer, "source-layer", "", "layer to read from a multi-layer file (GeoPackage, FileGDB); required when it has several")
	fs.Float64Var(&f.o.MaxDistanceKM, "max-distance-km", importer.DefaultMaxDistanceKM,
		"refuse features further than this from the layers already loaded (a wrong CRS); negative: no check")
}

func importCommand() command {
	return command{name: "import", args: "LAYER FILE [--incremental] [flags]",
		summary: "load a GIS file (GeoJSON, GeoPackage, Shapefile, CSV with WKT, FileGDB, DXF …) into a layer",
		detail: "LAYER is one of " + strings.Join(importer.LayerNames(), ", ") + `.
The file is read with GDAL (ogr2ogr) and reprojected from its own CRS (or --srid).
All-or-nothing: one invalid feature refuses the whole file and leaves the database as it was,
unless --skip-invalid, which loads the rest and writes a reject report (CSV).
--incremental updates the features whose ids the layer has and adds the others; for pipes,
buildings and sewers it then re-grades only the pipes the changed features reach and revises
the current analysis run in place (gasrisk analyze --pipes; docs/design.md).
Attribute names match case-insensitively (ID, Material …); docs/data-model.md lists them.
A pipe with neither pressure_class nor pressure_mpa is taken as MPA (counted in a warning).

Examples:
  gasrisk import pipes leidingen.shp --map material=MATERIAAL,diameter_mm=DIAMETER \
      --value material:staal=steel --value material:gietijzer=cast_iron
  gasrisk import pipes network.geojson --set material=steel --set install_year=1990
  gasrisk import buildings buildings.csv --srid 4547 --replace
  gasrisk import pipes edited-pipes.geojson --incremental`,
		flags: func(fs *flag.FlagSet) func(context.Context, *app, []string) error {
			f := &importFlags{mappingFlagsAllowed: true}
			f.define(fs)
			fs.BoolVar(&f.o.Update, "incremental", false, "update the features whose ids the layer has, add the others, and re-grade the pipes they reach")
			return func(ctx context.Context, a *app, args []string) error {
				if len(args) != 2 {
					return usageError("want LAYER FILE")
				}
				o := f.o
				o.Layer, o.File = args[0], args[1]
				layer, err := importer.LookupLayer(o.Layer)
				if err != nil {
					return usageError(err.Error())
				}
				if o.Mapping, err = mapping(layer, f.maps, f.values, f.sets); err != nil {
					return err
				}
				rejects := f.rejects
				if rejects == "" {
					rejects = o.File + ".rejects.csv"
				}
				if _, err := os.Stat(o.File); err != nil {
					return fmt.Errorf("cannot read %s: %w", o.File, err)
				}
				s, err := openServices(ctx, a)
				if err != nil {
					return err
				}
				defer s.Close()
				if o.Update && o.Replace {
					return usageError("--incremental and --replace exclude each other")
				}
				res, err := importFile(ctx, a, s, o, rejects)
				if err != nil {
					return err
				}
				if o.Update {
					return reanalyzeImported(ctx, a, s, res)
				}
				staleRunNote(ctx, a, s, []string{o.Layer})
				return nil
			}
		}}
}

// mapping builds the field, value and constant mappings from the flags,
// naming the flag of any canonical attribute layer does not have.
func mapping(layer importer.Layer, maps, values, sets []string) (importer.Mapping, error) {
	m := importer.Mapping{Values: map[string]map[string]string{}}
	var err error
	if m.Fields, err = pairs("map", "dst=src", maps); err != nil {
		return m, err
	}
	if m.Constants, err = pairs("set", "field=value", sets); err != nil {
		return m, err
	}
	for _, v := range values {
		field, rest, ok := strings.Cut(v, ":")
		from, to, ok2 := strings.Cut(rest, "=")
		if !ok || !ok2 || field == "" || to == "" {
			return m, usageError(fmt.Sprintf("--value %q: want field:from=to", v))
		}
		field = strings.ToLower(strings.TrimSpace(field))
		if m.Values[field] == nil {
			m.Values[field] = map[string]string{}
		}
		m.Values[field][from] = to
	}
	check := func(flagName string, fields map[string]string) error {
		for k := range fields {
			if _, ok := layer.Field(strings.ToLower(k)); !ok {
				return usageError(fmt.Sprintf("--%s %s: %s has no attribute %q (it has %s)", flagName, k, layer.Name, k, strings.Join(layer.FieldNames(), ", ")))
			}
		}
		return nil
	}
	vals := map[string]string{}
	for k := range m.Values {
		vals[k] = ""
	}
	for _, c := range []struct {
		flag string
		m    map[string]string
	}{{"map", m.Fields}, {"set", m.Constants}, {"value", vals}} {
		if err := check(c.flag, c.m); err != nil {
			return m, err
		}
	}
	return m, nil
}

// importFile imports one file with progress and reports what it did.
func importFile(ctx context.Context, a *app, s *services, o importer.Options, rejectPath string) (importer.Result, error) {
	p := newProgress(a, "reading "+o.Layer, -1)
	o.Progress = p.set
	o.Phase = func(name string) { p.describe(o.Layer + ": " + name) }
	res, err := s.importer.Import(ctx, o)
	p.done()
	if err != nil {
		var re *importer.RejectedError
		if errors.As(err, &re) {
			return res, err
		}
		return res, fmt.Errorf("%s: %w (nothing was imported)", o.File, err)
	}
	fmt.Fprintf(a.stdout, "%s: imported %d %s (read %d, rejected %d) in %s; working CRS EPSG:%d\n",
		o.File, res.Loaded, res.Layer, res.Read, len(res.Rejects), res.Duration.Round(1e7), res.WorkingSRID)
	for _, w := range res.Warnings {
		fmt.Fprintf(a.stderr, "warning: %s: %s\n", o.File, w)
	}
	if len(res.Rejects) > 0 {
		if err := writeRejects(rejectPath, res.Rejects); err != nil {
			return res, err
		}
		fmt.Fprintf(a.stdout, "reject report: %s\n", rejectPath)
	}
	if o.Layer == "pipes" {
		return res, reconcileJobs(ctx, a, s)
	}
	return res, nil
}

// staleRunNote says that the current analysis predates the import of
// layers (districts do not change grades).
func staleRunNote(ctx context.Context, a *app, s *services, layers []string) {
	if len(layers) == 1 && layers[0] == "districts" {
		return
	}
	if run, err := s.db.CurrentRun(ctx); err == nil && run != 0 {
		fmt.Fprintf(a.stdout, "note: the current analysis (run %d) predates this import; run \"gasrisk analyze\" to update the grades\n", run)
	}
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
