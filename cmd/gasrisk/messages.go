package main

import (
	"errors"
	"flag"
	"regexp"
	"strings"

	"gasrisk"
	"gasrisk/hazard"
)

// flagError is a flag parse error with each flag written as users type
// them and the usage texts show them: --name, but -o (the flag package
// writes -name).
func flagError(err error) string {
	flagDash := regexp.MustCompile(`(flag provided but not defined: |for flag |flag needs an argument: )-([A-Za-z][A-Za-z0-9_-]+)`)
	return flagDash.ReplaceAllString(err.Error(), "${1}--${2}")
}

// cliMessage is what the terminal shows of err: the message a user can
// act on for errors the services classify (without the operation that
// failed, which is for logs) when err comes straight from them, with the fields of a hazard move named by
// their flags; anything else in full.
func cliMessage(err error) string {
	var fe *hazard.FieldError
	if errors.As(err, &fe) {
		return fe.Text(moveFlag)
	}
	if _, ok := err.(*gasrisk.Error); !ok {
		return err.Error() // our own wrapping (file names, hints) stays
	}
	switch gasrisk.ErrorCode(err) {
	case gasrisk.EINVALID, gasrisk.ENOTFOUND, gasrisk.ECONFLICT, gasrisk.ETOOLARGE, gasrisk.EUNPROCESSABLE,
		gasrisk.EFORBIDDEN, gasrisk.EUNAUTHORIZED:
		return gasrisk.ErrorMessage(err)
	}
	return err.Error()
}

// moveFlag is the flag of "hazards move" that sets a field of
// hazard.Transition (named as in the API).
func moveFlag(field string) string {
	f, ok := map[string]string{"note": "note", "measures": "measures", "responsible_unit": "unit",
		"responsible_person": "person", "deadline": "deadline", "temporary_measures": "temporary",
		"evidence": "evidence", "actor": "by"}[field]
	if !ok {
		return field
	}
	return "--" + f
}

// nameFlags writes the flag a message starts with as the user typed it:
// services name their parameters ("bbox …", "sort …", "unknown state …");
// where such a name is a flag the user set, the terminal shows --name.
func nameFlags(msg string, fs *flag.FlagSet) string {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = len(f.Name) > 1 })
	first, rest, _ := strings.Cut(msg, " ")
	if set[first] {
		return "--" + first + " " + rest
	}
	if second, rest2, _ := strings.Cut(rest, " "); first == "unknown" && set[second] {
		return "unknown --" + second + " " + rest2
	}
	return msg
}
