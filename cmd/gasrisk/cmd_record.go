package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strings"

	"gasrisk/data/importer"
)

func recordCommand() command {
	return command{name: "record", args: "add LAYER --lon X --lat Y ATTR=VALUE... | list LAYER [--limit N] [--pipe ID]",
		summary: "add a field record (leak, patrol observation, CP reading) or list the newest",
		detail: "LAYER is one of " + strings.Join(importer.EvidenceLayers(), ", ") + ". add stores one record at\n" +
			"--lon/--lat (EPSG:4326), its attributes as ATTR=VALUE, checked as an import checks them; a refused record\n" +
			"stores nothing. Example:\n" +
			"  gasrisk record add leaks --lon 114.31 --lat 30.59 found_date=2026-06-01 leak_class=1 cause=corrosion pipe_id=P12\n" +
			"list prints the newest records as GeoJSON.",
		flags: func(fs *flag.FlagSet) func(context.Context, *app, []string) error {
			var lon, lat float64
			var limit int
			var pipe string
			fs.Float64Var(&lon, "lon", 0, "add: longitude (EPSG:4326)")
			fs.Float64Var(&lat, "lat", 0, "add: latitude (EPSG:4326)")
			fs.IntVar(&limit, "limit", 100, "list: newest records to show")
			fs.StringVar(&pipe, "pipe", "", "list: only records on this pipe")
			return func(ctx context.Context, a *app, args []string) error {
				if len(args) < 2 {
					return usageError("want: record add LAYER --lon X --lat Y ATTR=VALUE... | record list LAYER")
				}
				switch sub, layer, rest := args[0], args[1], args[2:]; {
				case sub == "add":
					props := map[string]any{}
					for _, kv := range rest {
						k, v, ok := strings.Cut(kv, "=")
						if !ok || k == "" {
							return usageError(fmt.Sprintf("%q: want ATTR=VALUE", kv))
						}
						props[k] = v
					}
					g := json.RawMessage(fmt.Sprintf(`{"type":"Point","coordinates":[%v,%v]}`, lon, lat))
					return runRecordAdd(ctx, a, layer, importer.Record{Type: "Feature", Properties: props, Geometry: g})
				case sub == "list" && len(rest) == 0:
					return runRecordList(ctx, a, layer, importer.RecordFilter{Limit: limit, PipeID: pipe})
				}
				return usageError("want: record add LAYER --lon X --lat Y ATTR=VALUE... | record list LAYER")
			}
		}}
}

func runRecordAdd(ctx context.Context, a *app, layer string, rec importer.Record) error {
	s, err := openServices(ctx, a)
	if err != nil {
		return err
	}
	defer s.Close()
	id, err := s.importer.AddRecord(ctx, layer, rec)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "added %s record %s\n", layer, id)
	return nil
}

func runRecordList(ctx context.Context, a *app, layer string, f importer.RecordFilter) error {
	s, err := openServices(ctx, a)
	if err != nil {
		return err
	}
	defer s.Close()
	recs, err := s.importer.Records(ctx, layer, f)
	if err != nil {
		return err
	}
	if recs == nil {
		recs = []importer.Record{}
	}
	enc := json.NewEncoder(a.stdout)
	enc.SetIndent("", " ")
	return enc.Encode(map[string]any{"type": "FeatureCollection", "features": recs})
}
