package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"gasrisk/data/plans"
	"gasrisk/renewal"
	"gasrisk/riskmodel"
)

func planCommand() command {
	return command{name: "plan", args: "--years FROM-TO --budget YUAN [-o plan.json|plan.xlsx] [--name NAME]",
		summary: "plan the renewal of ageing pipes (国办发〔2022〕22号) over years under a yearly budget",
		detail: `Takes the current run's pipes in a renewal category, groups adjacent ones of a district into
jobs, schedules the mandatory categories (grey cast iron, occupied MP) first and the rest by risk
reduced per yuan, each year within --budget, and stores the plan under --name (default
plan-FROM-TO-YYYYMMDDhhmmss). -o writes it as JSON ({"jobs": [...], "years": [...]}) or, for a
name ending in .xlsx, as a 更新改造计划表 workbook (Chinese headers unless --lang en). The cost
model is the run's model config (renewal.*, docs/risk-model.md §11) unless --model gives one.`,
		flags: func(fs *flag.FlagSet) func(context.Context, *app, []string) error {
			var years, out, name, model, lang string
			var budget float64
			fs.StringVar(&years, "years", "", "the programme's years, FROM-TO (e.g. 2027-2030)")
			fs.Float64Var(&budget, "budget", 0, "each year's budget in yuan")
			fs.StringVar(&out, "o", "-", "output file: .json, .xlsx, or - for JSON on stdout")
			fs.StringVar(&name, "name", "", "name the plan is stored under (default plan-FROM-TO-timestamp)")
			fs.StringVar(&model, "model", "", "model config file (JSON) whose renewal settings to use")
			fs.StringVar(&lang, "lang", "", "language of the reasons and the workbook: zh or en (default: en for JSON, zh for xlsx)")
			return func(ctx context.Context, a *app, args []string) error {
				if len(args) != 0 {
					return usageError("plan takes no arguments")
				}
				o, err := planOptions(years, budget, lang, out)
				if err != nil {
					return err
				}
				if name == "" {
					name = fmt.Sprintf("plan-%d-%d-%s", o.FirstYear, o.LastYear, time.Now().UTC().Format("20060102150405"))
				}
				if err := plans.ValidName(name); err != nil {
					return usageError("--" + err.Error())
				}
				if strings.HasSuffix(out, ".xlsx") {
					if err := binaryToTerminal(a, "-o FILE.xlsx", out); err != nil {
						return err
					}
				}
				return runPlan(ctx, a, name, model, o, out)
			}
		}}
}

// planOptions parses the flags that need no database.
func planOptions(years string, budget float64, lang, out string) (renewal.Options, error) {
	var o renewal.Options
	from, to, ok := strings.Cut(years, "-")
	var e1, e2 error
	o.FirstYear, e1 = strconv.Atoi(from)
	o.LastYear, e2 = strconv.Atoi(to)
	if !ok || e1 != nil || e2 != nil {
		return o, usageError(fmt.Sprintf("--years %q: want FROM-TO, e.g. 2027-2030", years))
	}
	o.BudgetYuan, o.Lang = budget, lang
	if lang == "" && strings.HasSuffix(out, ".xlsx") {
		o.Lang = "zh"
	}
	if err := o.Validate(); err != nil {
		return o, usageError("--" + err.Error())
	}
	return o, nil
}

func runPlan(ctx context.Context, a *app, name, modelPath string, o renewal.Options, out string) error {
	s, err := openServices(ctx, a)
	if err != nil {
		return err
	}
	defer s.Close()
	m, err := s.plans.Model(ctx)
	if err != nil {
		return err
	}
	if modelPath != "" {
		if m, err = loadModel(modelPath); err != nil {
			return err
		}
	}
	p, err := s.plans.Create(ctx, name, m, o)
	if err != nil {
		return err
	}
	if err := writePlan(a, p, out, o.Lang); err != nil {
		return err
	}
	printPlanSummary(a.stderr, p)
	return nil
}

// loadModel reads a model file over the defaults.
func loadModel(path string) (riskmodel.Config, error) {
	f, err := os.Open(path)
	if err != nil {
		return riskmodel.Config{}, err
	}
	defer f.Close()
	m, err := riskmodel.LoadConfig(f)
	if err != nil {
		return m, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}

// writePlan writes the plan as JSON or, for .xlsx, as the workbook.
func writePlan(a *app, p plans.Plan, out, lang string) error {
	var w io.Writer = a.stdout
	if out != "-" {
		f, err := os.Create(out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	if strings.HasSuffix(out, ".xlsx") {
		return plans.WriteXLSX(w, p, lang, nil)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(renewal.Plan{Jobs: p.Jobs, Years: p.Years})
}

// printPlanSummary reports the plan per year and what did not fit.
func printPlanSummary(w io.Writer, p plans.Plan) {
	fmt.Fprintf(w, "plan %q (run %d): %d jobs\n", p.Name, p.RunID, len(p.Jobs))
	for _, y := range p.Years {
		n, km := 0, 0.0
		for _, j := range p.Jobs {
			if j.Year == y.Year {
				n++
				km += j.LengthM / 1000
			}
		}
		fmt.Fprintf(w, "  %d: %3d jobs %8.2f km %14.0f of %14.0f yuan\n", y.Year, n, km, y.CostYuan, y.BudgetYuan)
	}
	if len(p.Unscheduled) > 0 {
		km, cost := 0.0, 0.0
		for _, j := range p.Unscheduled {
			km += j.LengthM / 1000
			cost += j.CostYuan
		}
		fmt.Fprintf(w, "warning: %d jobs (%.2f km, %.0f yuan) fit in no year of the plan (stored with it as unscheduled)\n",
			len(p.Unscheduled), km, cost)
	}
}

// reconcileJobs marks done renewal jobs whose pipes the import shows
// renewed, and says how many.
func reconcileJobs(ctx context.Context, a *app, s *services) error {
	n, err := s.plans.Reconcile(ctx)
	if err != nil {
		return err
	}
	if n > 0 {
		fmt.Fprintf(a.stdout, "renewal plans: %d done job(s) reconciled with the imported pipes\n", n)
	}
	return nil
}
