package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"gasrisk/hazard"
	"gasrisk/riskmodel"
)

// hazardsList prints one page of the ledger.
func hazardsList(ctx context.Context, a *app, s *services, o *hazardsOpts) error {
	page, err := s.ledger.Hazards(ctx, o.filter())
	if err != nil {
		return err
	}
	if o.json {
		return hzJSON(a.stdout, page)
	}
	tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "CODE\tGRADE\tSTATE\tDISTRICT\tDEADLINE\tFLAGS\tDESCRIPTION")
	for _, h := range page.Items {
		desc := h.Description
		if o.lang == hazard.LangZH {
			desc = h.DescriptionZH
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", h.Code, h.Grade, h.State, hzDash(h.District), hzDash(h.Deadline), hzFlags(h), desc)
	}
	tw.Flush()
	fmt.Fprintf(a.stderr, "%d–%d of %d hazards (%d overdue)\n", min(page.Offset+1, page.Total), page.Offset+len(page.Items), page.Total, page.Overdue)
	return nil
}

// hzFlags marks overdue (!), listed (督) and re-check due (?) hazards.
func hzFlags(h hazard.Entry) string {
	var f []string
	if h.Overdue {
		f = append(f, "overdue")
	}
	if h.Listed {
		f = append(f, "listed")
	}
	if h.RecheckDue {
		f = append(f, "recheck")
	}
	return hzDash(strings.Join(f, ","))
}

func hzDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// hazardsShow prints one hazard with its history.
func hazardsShow(ctx context.Context, a *app, s *services, o *hazardsOpts, ref string) error {
	id, err := hazardRef(ctx, s, ref)
	if err != nil {
		return err
	}
	d, err := s.ledger.Hazard(ctx, id, time.Time{})
	if err != nil {
		return err
	}
	if o.json {
		return hzJSON(a.stdout, d)
	}
	printHazard(a.stdout, d, o.lang)
	return nil
}

// printHazard writes a hazard, its plan and its history as text.
func printHazard(w io.Writer, d hazard.Detail, lang string) {
	desc := d.Description
	if lang == hazard.LangZH {
		desc = d.DescriptionZH
	}
	fmt.Fprintf(w, "%s  %s (%s)  %s\n%s\n", d.Code, d.Grade, riskmodel.Grade(d.Grade).Chinese(), hazard.StateName(hazard.State(d.State), lang), desc)
	fmt.Fprintf(w, "district %s · found by run %d · flags %s · allowed moves: %s\n", hzDash(d.District), d.FirstRun, hzFlags(d.Entry),
		hzDash(strings.Join(d.Allowed, ", ")))
	if d.Measures != "" {
		fmt.Fprintf(w, "plan: %s — %s / %s, by %s", d.Measures, d.ResponsibleUnit, d.ResponsiblePerson, d.Deadline)
		if len(d.TemporaryMeasures) > 0 {
			fmt.Fprintf(w, "; temporary: %s", strings.Join(d.TemporaryMeasures, ", "))
		}
		fmt.Fprintln(w)
	}
	if d.Evidence != "" {
		fmt.Fprintf(w, "evidence: %s\n", d.Evidence)
	}
	fmt.Fprintln(w, "history:")
	for _, e := range d.History {
		from := ""
		if e.FromState != "" && e.FromState != e.ToState {
			from = e.FromState + " → "
		}
		fmt.Fprintf(w, "  %s  %-10s %-12s %s%s  %s\n", e.At.Local().Format("2006-01-02 15:04"), e.Action, e.Actor, from, e.ToState, e.Reason)
	}
}

// hazardsMove moves a hazard and prints it.
func hazardsMove(ctx context.Context, a *app, s *services, o *hazardsOpts, ref, to string) error {
	id, err := hazardRef(ctx, s, ref)
	if err != nil {
		return err
	}
	t := hazard.Transition{To: hazard.State(to), Note: o.note, Measures: o.measures, ResponsibleUnit: o.unit,
		ResponsiblePerson: o.person, Deadline: o.deadline, TemporaryMeasures: o.temporary, Evidence: o.evidence, Actor: o.actor()}
	d, err := s.ledger.MoveHazard(ctx, id, t)
	if err != nil {
		return err
	}
	printHazard(a.stdout, d, o.lang)
	return nil
}

// hazardsStats prints the statistics.
func hazardsStats(ctx context.Context, a *app, s *services, o *hazardsOpts) error {
	st, err := s.ledger.LedgerStats(ctx, time.Time{})
	if err != nil {
		return err
	}
	if o.json {
		return hzJSON(a.stdout, st)
	}
	tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(a.stdout, "analysis run %d (as of %s); overdue judged on %s\n", st.RunID, st.AsOf, st.Today)
	fmt.Fprintln(tw, "DISTRICT\tred km\torange km\tyellow km\tblue km\thazards\topen\toverdue\tlisted\t")
	for _, d := range st.Districts {
		fmt.Fprintf(tw, "%s\t%.2f\t%.2f\t%.2f\t%.2f\t%d\t%d\t%d\t%d\t\n", hzDash(d.Name), d.Grades["red"].Km, d.Grades["orange"].Km,
			d.Grades["yellow"].Km, d.Grades["blue"].Km, d.Hazards.Total, d.Hazards.ByState["open"], d.Hazards.Overdue, d.Hazards.Listed)
	}
	tw.Flush()
	h := st.Hazards
	fmt.Fprintf(a.stdout, "\n%d hazards: %s\n", h.Total, hzCounts(h.ByState, hzStates()))
	fmt.Fprintf(a.stdout, "by kind: %s\n", hzCounts(h.ByKind, hazard.Kinds()))
	fmt.Fprintf(a.stdout, "overdue %d · listed for supervision %d · re-check due %d\n", h.Overdue, h.Listed, h.RecheckDue)
	return nil
}

func hzStates() []string {
	var out []string
	for _, s := range hazard.States() {
		out = append(out, string(s))
	}
	return out
}

// hzCounts formats the non-zero counts in order, then any others.
func hzCounts(m map[string]int, order []string) string {
	var parts []string
	seen := map[string]bool{}
	for _, k := range order {
		seen[k] = true
		if m[k] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", k, m[k]))
		}
	}
	var rest []string
	for k := range m {
		if !seen[k] {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	for _, k := range rest {
		parts = append(parts, fmt.Sprintf("%s %d", k, m[k]))
	}
	return hzDash(strings.Join(parts, ", "))
}

func hzJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
