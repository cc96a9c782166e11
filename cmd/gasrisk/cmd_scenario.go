package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"sort"
	"text/tabwriter"
	"time"

	"gasrisk/data/analysis"
	"gasrisk/data/plans"
	"gasrisk/riskmodel"
)

// scenarioFlags are analyze's what-if flags.
type scenarioFlags struct {
	name, plan string
	pipes      listFlag
}

func (f *scenarioFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.name, "scenario", "", "grade a what-if of this name beside the current run (see --plan, --pipes)")
	fs.StringVar(&f.plan, "plan", "", "with --scenario: the stored plan whose pipes are renewed (default: the plan named as the scenario)")
	fs.Var(&f.pipes, "pipes", "with --scenario: renew these pipes (ids, comma-separated) instead of a plan's; without: re-analyse these changed pipes incrementally")
}

// unused refuses --plan without --scenario.
func (f *scenarioFlags) unused() error {
	if f.plan != "" {
		return usageError("--plan needs --scenario NAME")
	}
	return nil
}

// scenario is the analysis scenario the flags give.
func (f *scenarioFlags) scenario() (*analysis.Scenario, error) {
	if err := analysis.ValidScenarioName(f.name); err != nil {
		return nil, usageError("--" + err.Error())
	}
	if f.plan != "" && len(f.pipes) > 0 {
		return nil, usageError("--plan and --pipes exclude each other")
	}
	sc := &analysis.Scenario{Name: f.name, Plan: f.plan, Pipes: f.pipes}
	if len(f.pipes) == 0 && f.plan == "" {
		sc.Plan = f.name
	}
	return sc, nil
}

// runScenario grades the what-if with the current run's model and as-of
// date (unless given) and prints the comparison.
func runScenario(ctx context.Context, a *app, f scenarioFlags, model, asOf string) error {
	sc, err := f.scenario()
	if err != nil {
		return err
	}
	s, err := openServices(ctx, a)
	if err != nil {
		return err
	}
	defer s.Close()
	o := analysis.Options{Scenario: sc}
	if model != "" || asOf != "" {
		if o, err = analysisOptions(model, asOf); err != nil {
			return err
		}
		o.Scenario = sc
	} else {
		if o.Model, err = s.plans.Model(ctx); err != nil {
			return err
		}
		if o.AsOf, err = s.plans.AsOf(ctx); err != nil {
			return err
		}
		o.Model.AsOf = o.AsOf.Format(time.DateOnly)
	}
	sum, err := analyzeWithProgress(ctx, a, s, o)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "scenario %q: run %d (%d segments, %.1f km) beside the current run\n\n", sc.Name, sum.RunID, sum.Segments, sum.Km)
	c, err := s.plans.Compare(ctx, sc.Name)
	if err != nil {
		return err
	}
	printComparison(a.stdout, c)
	return nil
}

func compareCommand() command {
	return command{name: "compare", args: "SCENARIO [--json]",
		summary: "km per grade before and after a what-if (gasrisk analyze --scenario), per year and district",
		flags: func(fs *flag.FlagSet) func(context.Context, *app, []string) error {
			var asJSON bool
			fs.BoolVar(&asJSON, "json", false, "write the comparison as JSON")
			return func(ctx context.Context, a *app, args []string) error {
				if len(args) != 1 {
					return usageError("want: compare SCENARIO")
				}
				s, err := openServices(ctx, a)
				if err != nil {
					return err
				}
				defer s.Close()
				c, err := s.plans.Compare(ctx, args[0])
				if err != nil {
					return err
				}
				if asJSON {
					enc := json.NewEncoder(a.stdout)
					enc.SetIndent("", "  ")
					return enc.Encode(c)
				}
				printComparison(a.stdout, c)
				return nil
			}
		}}
}

// printComparison writes km per grade before and after each year, then
// per district.
func printComparison(w io.Writer, c plans.Comparison) {
	fmt.Fprintf(w, "scenario %q (run %d) against the current run %d: km per grade\n", c.Scenario, c.RunID, c.BaseRunID)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "district\tafter\tred\torange\tyellow\tblue\t")
	row := func(d, label string, k plans.Km) {
		fmt.Fprintf(tw, "%s\t%s\t", d, label)
		for _, g := range []riskmodel.Grade{riskmodel.GradeRed, riskmodel.GradeOrange, riskmodel.GradeYellow, riskmodel.GradeBlue} {
			fmt.Fprintf(tw, "%.2f\t", k[string(g)])
		}
		fmt.Fprintln(tw)
	}
	row("all", "before", c.Before.All)
	for _, y := range c.After {
		row("all", fmt.Sprint(y.Year), y.All)
	}
	var ds []string
	for d := range c.Before.Districts {
		ds = append(ds, d)
	}
	sort.Strings(ds)
	for _, d := range ds {
		row(d, "before", c.Before.Districts[d])
		for _, y := range c.After {
			row(d, fmt.Sprint(y.Year), y.Districts[d])
		}
	}
	tw.Flush()
}
