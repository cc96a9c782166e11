package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"sort"
	"text/tabwriter"
	"time"

	"gasrisk/data/analysis"
	"gasrisk/riskmodel"
)

func analyzeCommand() command {
	return command{name: "analyze", args: "[--as-of YYYY-MM-DD] [--model FILE] | --pipes ID,ID [--buildings ID,ID] [--sewers ID,ID]",
		summary: "detect hazards and grade every segment into a new analysis run",
		detail: `Runs the spatial detection (occupied, clearance, sewer crossings, aged, stations, third-party
works), cuts pipes into segments, grades each red/orange/yellow/blue with its factors and
makes the run current in one transaction. A failed run leaves the previous one current.
The model file is JSON in the shape of riskmodel.Config (docs/risk-model.md); fields it
omits keep their defaults. --scenario NAME grades a what-if instead: as if the pipes of the
plan NAME (or --plan PLAN, or --pipes ID,ID) were renewed, beside the current run and without
replacing it, with the current run's model and as-of date unless --model / --as-of are given,
and prints km per grade before and after each plan year (gasrisk compare NAME again later).
Without --scenario, --pipes, --buildings and --sewers name features changed since the current
run: only the pipes they reach are re-graded, with the run's model and as-of date, and the run
is revised in place (the same result as a full run; docs/design.md "Incremental re-analysis").`,
		flags: func(fs *flag.FlagSet) func(context.Context, *app, []string) error {
			var asOf, model, profile string
			var sc scenarioFlags
			var changed changedFlags
			changed.register(fs)
			fs.StringVar(&asOf, "as-of", "", "date that ages count from (default: the model's as_of, else today)")
			fs.StringVar(&model, "model", "", "model config file (JSON); default: the built-in, documented model")
			fs.StringVar(&profile, "cpuprofile", "", "write a Go CPU profile of the analysis to this file (go tool pprof)")
			sc.register(fs)
			return func(ctx context.Context, a *app, args []string) error {
				if len(args) != 0 {
					return usageError("analyze takes no arguments")
				}
				if profile != "" {
					stop, err := startCPUProfile(profile)
					if err != nil {
						return err
					}
					defer stop()
				}
				if sc.name != "" {
					return runScenario(ctx, a, sc, model, asOf)
				}
				if scope, ok := changed.scope(sc.pipes); ok {
					if sc.plan != "" || model != "" || asOf != "" {
						return usageError("--pipes, --buildings and --sewers revise the current run with its own model and as-of date: no --plan, --model or --as-of")
					}
					return runReanalyze(ctx, a, scope)
				}
				if err := sc.unused(); err != nil {
					return err
				}
				o, err := analysisOptions(model, asOf)
				if err != nil {
					return err
				}
				return runAnalyze(ctx, a, o)
			}
		}}
}

// startCPUProfile writes the process's CPU profile to path until the
// returned function is called.
func startCPUProfile(path string) (func(), error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("--cpuprofile: %w", err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}

// analysisOptions loads the model and settles the as-of date.
func analysisOptions(modelPath, asOf string) (analysis.Options, error) {
	o := analysis.Options{Model: riskmodel.DefaultConfig()}
	if modelPath != "" {
		f, err := os.Open(modelPath)
		if err != nil {
			return o, err
		}
		defer f.Close()
		if o.Model, err = riskmodel.LoadConfig(f); err != nil {
			return o, fmt.Errorf("%s: %w", modelPath, err)
		}
	}
	if asOf == "" {
		asOf = o.Model.AsOf
	}
	if asOf == "" {
		asOf = time.Now().Format(time.DateOnly)
	}
	t, err := time.Parse(time.DateOnly, asOf)
	if err != nil {
		return o, usageError(fmt.Sprintf("--as-of %q: want YYYY-MM-DD", asOf))
	}
	o.AsOf, o.Model.AsOf = t, asOf
	return o, nil
}

func runAnalyze(ctx context.Context, a *app, o analysis.Options) error {
	s, err := openServices(ctx, a)
	if err != nil {
		return err
	}
	defer s.Close()
	sum, err := analyzeWithProgress(ctx, a, s, o)
	if err != nil {
		return err
	}
	printSummary(a.stdout, sum)
	return nil
}

// analyzeWithProgress warns about missing layers, then runs the analysis
// showing its phases.
func analyzeWithProgress(ctx context.Context, a *app, s *services, o analysis.Options) (analysis.RunSummary, error) {
	empty, err := s.importer.Empty(ctx, "buildings", "sewers")
	if err != nil {
		return analysis.RunSummary{}, err
	}
	for _, l := range empty {
		fmt.Fprintf(a.stderr, "warning: no %s imported: %s cannot be found and the grades understate the risk (gasrisk import %s FILE)\n",
			l, missingFindings(l), l)
	}
	p := newProgress(a, "analyze", -1)
	o.Progress = func(phase string, done int) {
		if done == 0 {
			p.describe("analyze: " + phase)
		}
		p.set(done)
	}
	sum, err := s.analysis.Analyze(ctx, o)
	p.done()
	return sum, err
}

// missingFindings names what the analysis cannot find without a layer.
func missingFindings(layer string) string {
	if layer == "buildings" {
		return "pipes under buildings (占压) and building clearances"
	}
	return "sewer crossings and clearances to sewers and water mains"
}

// printSummary writes a run's grades, findings and districts as tables.
func printSummary(w io.Writer, sum analysis.RunSummary) {
	fmt.Fprintf(w, "analysis run %d (as of %s): %d segments, %.1f km in %s\n\n", sum.RunID, sum.AsOf, sum.Segments, sum.Km, sum.Duration.Round(time.Millisecond))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "grade\t\tsegments\tkm\t")
	for _, g := range []riskmodel.Grade{riskmodel.GradeRed, riskmodel.GradeOrange, riskmodel.GradeYellow, riskmodel.GradeBlue} {
		t := sum.Grades[string(g)]
		fmt.Fprintf(tw, "%s\t%s\t%d\t%.2f\t\n", g, g.Chinese(), t.Segments, t.Km)
	}
	tw.Flush()
	fmt.Fprintln(w, "\nfindings (segments):")
	for _, k := range sortedKeys(sum.Findings) {
		fmt.Fprintf(w, "  %-26s %d\n", k, sum.Findings[k])
	}
	ev := sum.Evidence.Records
	fmt.Fprintf(w, "evidence weighed: %d leaks, %d patrol observations, %d failed CP readings (on %d segments), %d active works\n",
		ev["leaks"], ev["patrols"], ev["cp_readings"], sum.Evidence.Segments, ev["works"])
	if len(sum.Stations) > 0 {
		fmt.Fprintln(w, "station findings:")
		for _, k := range sortedKeys(sum.Stations) {
			fmt.Fprintf(w, "  %-26s %d\n", k, sum.Stations[k])
		}
	}
	fmt.Fprintln(w, "\nper district (segments red/orange/yellow/blue):")
	var ds []string
	for d := range sum.Districts {
		ds = append(ds, d)
	}
	sort.Strings(ds)
	for _, d := range ds {
		g := sum.Districts[d]
		fmt.Fprintf(w, "  %-12s %5d %5d %5d %6d\n", d, g["red"].Segments, g["orange"].Segments, g["yellow"].Segments, g["blue"].Segments)
	}
	fmt.Fprintln(w, "\nphases:")
	for _, ph := range sum.Phases {
		fmt.Fprintf(w, "  %-10s %s\n", ph.Name, ph.Duration.Round(time.Millisecond))
	}
}

func sortedKeys(m map[string]int) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
