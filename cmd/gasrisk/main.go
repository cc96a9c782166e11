// Command gasrisk maps the risk of a city's underground gas network: it
// keeps the network in PostGIS, detects hazards, grades every segment and
// serves the four-colour risk map. Run "gasrisk help" for the commands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"syscall"
)

// command is one subcommand: its flags, its usage text and what it does.
type command struct {
	name    string
	args    string // positional arguments, for the usage line
	summary string
	detail  string
	flags   func(fs *flag.FlagSet) func(ctx context.Context, a *app, args []string) error
}

// app is what every command gets: where to write and how to reach the db.
type app struct {
	stdout, stderr io.Writer
}

func commands() []command {
	return []command{
		demoCommand(), dbCommand(), importCommand(), analyzeCommand(), exportCommand(),
		serveCommand(), genCommand(), hazardsCommand(), apikeyCommand(), importDirCommand(), versionCommand(), soakCommand(), sensorsCommand(), recordCommand(),
		planCommand(), compareCommand(), jobCommand(), progressCommand(),
		topologyCommand(), isolateCommand(),
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	a := &app{stdout: os.Stdout, stderr: os.Stderr}
	os.Exit(run(ctx, a, os.Args[1:]))
}

// run dispatches args to a command and returns the exit code.
func run(ctx context.Context, a *app, args []string) int {
	if len(args) == 0 {
		usage(a.stderr)
		return 2
	}
	if args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		if len(args) > 1 {
			return helpFor(a, args[1])
		}
		usage(a.stdout)
		return 0
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return runCommand(ctx, a, c, args[1:])
		}
	}
	fmt.Fprintf(a.stderr, "gasrisk: unknown command %q (run \"gasrisk help\")\n", args[0])
	return 2
}

// runCommand parses a command's flags, runs it and returns the exit code:
// 2 for a mistake in how it was called, 1 for a failure.
func runCommand(ctx context.Context, a *app, c command, args []string) int {
	fs := flag.NewFlagSet("gasrisk "+c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // parse errors are reported below, naming flags as typed
	runFn := c.flags(fs)
	fs.Usage = func() {}
	pos, err := parseInterspersed(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		commandUsage(a.stdout, c, fs)
		return 0
	}
	if err != nil {
		fmt.Fprintf(a.stderr, "gasrisk %s: %s (run \"gasrisk help %s\")\n", c.name, flagError(err), c.name)
		return 2
	}
	if err := runFn(ctx, a, pos); err != nil {
		fmt.Fprintf(a.stderr, "gasrisk %s: %s\n", c.name, nameFlags(cliMessage(err), fs))
		var ue usageError
		if errors.As(err, &ue) {
			return 2
		}
		return 1
	}
	return 0
}

// usageError marks a mistake in how a command was called (exit code 2).
type usageError string

func (e usageError) Error() string { return string(e) }

func usage(w io.Writer) {
	fmt.Fprintln(w, "gasrisk — risk map of an underground gas network (PostGIS)")
	fmt.Fprintln(w, "\nUsage: gasrisk COMMAND [flags] [arguments]   (flags may come before or after arguments)")
	fmt.Fprintln(w, "\nCommands:")
	cs := commands()
	sort.Slice(cs, func(i, j int) bool { return cs[i].name < cs[j].name })
	for _, c := range cs {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nEvery command uses the embedded PostGIS under $GASRISK_DATA_DIR unless DATABASE_URL is set.")
	fmt.Fprintln(w, "Run \"gasrisk help COMMAND\" or \"gasrisk COMMAND -h\" for a command's flags.")
	fmt.Fprintln(w, "\nEnvironment:")
	fmt.Fprintln(w, "  DATABASE_URL          use this PostgreSQL+PostGIS server instead of the embedded one (its role owns the schema)")
	fmt.Fprintln(w, "  GASRISK_APP_DATABASE_URL  how the services connect, as role gasrisk_app (default: DATABASE_URL as gasrisk_app, no password)")
	fmt.Fprintln(w, "  GASRISK_DATA_DIR      where the embedded cluster lives (default ~/.local/share/gasrisk; /var/lib/gasrisk for root)")
	fmt.Fprintln(w, "  GASRISK_WORKING_SRID  metric CRS for distance work, set before the first import (default: UTM zone of the data)")
	fmt.Fprintln(w, "  GASRISK_PG_BIN        directory of initdb/pg_ctl (default: pg_config --bindir, /usr/lib/postgresql/15/bin)")
	fmt.Fprintln(w, "  GASRISK_PG_USER       account the server runs as when gasrisk runs as root (default postgres, else nobody)")
}

func helpFor(a *app, name string) int {
	for _, c := range commands() {
		if c.name == name {
			fs := flag.NewFlagSet("gasrisk "+c.name, flag.ContinueOnError)
			c.flags(fs)
			commandUsage(a.stdout, c, fs)
			return 0
		}
	}
	fmt.Fprintf(a.stderr, "gasrisk: unknown command %q\n", name)
	return 2
}

func commandUsage(w io.Writer, c command, fs *flag.FlagSet) {
	fmt.Fprintf(w, "Usage: gasrisk %s %s\n\n%s\n", c.name, c.args, c.summary)
	if c.detail != "" {
		fmt.Fprintf(w, "\n%s\n", c.detail)
	}
	has := false
	fs.VisitAll(func(*flag.Flag) { has = true })
	if has {
		fmt.Fprintln(w, "\nFlags:")
		fs.SetOutput(w)
		fs.PrintDefaults()
	}
}
