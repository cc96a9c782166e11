package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"gasrisk"
	"gasrisk/data/ledger"
	"gasrisk/data/printsource"
	"gasrisk/geo"
	"gasrisk/hazard"
	"gasrisk/printmap"
)

// hazardsExport writes the ledger or the control list.
func hazardsExport(ctx context.Context, a *app, s *services, o *hazardsOpts, list string) error {
	if list != "ledger" && list != "control" {
		return usageError(fmt.Sprintf("export %q: want ledger or control", list))
	}
	if o.format == "" {
		o.format = ledger.FormatXLSX
	}
	if o.format != ledger.FormatXLSX && o.format != ledger.FormatCSV {
		return usageError(fmt.Sprintf("--format %q: want xlsx or csv", o.format))
	}
	out := o.out
	if out == "" && o.format == ledger.FormatXLSX {
		return usageError("--format xlsx needs -o FILE")
	}
	n, err := hzWrite(a, out, func(w io.Writer) (int, error) {
		if list == "ledger" {
			f := o.filter()
			f.Limit, f.Offset = 0, 0
			lo := ledger.ExportOptions{Format: o.format, Lang: o.lang, Filter: f}
			if !o.noCards {
				lo.Cards = s.topology
			}
			return s.ledger.ExportLedger(ctx, w, lo)
		}
		return s.ledger.ExportControlList(ctx, w, ledger.ControlListOptions{Format: o.format, Lang: o.lang, Districts: o.districts, Grades: o.grades})
	})
	if err == nil && out != "" && out != "-" {
		fmt.Fprintf(a.stderr, "wrote %d rows to %s\n", n, out)
	}
	return err
}

// printFormat is the format of a printed map: --format, else the -o
// file's extension, else PNG.
func printFormat(format, out string) (string, error) {
	switch {
	case format == "png" || format == "pdf":
		return format, nil
	case format != "":
		return "", usageError(fmt.Sprintf("--format %q: print writes png or pdf", format))
	case strings.HasSuffix(strings.ToLower(out), ".pdf"):
		return "pdf", nil
	}
	return "png", nil
}

// hazardsPrint renders the printable risk map to a PNG or PDF file.
func hazardsPrint(ctx context.Context, a *app, s *services, o *hazardsOpts) error {
	area := printsource.Area{}
	switch {
	case len(o.districts) > 1:
		return usageError("print maps one --district")
	case len(o.districts) == 1:
		area.District = o.districts[0]
	}
	if o.bbox != "" {
		b, err := geo.ParseBBox(o.bbox, false)
		if err != nil {
			return usageError(err.Error())
		}
		area.BBox = &b
	}
	format, err := printFormat(o.format, o.out)
	if err != nil {
		return err
	}
	page, err := o.page()
	if err != nil {
		return err
	}
	r, err := printmap.NewRenderer()
	if err != nil {
		return err
	}
	if o.lang == hazard.LangZH && !r.HasCJK() {
		fmt.Fprintln(a.stderr, "no CJK font found (install fonts-wqy-microhei): the map's labels are English")
	}
	m, err := s.print.PrintMap(ctx, area, page, o.lang, time.Now())
	if err != nil {
		return err
	}
	out := o.out
	if out == "" {
		out = "risk-map." + format
	}
	write, size := r.WritePNG, func() string { w, h := page.Pixels(); return fmt.Sprintf("%d×%d px", w, h) }
	if format == "pdf" {
		write, size = r.WritePDF, func() string { return "vector" }
	}
	_, err = hzWrite(a, out, func(w io.Writer) (int, error) { return 0, write(w, m) })
	if err == nil && out != "-" {
		fmt.Fprintf(a.stderr, "wrote %s (%s, %s, run %d, %d segments, %d hazards)\n", out, page.Size, size(), m.RunID, len(m.Lines), m.OpenHazards)
	}
	return err
}

// page is the paper of hazards print, checked.
func (o *hazardsOpts) page() (printmap.Page, error) {
	page, err := (printmap.Page{Size: o.size, Landscape: !o.portrait, DPI: o.dpi}).Normalize()
	if err != nil { // printmap names the paper size and the resolution
		msg := strings.NewReplacer("paper size ", "--size ", "resolution ", "--dpi ", " dpi: ", ": ").Replace(gasrisk.ErrorMessage(err))
		return page, usageError(msg)
	}
	return page, nil
}

// hzWrite runs write on the file out (stdout for "" or "-"), removing the
// file when writing fails.
func hzWrite(a *app, out string, write func(io.Writer) (int, error)) (int, error) {
	if out == "" || out == "-" {
		return write(a.stdout)
	}
	f, err := os.Create(out)
	if err != nil {
		return 0, err
	}
	n, err := write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(out)
	}
	return n, err
}
