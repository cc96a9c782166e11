package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"gasrisk/data/topology"
)

func topologyCommand() command {
	return command{name: "topology", args: "[--format text|json|geojson]",
		summary: "check the gas network's topology: dangles, islands, class changes, valves off the pipes",
		detail: `Builds the network graph from the in-service pipes (ends within 0.5 m are one junction; valves
within 1 m of a pipe split it; stations join the pipe ends within 15 m) and reports what a GIS
team cleans: pipe ends that meet nothing (dangles), parts of the network no city gate or
regulator feeds (islands), junctions of different pressure classes without a regulator and
valves that stand on no pipe. json is the API's report; geojson one point per finding.`,
		flags: func(fs *flag.FlagSet) func(context.Context, *app, []string) error {
			var format string
			fs.StringVar(&format, "format", "text", "text, json or geojson")
			return func(ctx context.Context, a *app, args []string) error {
				if len(args) != 0 {
					return usageError("topology takes no arguments")
				}
				if format != "text" && format != "json" && format != "geojson" {
					return usageError(fmt.Sprintf("--format %q: want text, json or geojson", format))
				}
				s, err := openServices(ctx, a)
				if err != nil {
					return err
				}
				defer s.Close()
				r, err := s.topology.Check(ctx)
				if err != nil {
					return err
				}
				switch format {
				case "json":
					return writeIndented(a.stdout, r)
				case "geojson":
					return writeIndented(a.stdout, r.GeoJSON())
				}
				printReport(a.stdout, r)
				return nil
			}
		}}
}

// listed is how many findings of each kind the text report lists.
const listed = 20

func printReport(w io.Writer, r topology.Report) {
	fmt.Fprintf(w, "%d pipes, %d junctions, %d valves, %d stations, %d customers (%d with no pipe within %g m)\n",
		r.Pipes, r.Junctions, r.Valves, r.Stations, r.Customers, r.CustomersOff, topology.CustomerM)
	fmt.Fprintf(w, "dangles:           %d\n", len(r.Dangles))
	fmt.Fprintf(w, "islands:           %d (parts of the network no source feeds)\n", len(r.Islands))
	fmt.Fprintf(w, "class changes:     %d (without a regulator)\n", len(r.ClassChanges))
	fmt.Fprintf(w, "valves off a pipe: %d\n", len(r.ValvesOff))
	for i, c := range r.ClassChanges {
		if i == listed {
			fmt.Fprintf(w, "  … %d more class changes (--format json lists all)\n", len(r.ClassChanges)-listed)
			break
		}
		fmt.Fprintf(w, "  class change %s at %.6f,%.6f: %s\n", strings.Join(c.Classes, "/"), c.Lon, c.Lat, strings.Join(c.PipeIDs, ", "))
	}
	for i, v := range r.ValvesOff {
		if i == listed {
			fmt.Fprintf(w, "  … %d more valves off a pipe (--format json lists all)\n", len(r.ValvesOff)-listed)
			break
		}
		fmt.Fprintf(w, "  valve %s at %.6f,%.6f is on no pipe\n", v.ValveID, v.Lon, v.Lat)
	}
}

func isolateCommand() command {
	return command{name: "isolate", args: "--segment ID | --hazard ID | --point LON,LAT [--format text|json]",
		summary: "the valves to close for an emergency, and who loses gas (isolation trace)",
		detail: `Traces the isolation of the pipe at a segment of the current run, a hazard of the ledger or a
point (the nearest in-service pipe within 50 m): the operable valves that bound it (an
inoperable valve is passed over and the trace goes on to the next), the pipes isolated, the
pipes and customers that lose gas once the valves are closed, the buildings, dense places
and stations affected and the sources that still feed the network around.`,
		flags: func(fs *flag.FlagSet) func(context.Context, *app, []string) error {
			var segment, hazard int64
			var point, format string
			fs.Int64Var(&segment, "segment", 0, "segment id of the current run")
			fs.Int64Var(&hazard, "hazard", 0, "hazard id of the ledger")
			fs.StringVar(&point, "point", "", "LON,LAT in degrees")
			fs.StringVar(&format, "format", "text", "text or json (the API's answer)")
			return func(ctx context.Context, a *app, args []string) error {
				if len(args) != 0 {
					return usageError("isolate takes no arguments")
				}
				start, err := isolationStart(segment, hazard, point)
				if err != nil {
					return err
				}
				if format != "text" && format != "json" {
					return usageError(fmt.Sprintf("--format %q: want text or json", format))
				}
				s, err := openServices(ctx, a)
				if err != nil {
					return err
				}
				defer s.Close()
				iso, err := s.topology.Isolate(ctx, start)
				if err != nil {
					return err
				}
				if format == "json" {
					return writeIndented(a.stdout, iso)
				}
				printIsolation(a.stdout, iso)
				return nil
			}
		}}
}

// isolationStart reads the one start the flags give.
func isolationStart(segment, hazard int64, point string) (topology.Start, error) {
	var st topology.Start
	n := 0
	if segment != 0 {
		st.SegmentID, n = &segment, n+1
	}
	if hazard != 0 {
		st.HazardID, n = &hazard, n+1
	}
	if point != "" {
		parts := strings.Split(point, ",")
		if len(parts) != 2 {
			return st, usageError(fmt.Sprintf("--point %q: want LON,LAT in degrees", point))
		}
		var p []float64
		for _, s := range parts {
			x, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
			if err != nil {
				return st, usageError(fmt.Sprintf("--point %q: want LON,LAT in degrees", point))
			}
			p = append(p, x)
		}
		st.Point, n = &p, n+1
	}
	if n != 1 {
		return st, usageError("give exactly one of --segment, --hazard or --point")
	}
	return st, nil
}

func printIsolation(w io.Writer, iso topology.Isolation) {
	fmt.Fprintf(w, "start: pipe %s at %.6f,%.6f\n", iso.Start.PipeID, iso.Start.Lon, iso.Start.Lat)
	if iso.Unfed {
		fmt.Fprintln(w, "note: no source feeds this part of the network (an island of the data)")
	}
	fmt.Fprintf(w, "close %d valves:\n", len(iso.Valves))
	for _, v := range iso.Valves {
		fmt.Fprintf(w, "  %s (%s) at %.6f,%.6f\n", v.ID, v.Kind, v.Lon, v.Lat)
	}
	for _, v := range iso.Passed {
		fmt.Fprintf(w, "  passed inoperable valve %s at %.6f,%.6f\n", v.ID, v.Lon, v.Lat)
	}
	for _, t := range iso.Stations {
		fmt.Fprintf(w, "  shut the outlet of station %s (%s)\n", t.ID, t.Kind)
	}
	fmt.Fprintf(w, "isolated: %d pipes, %.0f m\n", len(iso.Isolated), iso.IsolatedM)
	fmt.Fprintf(w, "loses gas: %d pipes, %.0f m; %d customers, %d meters, %d critical; %d buildings, %d dense places\n",
		len(iso.LostPipes), iso.LostM, len(iso.Customers), iso.Meters, iso.Critical, len(iso.Buildings), len(iso.Places))
	for _, p := range iso.Places {
		fmt.Fprintf(w, "  place %s (%s) %s\n", p.ID, p.Kind, p.Name)
	}
	var src []string
	for i, t := range iso.Sources {
		if i == listed {
			src = append(src, fmt.Sprintf("… %d more", len(iso.Sources)-listed))
			break
		}
		src = append(src, t.ID)
	}
	fmt.Fprintf(w, "sources still feeding: %d (%s)\n", len(iso.Sources), strings.Join(src, ", "))
}

func writeIndented(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
