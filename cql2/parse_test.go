package cql2_test

import (
	"fmt"
	"strings"
	"testing"

	"gasrisk"
	"gasrisk/cql2"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"grade = 'red'", "grade = 'red'"},
		{"grade='red'", "grade = 'red'"},
		{"'red' = grade", "grade = 'red'"},
		{"3 < score", "score > 3"},
		{"score >= 2.5", "score >= 2.5"},
		{"score != -1", "score <> -1"},
		{"install_year <= 1990 AND grade <> 'blue'", "(install_year <= 1990) AND (grade <> 'blue')"},
		{"(grade = 'red') AND (district = 'D03')", "(grade = 'red') AND (district = 'D03')"},
		{"grade = 'red' OR grade = 'orange' AND occupied = TRUE", "(grade = 'red') OR ((grade = 'orange') AND (occupied = TRUE))"},
		{"NOT (grade = 'blue')", "NOT (grade = 'blue')"},
		{"not grade = 'blue'", "NOT (grade = 'blue')"},
		{"grade IN ('red', 'orange')", "grade IN ('red', 'orange')"},
		{"grade NOT IN ('blue')", "grade NOT IN ('blue')"},
		{"pipe_id LIKE 'SH%'", "pipe_id LIKE 'SH%'"},
		{"pipe_id NOT LIKE '_P-1'", "pipe_id NOT LIKE '_P-1'"},
		{"material ILIKE 'STEEL'", "material ILIKE 'STEEL'"},
		{"install_year BETWEEN 1980 AND 1990", "install_year BETWEEN 1980 AND 1990"},
		{"install_year NOT BETWEEN 1980 AND 1990", "install_year NOT BETWEEN 1980 AND 1990"},
		{"(district IS NULL)", "district IS NULL"},
		{"district IS NOT NULL", "district IS NOT NULL"},
		{"deadline < DATE('2026-07-01')", "deadline < '2026-07-01'"},
		{"found_at >= TIMESTAMP('2026-07-01T00:00:00Z')", "found_at >= '2026-07-01T00:00:00Z'"},
		{`"grade" = 'red'`, "grade = 'red'"},
		{`"and" = 'x'`, `"and" = 'x'`},
		{"name = 'O''Brien'", "name = 'O''Brien'"},
		{"name = '唐家墩街道'", "name = '唐家墩街道'"},
		{"occupied = false", "occupied = FALSE"},
		{"((((grade = 'red'))))", "grade = 'red'"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			e, err := cql2.Parse(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if got := e.String(); got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
			again, err := cql2.Parse(e.String())
			if err != nil || again.String() != e.String() {
				t.Errorf("canonical text does not parse back: %v %v", again, err)
			}
		})
	}
}

// TestParseRefuses: malformed filters and SQL injection attempts are
// refused as invalid input, saying where.
func TestParseRefuses(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", "empty"},
		{"   ", "empty"},
		{"grade", "want a comparison"},
		{"grade =", "want a literal"},
		{"grade = red", "want a literal"},
		{"grade = 'red", "unterminated"},
		{"grade = 'red')", "unexpected"},
		{"(grade = 'red'", `want ")"`},
		{"grade = 'red' AND", "found the end"},
		{"grade == 'red'", "want a literal"},
		{"grade IN ()", "want a literal"},
		{"grade IN 'red'", `want "("`},
		{"grade LIKE 3", "quoted pattern"},
		{"score BETWEEN 1 2", "want AND"},
		{"district IS EMPTY", "want NULL"},
		{"deadline < DATE('tomorrow')", "DATE"},
		{"AND = 'x'", "keyword"},
		{"1 = 1", "want a property name"},
		{"'a' = 'a'", "want a property name"},
		// injection attempts
		{"grade = 'red'; DROP TABLE segments", "unexpected \";\""},
		{"grade = 'red' -- comment", "unexpected"},
		{"grade = 'red' OR 1=1", "want a property name"},
		{"grade = 'red' /* x */", "unexpected"},
		{"grade = 'x' UNION SELECT * FROM api_keys", "unexpected"},
		{"grade = (SELECT 'red')", "want a literal"},
		{"grade = 'red' OR pg_sleep(10) = 1", "want a comparison"},
		{"grade = $1", "unexpected"},
		{"grade = E'\\x27'", "want a literal"},
		{"grade = 'a' \x00", "unexpected"},
		{"grade = '\xff'", "invalid UTF-8"},
		{strings.Repeat("(", 40) + "grade = 'red'" + strings.Repeat(")", 40), "nested deeper"},
		{strings.Repeat("NOT ", 40) + "grade = 'red'", "nested deeper"},
		{"grade = '" + strings.Repeat("x", cql2.MaxLen) + "'", "at most"},
		{"grade IN (" + strings.Repeat("'a',", 1000) + "'b')", "more than 1000"},
	} {
		t.Run(tc.in[:min(len(tc.in), 60)], func(t *testing.T) {
			e, err := cql2.Parse(tc.in)
			if err == nil {
				t.Fatalf("accepted as %s", e)
			}
			if gasrisk.ErrorCode(err) != gasrisk.EINVALID || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(gasrisk.ErrorMessage(err), "filter: ") {
				t.Errorf("error %q (%s), want %q", err, gasrisk.ErrorCode(err), tc.want)
			}
		})
	}
}

func TestProps(t *testing.T) {
	e, err := cql2.Parse("grade = 'red' AND (district IN ('D1') OR NOT grade = 'blue') AND score > 1")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(cql2.Props(e), ","); got != "grade,district,score" {
		t.Errorf("props %s", got)
	}
}

// ExampleParse parses what GDAL sends for ogr2ogr -where "grade='red'".
func ExampleParse() {
	e, err := cql2.Parse("(grade = 'red') AND (install_year < 1990)")
	if err != nil {
		panic(err)
	}
	fmt.Println(e, cql2.Props(e))
	// Output: (grade = 'red') AND (install_year < 1990) [grade install_year]
}
