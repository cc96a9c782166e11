package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"gasrisk/data/importer"
)

// layerExts are the file extensions import-dir looks for, in order.
var layerExts = []string{".geojson", ".json", ".gpkg", ".shp", ".csv"}

func importDirCommand() command {
	return command{name: "import-dir", args: "DIR [--replace] [--skip-invalid] [--srid EPSG]",
		summary: "import every layer file of a directory (what gen writes) in dependency order",
		detail: "Looks in DIR for LAYER.geojson (or .json, .gpkg, .shp, .csv) for each layer, in the order\n" +
			strings.Join(importer.Order(), ", ") + " (districts first: the working CRS comes from\n" +
			"the city's extent), and imports each as \"gasrisk import LAYER FILE\" would. Layers without a file are\n" +
			"named and skipped. A refused file stops the run; the layers before it stay imported.",
		flags: func(fs *flag.FlagSet) func(context.Context, *app, []string) error {
			f := &importFlags{}
			f.define(fs)
			return func(ctx context.Context, a *app, args []string) error {
				if len(args) != 1 {
					return usageError("want DIR")
				}
				files, missing, err := layerFiles(args[0])
				if err != nil {
					return err
				}
				s, err := openServices(ctx, a)
				if err != nil {
					return err
				}
				defer s.Close()
				if err := importFiles(ctx, a, s, f.o, files, missing); err != nil {
					return err
				}
				staleRunNote(ctx, a, s, layersOf(files))
				return nil
			}
		}}
}

// layerFile is the file of one layer in a directory.
type layerFile struct{ layer, path string }

// layerFiles finds the file of each layer in dir, in import order, and
// the layers that have none.
func layerFiles(dir string) (files []layerFile, missing []string, err error) {
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, nil, usageError(fmt.Sprintf("%s is not a directory", dir))
	}
	for _, l := range importer.Order() {
		found := false
		for _, ext := range layerExts {
			p := filepath.Join(dir, l+ext)
			if _, err := os.Stat(p); err == nil {
				files = append(files, layerFile{l, p})
				found = true
				break
			}
		}
		if !found {
			missing = append(missing, l)
		}
	}
	if len(files) == 0 {
		return nil, nil, fmt.Errorf("%s holds no layer file (want LAYER.geojson, .gpkg, .shp or .csv for LAYER in %s)",
			dir, strings.Join(importer.Order(), ", "))
	}
	return files, missing, nil
}

// importFiles imports each layer file with the options o.
func importFiles(ctx context.Context, a *app, s *services, o importer.Options, files []layerFile, missing []string) error {
	if len(missing) > 0 {
		fmt.Fprintf(a.stderr, "warning: no file for %s: skipped\n", strings.Join(missing, ", "))
	}
	for i, f := range files {
		lo := o
		lo.Layer, lo.File = f.layer, f.path
		if _, err := importFile(ctx, a, s, lo, f.path+".rejects.csv"); err != nil {
			if i > 0 {
				fmt.Fprintf(a.stderr, "stopped at %s; imported before it: %s\n", f.layer, strings.Join(layersOf(files[:i]), ", "))
			}
			return err
		}
	}
	return nil
}

func layersOf(files []layerFile) []string {
	var out []string
	for _, f := range files {
		out = append(out, f.layer)
	}
	return out
}
