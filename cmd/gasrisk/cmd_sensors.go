package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"

	"gasrisk/riskmodel"
)

func sensorsCommand() command {
	return command{name: "sensors", args: "suggest [--count N] [--json] [--model FILE]",
		summary: "live gas detectors: where to put the next ones",
		detail: `  suggest   the crossings of gas pipes with sewers and culverts that the current analysis found
            without a detector and that no detector covers now, ranked by the risk a detector there
            would watch (the crossing segments' scores, which weigh the buildings along the sewer).`,
		flags: func(fs *flag.FlagSet) func(context.Context, *app, []string) error {
			var count int
			var asJSON bool
			var model string
			fs.IntVar(&count, "count", 10, "how many places (1–1000)")
			fs.BoolVar(&asJSON, "json", false, "print JSON")
			fs.StringVar(&model, "model", "", "model config file: its detection.detector_search_radius_m decides what a detector covers")
			return func(ctx context.Context, a *app, args []string) error {
				if len(args) != 1 || args[0] != "suggest" {
					return usageError("want: sensors suggest [--count N]")
				}
				if count < 1 || count > 1000 {
					return usageError("--count: want 1–1000")
				}
				radius := riskmodel.DefaultConfig().Detection.DetectorSearchRadiusM
				if model != "" {
					o, err := analysisOptions(model, "")
					if err != nil {
						return err
					}
					radius = o.Model.Detection.DetectorSearchRadiusM
				}
				return runSuggest(ctx, a, count, radius, asJSON)
			}
		}}
}

func runSuggest(ctx context.Context, a *app, count int, radius float64, asJSON bool) error {
	s, err := openServices(ctx, a)
	if err != nil {
		return err
	}
	defer s.Close()
	cs, err := s.sensors.Suggest(ctx, count, radius)
	if err != nil {
		return err
	}
	if asJSON {
		enc := json.NewEncoder(a.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(cs)
	}
	if len(cs) == 0 {
		fmt.Fprintln(a.stdout, "no uncovered crossing in the current analysis (run gasrisk analyze first?)")
		return nil
	}
	tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "RANK\tLON\tLAT\tPIPE\tSEWER\tKIND\tSCORE\tGRADE\tSEWER REACH\tFINDINGS")
	for _, c := range cs {
		fmt.Fprintf(tw, "%d\t%.6f\t%.6f\t%s\t%s\t%s\t%.1f\t%s\t%.1f\t%s\n", c.Rank, c.Lon, c.Lat, c.PipeID, c.SewerID, c.SewerKind,
			c.Score, c.Grade, c.SewerReach, strings.Join(c.Findings, ","))
	}
	return tw.Flush()
}
