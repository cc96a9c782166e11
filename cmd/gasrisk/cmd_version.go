package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"runtime/debug"
)

func versionCommand() command {
	return command{name: "version", args: "",
		summary: "print the module version, the VCS revision it was built from and the Go version",
		flags: func(fs *flag.FlagSet) func(context.Context, *app, []string) error {
			return func(ctx context.Context, a *app, args []string) error {
				if len(args) != 0 {
					return usageError("version takes no arguments")
				}
				bi, ok := debug.ReadBuildInfo()
				if !ok {
					return fmt.Errorf("this binary carries no build information")
				}
				writeVersion(a.stdout, bi)
				return nil
			}
		}}
}

// writeVersion prints what bi says about the build: module version, VCS
// revision and time (with "+dirty" for uncommitted changes) and Go.
func writeVersion(w io.Writer, bi *debug.BuildInfo) {
	settings := map[string]string{}
	for _, s := range bi.Settings {
		settings[s.Key] = s.Value
	}
	version := bi.Main.Version
	if version == "" {
		version = "(devel)"
	}
	fmt.Fprintf(w, "gasrisk %s (module %s)\n", version, bi.Main.Path)
	if rev := settings["vcs.revision"]; rev != "" {
		if settings["vcs.modified"] == "true" {
			rev += "+dirty"
		}
		fmt.Fprintf(w, "revision %s", rev)
		if t := settings["vcs.time"]; t != "" {
			fmt.Fprintf(w, " (%s)", t)
		}
		fmt.Fprintln(w)
	} else {
		fmt.Fprintln(w, "revision unknown (built outside a git checkout, or with -buildvcs=false)")
	}
	fmt.Fprintf(w, "built with %s for %s/%s\n", bi.GoVersion, settings["GOOS"], settings["GOARCH"])
}
