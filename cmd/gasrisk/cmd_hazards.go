package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"

	"gasrisk/data/ledger"
	"gasrisk/hazard"
)

// hazardsOpts are the flags of "gasrisk hazards"; each subcommand takes
// the ones hazardsFlagsOf lists.
type hazardsOpts struct {
	states, kinds, grades, districts, temporary listFlag
	overdue, listed, recheck, json, portrait    bool
	noCards                                     bool
	limit, offset, dpi                          int
	note, by, measures, unit, person, deadline  string
	evidence, format, lang, out, bbox, size     string
	sort                                        string
}

func hazardsCommand() command {
	return command{name: "hazards", args: "list | show ID | move ID STATE | export ledger|control | stats | print  [flags]",
		summary: "the hazard ledger (隐患台账): list, show, move through the closed loop, export, statistics, print the map",
		detail: `Every analysis turns its findings into hazards with a stable identity; a hazard the next run no
longer finds is marked for re-check, a closed one found again is reopened.

  list                      the ledger: --state --kind --grade --district --overdue --listed --recheck --sort --limit --offset --json
  show ID                   one hazard (id or code, e.g. YH-000042) with its history: --json
  move ID STATE             move it: open → planned → rectified → rechecked → closed; reopen (open) from rectified or closed.
                            planned needs --measures --unit --person --deadline (and takes --temporary);
                            rectified needs --evidence; rechecked, closed and open need --note. --by names who.
  export ledger|control     the hazard ledger or the graded risk control list per district:
                            --format xlsx|csv --lang zh|en -o FILE; ledger takes the list filters, control --district --grade;
                            the XLSX ledger has a sheet of emergency cards (应急处置卡) unless --no-cards
  stats                     km by grade per district, hazards by kind and state, overdue: --json
  print                     the printable risk distribution map, PNG or vector PDF (-o map.pdf or --format pdf):
                            --district or --bbox, --size --portrait --dpi --lang -o FILE`,
		flags: func(fs *flag.FlagSet) func(context.Context, *app, []string) error {
			o := &hazardsOpts{}
			o.define(fs)
			return func(ctx context.Context, a *app, args []string) error {
				if len(args) == 0 {
					return usageError("want a subcommand: list, show, move, export, stats or print")
				}
				if err := checkHazardsFlags(fs, args[0]); err != nil {
					return err
				}
				return runHazards(ctx, a, o, args)
			}
		}}
}

// define declares every flag of the hazards command.
func (o *hazardsOpts) define(fs *flag.FlagSet) {
	fs.Var(&o.states, "state", "list, export ledger: only these states (open, planned, rectified, rechecked, closed), comma-separated")
	fs.Var(&o.kinds, "kind", "list, export ledger: only these kinds ("+strings.Join(hazard.Kinds(), ", ")+")")
	fs.Var(&o.grades, "grade", "list, export: only these grades (red, orange, yellow, blue)")
	fs.Var(&o.districts, "district", "list, export: only these districts; print: the district to map (id or name)")
	fs.BoolVar(&o.overdue, "overdue", false, "list, export ledger: only hazards past their deadline")
	fs.BoolVar(&o.listed, "listed", false, "list, export ledger: only hazards under listed supervision (挂牌督办)")
	fs.BoolVar(&o.recheck, "recheck", false, "list, export ledger: only hazards the latest analysis no longer found (re-check due)")
	fs.IntVar(&o.limit, "limit", 100, "list: at most this many hazards (1–1000)")
	fs.IntVar(&o.offset, "offset", 0, "list: skip this many hazards")
	fs.StringVar(&o.sort, "sort", "id", "list, export ledger: id (the ledger's order) or grade (red first)")
	fs.BoolVar(&o.json, "json", false, "list, show, stats: print JSON")
	fs.StringVar(&o.note, "note", "", "move: why (needed to move to rechecked, closed or open)")
	fs.StringVar(&o.by, "by", "", "move: who moves it (default: $USER)")
	fs.StringVar(&o.measures, "measures", "", "move to planned: the rectification measures (整改措施)")
	fs.StringVar(&o.unit, "unit", "", "move to planned: the responsible unit (责任单位)")
	fs.StringVar(&o.person, "person", "", "move to planned: the responsible person (责任人)")
	fs.StringVar(&o.deadline, "deadline", "", "move to planned: the deadline (整改期限), YYYY-MM-DD")
	fs.Var(&o.temporary, "temporary", "move to planned: temporary measures in place until rectified, e.g. guard,leak_detector; they lower the likelihood at the next analysis")
	fs.StringVar(&o.evidence, "evidence", "", "move to rectified: what was done, with references (整改情况)")
	fs.BoolVar(&o.noCards, "no-cards", false, "export ledger: leave out the XLSX sheet of emergency cards (应急处置卡: valves to close, customers cut off, nearest station)")
	fs.StringVar(&o.format, "format", "", "export: xlsx (default) or csv (UTF-8 with BOM); print: png or pdf (default: by the -o file's extension, else png)")
	fs.StringVar(&o.lang, "lang", "zh", "list, show, move, stats, export, print: zh (Chinese headers and names) or en")
	fs.StringVar(&o.out, "o", "", "export: output file (default: stdout for csv); print: the PNG or PDF file (default risk-map.png or risk-map.pdf)")
	fs.StringVar(&o.bbox, "bbox", "", "print: the area W,S,E,N in EPSG:4326 degrees instead of a district")
	fs.StringVar(&o.size, "size", "A4", "print: paper size, A4 or A3")
	fs.BoolVar(&o.portrait, "portrait", false, "print: portrait instead of landscape")
	fs.IntVar(&o.dpi, "dpi", 150, "print: resolution, 72–300 dots per inch")
}

// hazardsFlagsOf lists the flags each subcommand takes.
func hazardsFlagsOf(sub string) []string {
	filters := []string{"state", "kind", "grade", "district", "overdue", "listed", "recheck", "lang", "sort"}
	switch sub {
	case "list":
		return append(filters, "limit", "offset", "json")
	case "show":
		return []string{"json", "lang"}
	case "move":
		return []string{"note", "by", "measures", "unit", "person", "deadline", "temporary", "evidence", "lang"}
	case "export":
		return append(filters, "format", "o", "no-cards")
	case "stats":
		return []string{"json", "lang"}
	case "print":
		return []string{"district", "bbox", "size", "portrait", "dpi", "lang", "o", "format"}
	}
	return nil
}

// checkHazardsFlags refuses an unknown subcommand and flags set that it
// does not take.
func checkHazardsFlags(fs *flag.FlagSet, sub string) error {
	ok := hazardsFlagsOf(sub)
	if ok == nil {
		return usageError(fmt.Sprintf("unknown subcommand %q (list, show, move, export, stats, print)", sub))
	}
	var bad []string
	fs.Visit(func(f *flag.Flag) {
		if !slices.Contains(ok, f.Name) {
			bad = append(bad, "--"+f.Name)
		}
	})
	if len(bad) > 0 {
		sort.Strings(bad)
		return usageError(fmt.Sprintf("hazards %s does not take %s", sub, strings.Join(bad, ", ")))
	}
	return nil
}

// runHazards opens the services and runs a subcommand.
func runHazards(ctx context.Context, a *app, o *hazardsOpts, args []string) error {
	if o.lang != hazard.LangZH && o.lang != hazard.LangEN {
		return usageError(fmt.Sprintf("--lang %q: want zh or en", o.lang))
	}
	usage := map[string]string{"list": "list [flags]", "show": "show ID", "move": "move ID STATE [flags]",
		"export": "export ledger|control [flags]", "stats": "stats", "print": "print [flags]"}
	if want := len(strings.Fields(strings.TrimSuffix(usage[args[0]], " [flags]"))); len(args) != want {
		return usageError("usage: gasrisk hazards " + usage[args[0]])
	}
	if args[0] == "print" { // what can be told wrong without the database
		if _, err := o.page(); err != nil {
			return err
		}
		if err := binaryToTerminal(a, "PNG", o.out); err != nil && o.out == "-" {
			return err
		}
	}
	s, err := openServices(ctx, a)
	if err != nil {
		return err
	}
	defer s.Close()
	switch args[0] {
	case "list":
		return hazardsList(ctx, a, s, o)
	case "show":
		return hazardsShow(ctx, a, s, o, args[1])
	case "move":
		return hazardsMove(ctx, a, s, o, args[1], args[2])
	case "export":
		return hazardsExport(ctx, a, s, o, args[1])
	case "stats":
		return hazardsStats(ctx, a, s, o)
	}
	return hazardsPrint(ctx, a, s, o)
}

// hazardRef reads an id or a code such as YH-000042.
func hazardRef(ctx context.Context, s *services, v string) (int64, error) {
	if id, err := strconv.ParseInt(v, 10, 64); err == nil && id > 0 {
		return id, nil
	}
	if strings.HasPrefix(strings.ToUpper(v), "YH-") {
		return s.ledger.HazardByCode(ctx, v)
	}
	return 0, usageError(fmt.Sprintf("hazard %q: want an id or a code such as YH-000042", v))
}

// filter is the hazard filter of the flags.
func (o *hazardsOpts) filter() ledger.Filter {
	f := ledger.Filter{States: o.states, Kinds: o.kinds, Grades: o.grades, Districts: o.districts,
		Limit: o.limit, Offset: o.offset, Sort: o.sort}
	yes := true
	if o.overdue {
		f.Overdue = &yes
	}
	if o.listed {
		f.Listed = &yes
	}
	if o.recheck {
		f.RecheckDue = &yes
	}
	return f
}

// actor is who moves a hazard: --by, else the login name.
func (o *hazardsOpts) actor() string {
	if o.by != "" {
		return o.by
	}
	if u := os.Getenv("USER"); u != "" {
		return "cli:" + u
	}
	return "cli"
}
