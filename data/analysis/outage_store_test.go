package analysis_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"gasrisk/data/analysis"
	"gasrisk/data/datatest"
	"gasrisk/riskmodel"
)

// cutsPhase is where a run's or a revision's outage cuts came from, as
// its phases name it: "outage cuts reused", "outage cuts computed", or ""
// (the step computed nothing).
func cutsPhase(phases []analysis.Phase) string {
	for _, p := range phases {
		if strings.HasPrefix(p.Name, "outage cuts ") {
			return p.Name
		}
	}
	return ""
}

// outageCounts is each pipe's outage counts in the current run, as
// "pipe customers/critical" lines.
func outageCounts(t *testing.T, s datatest.Services) []string {
	t.Helper()
	var out []string
	for _, sg := range outageSegments(t, s) {
		out = append(out, fmt.Sprintf("%s %d/%d", sg.pipe, sg.customers, sg.critical))
	}
	return out
}

// freshPrint forgets the stored cuts (as the owner: the service may only
// replace them) and analyses again: the result of a fresh computation.
func freshPrint(t *testing.T, s datatest.Services) []string {
	t.Helper()
	owner := datatest.Owner(t, s.DB)
	if _, err := owner.Exec(context.Background(), `DELETE FROM outage_cut_set; TRUNCATE outage_cuts`); err != nil {
		t.Fatal(err)
	}
	sum := datatest.Analyze(t, s.DB)
	if got := cutsPhase(sum.Phases); got != "outage cuts computed" {
		t.Fatalf("a run without stored cuts: %q", got)
	}
	return runPrint(t, s)
}

// TestOutageCutsReused: a re-analysis of an unchanged network reads the
// cuts the previous run stored instead of building the network's graph;
// an edit of what the cuts depend on (a valve's operability, a customer's
// kind, a customer added) computes them anew and changes the factor; an
// edit of what they do not depend on (a pipe's material and year)
// reuses them. In every case the run equals one computed from scratch.
func TestOutageCutsReused(t *testing.T) {
	s := env.Services(t)
	ctx := context.Background()
	outageNetwork(t, s)
	analyze := func(t *testing.T) analysis.RunSummary {
		t.Helper()
		sum, err := s.Analysis.Analyze(ctx, analysis.Options{Model: riskmodel.DefaultConfig(), AsOf: datatest.AsOf()})
		if err != nil {
			t.Fatal(err)
		}
		return sum
	}
	if got := cutsPhase(analyze(t).Phases); got != "outage cuts computed" {
		t.Fatalf("first run: %q, want the cuts computed", got)
	}
	for _, c := range []struct {
		name    string
		edit    string
		reused  bool
		changed map[string]string // pipe → its new customers/critical
	}{
		{"nothing changed", ``, true, nil},
		{"a pipe's material and year", `UPDATE pipes SET material = 'cast_iron', install_year = 1975 WHERE id = 'M2'`, true, nil},
		{"a customer's meters", `UPDATE customers SET meters = 40 WHERE id = 'C1'`, true, nil},
		// V3 can no longer be closed: the hospital's branch joins the main's zone
		{"a valve made inoperable", `UPDATE valves SET operable = false WHERE id = 'V3'`, false, map[string]string{"H-br": "4/1"}},
		{"a customer made critical", `UPDATE customers SET kind = 'critical' WHERE id = 'C-svc'`, false,
			map[string]string{"M1": "4/2", "M2": "4/2", "H-br": "4/2", "SV": "1/1"}},
		{"a customer added", `INSERT INTO customers (id, kind, meters, geom, geom_3857) SELECT 'C3', 'residential', 1, ST_Translate(geom, 2, 0), geom_3857
			FROM customers WHERE id = 'C-I'`, false, map[string]string{"I": "2/0"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			before := outageCounts(t, s)
			if c.edit != "" {
				exec(t, s, c.edit)
			}
			sum := analyze(t)
			want := map[bool]string{true: "outage cuts reused", false: "outage cuts computed"}[c.reused]
			if got := cutsPhase(sum.Phases); got != want {
				t.Errorf("phases %v: %q, want %q", sum.Phases, got, want)
			}
			after := outageCounts(t, s)
			for i, l := range before {
				pipe, counts, _ := strings.Cut(l, " ")
				w, ok := c.changed[pipe]
				if !ok {
					w = counts
				}
				if got := strings.TrimPrefix(after[i], pipe+" "); got != w {
					t.Errorf("pipe %s cuts off %s, want %s (before %s)", pipe, got, w, counts)
				}
			}
			reused := runPrint(t, s)
			if fresh := freshPrint(t, s); !slices.Equal(reused, fresh) {
				t.Errorf("the run differs from one with the cuts computed anew:\nrun\n%s\nfresh\n%s",
					strings.Join(reused, "\n"), strings.Join(fresh, "\n"))
			}
		})
	}
}

// TestReanalyzeReusesCuts: a revision for a pipe's material reads the
// stored cuts of its pipes in scope (no graph), gives a full run's
// result, and stays a revision; once a valve has changed since the run,
// the network's shape is no longer the run's and a revision gives way to
// a full run, which computes the cuts anew.
func TestReanalyzeReusesCuts(t *testing.T) {
	s := env.Services(t)
	ctx := context.Background()
	outageNetwork(t, s)
	datatest.Analyze(t, s.DB)
	exec(t, s, `UPDATE pipes SET material = 'cast_iron', install_year = 1975 WHERE id = 'M2'`)
	sum, err := s.Analysis.Reanalyze(ctx, analysis.Scope{Pipes: []string{"M2"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum.FullRun || cutsPhase(sum.Phases) != "outage cuts reused" || sum.Removed == 0 {
		t.Errorf("revision for a material: full run %v, phases %v, %d segments removed", sum.FullRun, sum.Phases, sum.Removed)
	}
	revised := runPrint(t, s)
	if fresh := freshPrint(t, s); !slices.Equal(revised, fresh) {
		t.Errorf("the revised run differs from a full run with the cuts computed anew:\nrevised\n%s\nfresh\n%s",
			strings.Join(revised, "\n"), strings.Join(fresh, "\n"))
	}
	exec(t, s, `UPDATE valves SET operable = false WHERE id = 'V3'`)
	exec(t, s, `UPDATE pipes SET install_year = 1980 WHERE id = 'M2'`)
	sum, err = s.Analysis.Reanalyze(ctx, analysis.Scope{Pipes: []string{"M2"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !sum.FullRun || cutsPhase(sum.Phases) != "outage cuts computed" {
		t.Errorf("revision after a valve changed: full run %v, phases %v", sum.FullRun, sum.Phases)
	}
}
