package main

import (
	"context"
	"flag"
	"fmt"

	"gasrisk/synth"
)

func genCommand() command {
	return command{name: "gen", args: "-o DIR [--segments N] [--seed S] [--format geojson|csv] [--fleet-hours H] [--connected] [--field-history X]",
		summary: "write a deterministic synthetic city (any size) as importable files",
		detail: "Writes districts, pipes, sewers, buildings, places, stations and detectors, valves and customers into DIR, and a\n" +
			"history of field records ending on " + synth.HistoryEnd().Format("2006-01-02") + ": leaks, patrols and cp_readings.\nThe same flags always give the same files.",
		flags: func(fs *flag.FlagSet) func(context.Context, *app, []string) error {
			var cfg synth.Config
			var out string
			var fleetHours int
			fs.IntVar(&fleetHours, "fleet-hours", 0, "also write readings.csv: the live detectors' readings over the last H hours (noise, a few drifting, one leak), for POST /api/v1/readings")
			fs.IntVar(&cfg.Segments, "segments", 5000, "number of gas pipe segments to generate (one pipe per street edge; analysis cuts them further where findings change, about 2.75× on this city)")
			fs.Int64Var(&cfg.Seed, "seed", 1, "random seed")
			fs.BoolVar(&cfg.Connected, "connected", false, "join the pipes of a pressure class at the street nodes (a network for topology and isolation traces; some 50 % more sewer crossings and segments)")
			fs.StringVar(&cfg.Format, "format", "geojson", "file format: geojson or csv (WKT, EPSG:4326)")
			fs.Float64Var(&cfg.FieldHistory, "field-history", 1, "multiply the rates of the generated leaks and patrol observations by X (a denser history on the same city, e.g. for the field-evidence benchmark; the layers other than the field records do not change)")
			fs.StringVar(&out, "o", "", "output directory (required)")
			return func(ctx context.Context, a *app, args []string) error {
				if len(args) != 0 || out == "" {
					return usageError("want -o DIR")
				}
				if cfg.Segments < 10 {
					return usageError("--segments must be at least 10")
				}
				if !(cfg.FieldHistory > 0 && cfg.FieldHistory <= 100) {
					return usageError("--field-history: want a scale above 0 and at most 100")
				}
				if fleetHours < 0 || fleetHours > 24*31 || fleetHours > 0 && cfg.Format != "geojson" && cfg.Format != "" {
					return usageError("--fleet-hours: want 0–744, with --format geojson")
				}
				if err := runGen(ctx, a, cfg, out); err != nil || fleetHours == 0 {
					return err
				}
				return writeFleetCSV(a, out, cfg.Seed, fleetHours)
			}
		}}
}

func runGen(ctx context.Context, a *app, cfg synth.Config, dir string) error {
	p := newProgress(a, "generating", int64(cfg.Segments))
	st, err := synth.Generate(ctx, cfg, dir, func(done, total int) { p.set(done) })
	p.done()
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "wrote %s: %d pipes, %d sewers, %d buildings, %d places, %d stations, %d detectors, %d valves, %d customers, %d districts; "+
		"%d leaks, %d patrol observations, %d CP readings\n",
		dir, st.Pipes, st.Sewers, st.Buildings, st.Places, st.Stations, st.Detectors, st.Valves, st.Customers, st.Districts, st.Leaks, st.Patrols, st.CPReadings)
	return nil
}
