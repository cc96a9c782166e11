package analysis_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"gasrisk/data"
	"gasrisk/data/analysis"
	"gasrisk/data/datatest"
	"gasrisk/riskmodel"
	"gasrisk/synth"
)

// The plan guard (issue 22): a plan whose shape depends on a bad estimate
// (a work table joined before it was analysed, a join on expressions the
// planner cannot estimate) shows up as a nested loop whose inner side
// scans a work table from start to end for every outer row: quadratic,
// harmless on a test city and minutes at a city's size. The guard runs
// the whole analysis with auto_explain reporting every statement's
// executed plan (EXPLAIN ANALYZE, as notices) and fails on such a rescan.
// It checks plans and row counts, not the clock.

// rescanLimit is how many work-table rows a nested loop may read in
// total by rescanning its inner side: above it a plan is rescanning a
// table it should hash, sort or probe by index. On the 400-pipe city the
// planner rightly loops over a few hundred rows (at most 126,000 row
// visits); on the 6,000-pipe city a rescan of the parts or pieces is
// tens of millions (the radius flip: 2,947 × 16,693).
const rescanLimit = 1_000_000

// explained is one statement's plan as auto_explain reports it.
type explained struct {
	Query string            `json:"Query Text"`
	Plan  datatest.PlanNode `json:"Plan"`
}

// rescan is a work table a nested loop rescans: how often and how many
// rows each time.
type rescan struct {
	table       string
	loops, rows float64
}

func (r rescan) String() string {
	return fmt.Sprintf("%s rescanned %.0f times × %.0f rows", r.table, r.loops, r.rows)
}

// rescans lists the work tables that nested loops in plan p read from
// start to end more than once, with more than rescanLimit rows in all.
func rescans(p datatest.PlanNode) []rescan {
	var out []rescan
	var walk func(n datatest.PlanNode, inner bool)
	walk = func(n datatest.PlanNode, inner bool) {
		if inner && n.Loops > 1 && isWorkTable(n.Schema) && (n.Type == "Seq Scan" || n.Type == "Bitmap Heap Scan") {
			if per := n.Rows + n.Removed; per*n.Loops > rescanLimit && per > 1 {
				out = append(out, rescan{n.Schema + "." + n.Relation, n.Loops, per})
			}
		}
		if inner && n.Type == "Materialize" && n.Loops > 1 && n.Rows*n.Loops > rescanLimit && n.Rows > 1 && readsWorkTable(n) {
			out = append(out, rescan{"materialized " + workTables(n), n.Loops, n.Rows})
		}
		for _, c := range n.Plans {
			walk(c, inner || (n.Type == "Nested Loop" && c.Parent == "Inner"))
		}
	}
	walk(p, false)
	return out
}

// isWorkTable: the run's work schema holds the work tables.
func isWorkTable(schema string) bool { return strings.HasPrefix(schema, "gasrisk_run_") }

func readsWorkTable(n datatest.PlanNode) bool { return workTables(n) != "" }

// workTables names the work tables read under n.
func workTables(n datatest.PlanNode) string {
	var names []string
	n.Walk(func(n datatest.PlanNode) {
		if isWorkTable(n.Schema) && n.Relation != "" {
			names = append(names, n.Relation)
		}
	})
	return strings.Join(names, ",")
}

// planLog collects the plans auto_explain sends as notices.
type planLog struct {
	mu    sync.Mutex
	plans []explained
	bad   []string // notices that did not parse
}

func (l *planLog) notice(n *pgconn.Notice) {
	_, body, ok := strings.Cut(n.Message, "plan:\n")
	if !ok {
		return
	}
	var e explained
	err := json.Unmarshal([]byte(body), &e)
	l.mu.Lock()
	defer l.mu.Unlock()
	if err != nil {
		l.bad = append(l.bad, err.Error())
		return
	}
	l.plans = append(l.plans, e)
}

// explainEverything makes every new connection of the services' role
// (data.AppRole) to the database of owner URL u load auto_explain and
// report the executed plan of every statement, nested ones too, as a
// notice to the client: set for that role in that database only, by the
// owner, since these settings are a superuser's.
func explainEverything(t *testing.T, u string) {
	t.Helper()
	p, err := url.Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	db := strings.TrimPrefix(p.Path, "/")
	conn, err := pgx.Connect(context.Background(), u)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	for _, set := range []string{
		"session_preload_libraries = 'auto_explain'",
		"auto_explain.log_min_duration = 0",
		"auto_explain.log_level = notice",
		"auto_explain.log_format = json",
		"auto_explain.log_analyze = on",
		"auto_explain.log_timing = off",
		"auto_explain.log_verbose = on",
		"auto_explain.log_nested_statements = on",
	} {
		q := "ALTER ROLE " + pgx.Identifier{data.AppRole}.Sanitize() + " IN DATABASE " + pgx.Identifier{db}.Sanitize() + " SET " + set
		if _, err := conn.Exec(context.Background(), q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// TestPlansDoNotRescanWorkTables analyses a small and a larger generated
// city with every plan reported and fails on a nested loop that rescans
// a work table.
func TestPlansDoNotRescanWorkTables(t *testing.T) {
	for _, size := range []int{400, 6000} {
		t.Run(fmt.Sprintf("%d pipes", size), func(t *testing.T) {
			u := env.URL(t)
			plain, err := data.Open(context.Background(), data.Config{URL: u})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(plain.Close)
			datatest.LoadCity(t, plain, synth.Config{Segments: size, Seed: 11})
			plain.Close() // its connections predate the settings
			explainEverything(t, u)
			log := &planLog{}
			db, err := data.Open(context.Background(), data.Config{URL: u, OnNotice: log.notice})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(db.Close)
			if _, err := analysis.New(db).Analyze(context.Background(), analysis.Options{Model: riskmodel.DefaultConfig(), AsOf: datatest.AsOf()}); err != nil {
				t.Fatal(err)
			}
			checkPlans(t, log)
		})
	}
}

// checkPlans fails on every rescan in the collected plans, and when too
// few work-table plans were collected for the guard to mean anything.
func checkPlans(t *testing.T, log *planLog) {
	t.Helper()
	if len(log.bad) > 0 {
		t.Errorf("%d plans did not parse, first: %s", len(log.bad), log.bad[0])
	}
	work := 0
	for _, e := range log.plans {
		if readsWorkTable(e.Plan) {
			work++
		}
		for _, r := range rescans(e.Plan) {
			t.Errorf("%s in:\n%s", r, e.Query)
		}
	}
	if work < 20 {
		t.Fatalf("only %d of %d reported plans read a work table: auto_explain did not report the analysis", work, len(log.plans))
	}
	t.Logf("%d plans checked, %d of them read work tables", len(log.plans), work)
}
