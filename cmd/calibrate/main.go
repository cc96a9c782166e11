// Command calibrate derives the risk model's likelihood base-rate table from
// the raw PHMSA gas distribution files and writes it as JSON.
//
//	go run ./cmd/calibrate -data ../shared/data/phmsa -o riskmodel/baserates.json -threats riskmodel/threats.json [-report calibration.md]
//
// -threats writes the threat shares (incidents by cause and leaks repaired
// by cause; docs/calibration.md, "Threats"); "" leaves them out.
// With -o - the table goes to standard output. -report writes the evidence
// tables (Markdown) to a file, or to standard output with -report -.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"

	"gasrisk/phmsa"
)

func main() {
	data := flag.String("data", "../shared/data/phmsa", "directory with the PHMSA files")
	out := flag.String("o", "riskmodel/baserates.json", "output JSON file (- for stdout)")
	report := flag.String("report", "", "also write the evidence as Markdown to this file (- for stdout)")
	threats := flag.String("threats", "riskmodel/threats.json", "threat shares JSON file (- for stdout, empty: not written)")
	flag.Parse()
	if flag.NArg() > 0 {
		fail(fmt.Errorf("unexpected arguments: %v", flag.Args()))
	}
	if err := run(*data, *out, *threats, *report); err != nil {
		fail(err)
	}
}

func run(data, out, threats, report string) error {
	d, err := phmsa.Load(data)
	if err != nil {
		return err
	}
	c, err := d.Calibrate()
	if err != nil {
		return err
	}
	var js bytes.Buffer
	if err := phmsa.WriteBaseRates(&js, c.BaseRates()); err != nil {
		return err
	}
	if err := write(out, js.Bytes()); err != nil {
		return err
	}
	if threats != "" {
		var ts bytes.Buffer
		if err := phmsa.WriteThreatShares(&ts, c.ThreatShares()); err != nil {
			return err
		}
		if err := write(threats, ts.Bytes()); err != nil {
			return err
		}
	}
	if report != "" {
		var md bytes.Buffer
		if err := c.WriteMarkdown(&md); err != nil {
			return err
		}
		return write(report, md.Bytes())
	}
	return nil
}

// write puts b into the named file, or stdout for "-".
func write(name string, b []byte) error {
	if name == "-" {
		_, err := io.Copy(os.Stdout, bytes.NewReader(b))
		return err
	}
	return os.WriteFile(name, b, 0o644)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "calibrate:", err)
	os.Exit(1)
}
