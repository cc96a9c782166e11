// Package cql2 reads the text encoding of CQL2, the filter language of OGC
// API – Features – Part 3: Filtering (OGC 21-065r2), as far as gasrisk's
// queryables need it: comparisons, LIKE, IN, BETWEEN and IS NULL of a
// property against literals, joined by AND, OR and NOT. The expressions
// are data only; data/export turns them into parameterised SQL over the
// properties a collection declares.
package cql2

import (
	"strconv"
	"strings"
)

// Expr is a parsed filter expression: one of *Logical, *Not, *Compare,
// *Like, *In, *Between or *IsNull.
type Expr interface {
	// String is the expression in canonical CQL2 text.
	String() string
}

// Logical joins expressions with AND or OR.
type Logical struct {
	Op   string // "AND" or "OR"
	Args []Expr // two or more
}

// Not negates an expression.
type Not struct{ Arg Expr }

// Compare compares a property with a literal: Op is one of = <> < <= > >=.
type Compare struct {
	Op    string
	Prop  string
	Value Literal
}

// Like matches a property against a pattern (% any characters, _ one,
// \ escapes); CaseInsensitive is GDAL's ILIKE.
type Like struct {
	Prop            string
	Pattern         string
	Not             bool
	CaseInsensitive bool
}

// In tests a property against a list of literals.
type In struct {
	Prop   string
	Values []Literal
	Not    bool
}

// Between tests lo ≤ property ≤ hi.
type Between struct {
	Prop   string
	Lo, Hi Literal
	Not    bool
}

// IsNull tests whether a property has no value.
type IsNull struct {
	Prop string
	Not  bool
}

// Kind is a literal's type.
type Kind int

// Literal kinds: strings (DATE and TIMESTAMP literals keep their ISO text
// and are compared as strings), numbers and booleans.
const (
	String Kind = iota
	Number
	Bool
)

// Literal is a constant of a filter.
type Literal struct {
	Kind Kind
	Str  string  // String
	Num  float64 // Number
	Bool bool    // Bool
}

// String is the literal in CQL2 text.
func (l Literal) String() string {
	switch l.Kind {
	case Number:
		return strconv.FormatFloat(l.Num, 'g', -1, 64)
	case Bool:
		return strings.ToUpper(strconv.FormatBool(l.Bool))
	}
	return "'" + strings.ReplaceAll(l.Str, "'", "''") + "'"
}

// String is the expression in CQL2 text.
func (e *Logical) String() string {
	parts := make([]string, len(e.Args))
	for i, a := range e.Args {
		parts[i] = "(" + a.String() + ")"
	}
	return strings.Join(parts, " "+e.Op+" ")
}

// String is the expression in CQL2 text.
func (e *Not) String() string { return "NOT (" + e.Arg.String() + ")" }

// String is the expression in CQL2 text.
func (e *Compare) String() string { return quoteProp(e.Prop) + " " + e.Op + " " + e.Value.String() }

// String is the expression in CQL2 text.
func (e *Like) String() string {
	op := "LIKE"
	if e.CaseInsensitive {
		op = "ILIKE"
	}
	return quoteProp(e.Prop) + not(e.Not) + " " + op + " " + Literal{Str: e.Pattern}.String()
}

// String is the expression in CQL2 text.
func (e *In) String() string {
	vals := make([]string, len(e.Values))
	for i, v := range e.Values {
		vals[i] = v.String()
	}
	return quoteProp(e.Prop) + not(e.Not) + " IN (" + strings.Join(vals, ", ") + ")"
}

// String is the expression in CQL2 text.
func (e *Between) String() string {
	return quoteProp(e.Prop) + not(e.Not) + " BETWEEN " + e.Lo.String() + " AND " + e.Hi.String()
}

// String is the expression in CQL2 text.
func (e *IsNull) String() string {
	if e.Not {
		return quoteProp(e.Prop) + " IS NOT NULL"
	}
	return quoteProp(e.Prop) + " IS NULL"
}

func not(b bool) string {
	if b {
		return " NOT"
	}
	return ""
}

// quoteProp writes a property name, double-quoted where it is not a plain
// identifier or is a keyword.
func quoteProp(p string) string {
	plain := p != "" && !keyword(p) && !literalWord(strings.ToUpper(p))
	for i, r := range p {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
			plain = false
		}
	}
	if plain {
		return p
	}
	return `"` + strings.ReplaceAll(p, `"`, `""`) + `"`
}

// Props lists the properties an expression refers to, in order, each once.
func Props(e Expr) []string {
	var out []string
	seen := map[string]bool{}
	var walk func(Expr)
	walk = func(e Expr) {
		var p string
		switch e := e.(type) {
		case *Logical:
			for _, a := range e.Args {
				walk(a)
			}
			return
		case *Not:
			walk(e.Arg)
			return
		case *Compare:
			p = e.Prop
		case *Like:
			p = e.Prop
		case *In:
			p = e.Prop
		case *Between:
			p = e.Prop
		case *IsNull:
			p = e.Prop
		}
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	walk(e)
	return out
}
