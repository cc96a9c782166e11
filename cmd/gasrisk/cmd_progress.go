package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"sort"
	"strconv"
	"text/tabwriter"
	"time"

	"gasrisk/data/plans"
	"gasrisk/renewal"
)

func jobCommand() command {
	return command{name: "job", args: "PLAN NO --to STATE --on YYYY-MM-DD [--contractor NAME] [--actual-cost YUAN]",
		summary: "move a renewal job: planned → designed → under_construction → done",
		detail: `NO is the job's number in the plan (its position in the plan's jobs, from 1). designed needs
--on; under_construction --on and --contractor; done --on and --actual-cost. A done job is
reconciled when a later import of pipes shows its pipes renewed.`,
		flags: func(fs *flag.FlagSet) func(context.Context, *app, []string) error {
			var t renewal.Transition
			var cost float64
			fs.StringVar(&t.To, "to", "", "the next state: designed, under_construction or done")
			fs.StringVar(&t.On, "on", "", "the step's date (YYYY-MM-DD)")
			fs.StringVar(&t.Contractor, "contractor", "", "who builds the job (under_construction)")
			fs.Float64Var(&cost, "actual-cost", -1, "the job's actual cost in yuan (done)")
			return func(ctx context.Context, a *app, args []string) error {
				if len(args) != 2 {
					return usageError("want: job PLAN NO --to STATE --on DATE")
				}
				no, err := strconv.Atoi(args[1])
				if err != nil || no < 1 {
					return usageError(fmt.Sprintf("job number %q: want a positive integer", args[1]))
				}
				if cost >= 0 {
					t.ActualCostYuan = &cost
				}
				s, err := openServices(ctx, a)
				if err != nil {
					return err
				}
				defer s.Close()
				j, err := s.plans.Move(ctx, args[0], no, t, time.Now())
				if err != nil {
					return err
				}
				fmt.Fprintf(a.stdout, "job %d of %s: %s\n", j.No, args[0], j.State)
				return nil
			}
		}}
}

func progressCommand() command {
	return command{name: "progress", args: "PLAN [--json]",
		summary: "a renewal plan's progress by year and district: jobs per state, km, cost, overdue",
		flags: func(fs *flag.FlagSet) func(context.Context, *app, []string) error {
			var asJSON bool
			fs.BoolVar(&asJSON, "json", false, "write the report as JSON")
			return func(ctx context.Context, a *app, args []string) error {
				if len(args) != 1 {
					return usageError("want: progress PLAN")
				}
				s, err := openServices(ctx, a)
				if err != nil {
					return err
				}
				defer s.Close()
				r, err := s.plans.Progress(ctx, args[0], time.Now())
				if err != nil {
					return err
				}
				if asJSON {
					enc := json.NewEncoder(a.stdout)
					enc.SetIndent("", "  ")
					return enc.Encode(r)
				}
				printProgress(a.stdout, r)
				return nil
			}
		}}
}

// printProgress writes the report's years and districts as a table.
func printProgress(w io.Writer, r plans.Report) {
	fmt.Fprintf(w, "plan %q as of %s\n", r.Plan, r.AsOf)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "\tjobs\tdone\toverdue\tkm\tkm done\thouseholds\thouseholds done\tcost (yuan)\tactual (yuan)\treconciled\t")
	row := func(label string, t plans.Tally) {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%.2f\t%.2f\t%d\t%d\t%.0f\t%.0f\t%d\t\n", label, t.Jobs, t.States[renewal.StateDone], t.Overdue,
			t.Km, t.KmDone, t.Households, t.HouseholdsDone, t.CostYuan, t.ActualCostYuan, t.Reconciled)
	}
	row("all", r.All)
	var years []int
	for y := range r.Years {
		years = append(years, y)
	}
	sort.Ints(years)
	for _, y := range years {
		row(strconv.Itoa(y), *r.Years[y])
	}
	var ds []string
	for d := range r.Districts {
		ds = append(ds, d)
	}
	sort.Strings(ds)
	for _, d := range ds {
		row(d, *r.Districts[d])
	}
	tw.Flush()
}
