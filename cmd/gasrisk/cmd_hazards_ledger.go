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
	fmt.Fprintln(tw, hazard.Text{ZH: "隐患编号\t风险等级\t状态\t所在区域\t整改期限\t标记\t隐患描述",
		EN: "CODE\tGRADE\tSTATE\tDISTRICT\tDEADLINE\tFLAGS\tDESCRIPTION"}.In(o.lang))
	for _, h := range page.Items {
		desc := h.Description
		if o.lang == hazard.LangZH {
			desc = h.DescriptionZH
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", h.Code, hazard.GradeName(h.Grade, o.lang), hazard.StateName(hazard.State(h.State), o.lang),
			hzDash(h.DistrictLabel()), hzDash(h.Deadline), hzFlags(h, o.lang), desc)
	}
	tw.Flush()
	fmt.Fprintf(a.stderr, "%d–%d of %d hazards (%d overdue)\n", min(page.Offset+1, page.Total), page.Offset+len(page.Items), page.Total, page.Overdue)
	return nil
}

// hzFlags names a hazard's flags in lang: overdue, listed supervision,
// re-check due.
func hzFlags(h hazard.Entry, lang string) string {
	var f []string
	if h.Overdue {
		f = append(f, hazard.Text{ZH: "逾期", EN: "overdue"}.In(lang))
	}
	if h.Listed {
		f = append(f, hazard.Text{ZH: "挂牌督办", EN: "listed"}.In(lang))
	}
	if h.RecheckDue {
		f = append(f, hazard.Text{ZH: "待复核", EN: "recheck"}.In(lang))
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
	fmt.Fprintf(w, "%s  %s  %s  %s\n%s\n", d.Code, hazard.GradeName(d.Grade, lang), hazard.KindName(d.Kind, lang),
		hazard.StateName(hazard.State(d.State), lang), desc)
	var allowed []string
	for _, a := range d.Allowed {
		allowed = append(allowed, a+" ("+hazard.StateName(hazard.State(a), lang)+")")
	}
	fmt.Fprintf(w, hazard.Text{ZH: "所在区域 %s · 第 %d 次分析发现 · 标记 %s · 可流转至：%s\n",
		EN: "district %s · found by run %d · flags %s · allowed moves: %s\n"}.In(lang),
		hzDash(d.DistrictLabel()), d.FirstRun, hzFlags(d.Entry, lang), hzDash(strings.Join(allowed, ", ")))
	if d.Measures != "" {
		fmt.Fprintf(w, hazard.Text{ZH: "整改方案：%s — %s / %s，期限 %s", EN: "plan: %s — %s / %s, by %s"}.In(lang),
			d.Measures, d.ResponsibleUnit, d.ResponsiblePerson, d.Deadline)
		if len(d.TemporaryMeasures) > 0 {
			fmt.Fprintf(w, hazard.Text{ZH: "；临时管控措施：%s", EN: "; temporary: %s"}.In(lang), strings.Join(d.TemporaryMeasures, ", "))
		}
		fmt.Fprintln(w)
	}
	if d.Evidence != "" {
		fmt.Fprintf(w, hazard.Text{ZH: "整改情况：%s\n", EN: "evidence: %s\n"}.In(lang), d.Evidence)
	}
	fmt.Fprintln(w, hazard.Text{ZH: "处理记录：", EN: "history:"}.In(lang))
	for _, e := range d.History {
		from := ""
		if e.FromState != "" && e.FromState != e.ToState {
			from = hazard.StateName(hazard.State(e.FromState), lang) + " → "
		}
		reason := e.Reason
		if lang == hazard.LangZH {
			reason = e.ReasonZH
		}
		fmt.Fprintf(w, "  %s  %s  %s  %s%s  %s\n", e.At.Local().Format("2006-01-02 15:04"), hazard.ActionName(e.Action, lang), e.Actor,
			from, hazard.StateName(hazard.State(e.ToState), lang), reason)
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
	d, err := revisingLedger{s.ledger, s.analysis, nil}.MoveHazard(ctx, id, t)
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
	lang := o.lang
	tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(a.stdout, hazard.Text{ZH: "第 %d 次分析（评估基准日 %s）；逾期按 %s 判定\n", EN: "analysis run %d (as of %s); overdue judged on %s\n"}.In(lang),
		st.RunID, st.AsOf, st.Today)
	head := []string{hazard.Text{ZH: "所在区域", EN: "DISTRICT"}.In(lang)}
	for _, g := range []string{"red", "orange", "yellow", "blue"} {
		head = append(head, hazard.GradeName(g, lang)+" km")
	}
	head = append(head, hazard.Text{ZH: "隐患\t待整改\t逾期\t挂牌督办", EN: "hazards\topen\toverdue\tlisted"}.In(lang))
	fmt.Fprintln(tw, strings.Join(head, "\t")+"\t")
	for _, d := range st.Districts {
		fmt.Fprintf(tw, "%s\t%.2f\t%.2f\t%.2f\t%.2f\t%d\t%d\t%d\t%d\t\n", hzDash(d.Name), d.Grades["red"].Km, d.Grades["orange"].Km,
			d.Grades["yellow"].Km, d.Grades["blue"].Km, d.Hazards.Total, d.Hazards.ByState["open"], d.Hazards.Overdue, d.Hazards.Listed)
	}
	tw.Flush()
	h := st.Hazards
	stateName := func(k string) string { return hazard.StateName(hazard.State(k), lang) }
	kindName := func(k string) string { return hazard.KindName(k, lang) }
	fmt.Fprintf(a.stdout, hazard.Text{ZH: "\n隐患 %d 处：%s\n", EN: "\n%d hazards: %s\n"}.In(lang), h.Total, hzCounts(h.ByState, hzStates(), stateName))
	fmt.Fprintf(a.stdout, hazard.Text{ZH: "按类型：%s\n", EN: "by kind: %s\n"}.In(lang), hzCounts(h.ByKind, hazard.Kinds(), kindName))
	fmt.Fprintf(a.stdout, hazard.Text{ZH: "逾期 %d · 挂牌督办 %d · 待复核 %d\n", EN: "overdue %d · listed for supervision %d · re-check due %d\n"}.In(lang),
		h.Overdue, h.Listed, h.RecheckDue)
	return nil
}

func hzStates() []string {
	var out []string
	for _, s := range hazard.States() {
		out = append(out, string(s))
	}
	return out
}

// hzCounts formats the non-zero counts in order, then any others, each
// under its name.
func hzCounts(m map[string]int, order []string, name func(string) string) string {
	var parts []string
	seen := map[string]bool{}
	for _, k := range order {
		seen[k] = true
		if m[k] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", name(k), m[k]))
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
		parts = append(parts, fmt.Sprintf("%s %d", name(k), m[k]))
	}
	return hzDash(strings.Join(parts, ", "))
}

func hzJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
