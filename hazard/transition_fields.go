package hazard

import (
	"fmt"
	"strings"

	"gasrisk"
)

// FieldError refuses a transition whose fields do not fit the move: the
// fields it needs but lacks (Missing), those set that do not belong to it
// (Extra), or one field whose value is refused (Field, with Problem).
// Fields are named as in the JSON body of the API; Text names them as
// another interface does (the CLI's flags). Its code is gasrisk.EINVALID.
type FieldError struct {
	To      State
	Missing []string
	Extra   []string
	Field   string
	Problem string // what is wrong with Field's value, e.g. `"31.12.2026": want YYYY-MM-DD`
}

// Error names the fields as the API does.
func (e *FieldError) Error() string { return e.Text(func(f string) string { return f }) }

// Text is the message with every field named by name.
func (e *FieldError) Text(name func(field string) string) string {
	names := func(fs []string) string {
		out := make([]string, len(fs))
		for i, f := range fs {
			out[i] = name(f)
		}
		return strings.Join(out, ", ")
	}
	switch {
	case len(e.Missing) > 0:
		return fmt.Sprintf("moving to %s needs %s", e.To, names(e.Missing))
	case len(e.Extra) > 0:
		return fmt.Sprintf("%s do(es) not belong to a move to %s", names(e.Extra), e.To)
	}
	return name(e.Field) + " " + e.Problem
}

// Unwrap gives the error its code: the input is invalid.
func (e *FieldError) Unwrap() error { return gasrisk.Errorf(gasrisk.EINVALID, "%s", e.Error()) }
