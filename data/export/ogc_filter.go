package export

import (
	"slices"
	"strings"

	"gasrisk"
	"gasrisk/cql2"
)

// queryable reports whether a column can be filtered on: a single value
// (not the factors' JSON, the findings array or a rule's text).
func (c column) queryable() bool {
	return c.kind != kJSON && c.kind != kTextArray && c.kind != kRule
}

// queryables are the columns a CQL2 filter may name.
func (t *target) queryables() []column {
	var out []column
	for _, c := range t.cols {
		if c.queryable() {
			out = append(out, c)
		}
	}
	return out
}

// queryableNames lists the queryables' names, for error messages.
func (t *target) queryableNames() string {
	var names []string
	for _, c := range t.queryables() {
		names = append(names, c.key)
	}
	return strings.Join(names, ", ")
}

// whereSQL translates a CQL2 expression over t's queryables into an SQL
// condition. Property names select a column's expression from t's own
// list (never from the request); every literal is a parameter added to a.
// Unknown properties and literals of the wrong type are gasrisk.EINVALID.
func (t *target) whereSQL(e cql2.Expr, a *argList) (string, error) {
	switch e := e.(type) {
	case *cql2.Logical:
		parts := make([]string, len(e.Args))
		for i, arg := range e.Args {
			s, err := t.whereSQL(arg, a)
			if err != nil {
				return "", err
			}
			parts[i] = "(" + s + ")"
		}
		return "(" + strings.Join(parts, " "+e.Op+" ") + ")", nil
	case *cql2.Not:
		s, err := t.whereSQL(e.Arg, a)
		return "NOT (" + s + ")", err
	case *cql2.Compare:
		c, err := t.filterColumn(e.Prop)
		if err != nil {
			return "", err
		}
		if c.kind == kBool && e.Op != "=" && e.Op != "<>" {
			return "", gasrisk.Errorf(gasrisk.EINVALID, "filter: %s is true or false: compare it with = or <>", c.key)
		}
		v, err := bind(c, e.Value, a)
		return "(" + c.expr + ") " + e.Op + " " + v, err
	case *cql2.Like:
		c, err := t.filterColumn(e.Prop)
		if err != nil {
			return "", err
		}
		if sqlType(c.kind) != "text" {
			return "", gasrisk.Errorf(gasrisk.EINVALID, "filter: LIKE needs a text property; %s is a %s", c.key, jsonType(c.kind))
		}
		op := map[bool]string{false: " LIKE ", true: " ILIKE "}[e.CaseInsensitive]
		return "(" + c.expr + ")" + notSQL(e.Not) + op + a.add(e.Pattern) + "::text", nil
	case *cql2.In:
		c, err := t.filterColumn(e.Prop)
		if err != nil {
			return "", err
		}
		vals := make([]string, len(e.Values))
		for i, l := range e.Values {
			if vals[i], err = bind(c, l, a); err != nil {
				return "", err
			}
		}
		return "(" + c.expr + ")" + notSQL(e.Not) + " IN (" + strings.Join(vals, ", ") + ")", nil
	case *cql2.Between:
		c, err := t.filterColumn(e.Prop)
		if err != nil {
			return "", err
		}
		lo, err := bind(c, e.Lo, a)
		if err != nil {
			return "", err
		}
		hi, err := bind(c, e.Hi, a)
		return "(" + c.expr + ")" + notSQL(e.Not) + " BETWEEN " + lo + " AND " + hi, err
	case *cql2.IsNull:
		c, err := t.filterColumn(e.Prop)
		if err != nil {
			return "", err
		}
		return "(" + c.expr + ") IS" + notSQL(e.Not) + " NULL", nil
	}
	return "", gasrisk.Errorf(gasrisk.EINVALID, "filter: unsupported expression %v", e)
}

func notSQL(b bool) string {
	if b {
		return " NOT"
	}
	return ""
}

// filterColumn is the queryable named p.
func (t *target) filterColumn(p string) (column, error) {
	i := slices.IndexFunc(t.cols, func(c column) bool { return c.key == p && c.queryable() })
	if i < 0 {
		return column{}, gasrisk.Errorf(gasrisk.EINVALID, "filter: %q is not a queryable of %s (queryables: %s)", p, t.name, t.queryableNames())
	}
	return t.cols[i], nil
}

// sqlType is the SQL type a column's literals are bound as.
func sqlType(k colKind) string {
	switch k {
	case kInt, kNum:
		return "float8"
	case kBool:
		return "boolean"
	}
	return "text"
}

// bind adds a literal compared with column c as a parameter and returns
// its placeholder, cast to the column's type; a literal of another type
// is refused.
func bind(c column, l cql2.Literal, a *argList) (string, error) {
	var v any
	switch sqlType(c.kind) {
	case "float8":
		if l.Kind != cql2.Number {
			return "", gasrisk.Errorf(gasrisk.EINVALID, "filter: %s is a number; %s is not", c.key, l)
		}
		v = l.Num
	case "boolean":
		if l.Kind != cql2.Bool {
			return "", gasrisk.Errorf(gasrisk.EINVALID, "filter: %s is TRUE or FALSE; %s is not", c.key, l)
		}
		v = l.Bool
	default:
		if l.Kind != cql2.String {
			return "", gasrisk.Errorf(gasrisk.EINVALID, "filter: %s is text: quote the value ('%s')", c.key, strings.Trim(l.String(), "'"))
		}
		v = l.Str
	}
	return a.add(v) + "::" + sqlType(c.kind), nil
}
