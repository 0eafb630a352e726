package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
	"unicode/utf8"

	"github.com/cisim/cisim/results"
)

func main() {
	ctx, signalled := onSignals()
	code := cli(ctx, os.Args[1:], os.Stdout, os.Stderr)
	if code == exitInterrupted && signalled() == syscall.SIGTERM {
		code = 128 + int(syscall.SIGTERM)
	}
	os.Exit(code)
}

// onSignals returns a context that the first SIGINT or SIGTERM cancels
// (the command then saves what it finished and stops), and the signal that
// did it. A second signal exits at once, with the shell's code for it.
func onSignals() (context.Context, func() os.Signal) {
	ctx, cancel := context.WithCancel(context.Background())
	signals := make(chan os.Signal, 2)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	var first atomic.Value
	go watchSignals(signals, func(s os.Signal) { first.Store(s); cancel() }, func(code int) {
		fmt.Fprintln(os.Stderr, "cisim: stopped at once by a second signal; the last checkpoint is kept")
		os.Exit(code)
	})
	return ctx, func() os.Signal {
		s, _ := first.Load().(os.Signal)
		return s
	}
}

// watchSignals calls stop on the first signal and exit, with the shell's
// code for it, on the second.
func watchSignals(signals <-chan os.Signal, stop func(os.Signal), exit func(code int)) {
	stop(<-signals)
	s := <-signals
	code := 1
	if n, ok := s.(syscall.Signal); ok {
		code = 128 + int(n)
	}
	exit(code)
}

// usageError is bad usage or bad input: exit code 2.
type usageError struct{ err error }

func (u usageError) Error() string { return u.err.Error() }
func (u usageError) Unwrap() error { return u.err }

// interruptedError is a command stopped by a signal after saving what it
// finished: exit code 130 (128 + SIGINT, as shells report it; main makes
// it 143 for SIGTERM).
type interruptedError struct{ err error }

func (i interruptedError) Error() string { return i.err.Error() }
func (i interruptedError) Unwrap() error { return i.err }

// exitInterrupted is the exit code of an interrupted command.
const exitInterrupted = 128 + 2

func badUsage(format string, a ...any) error { return usageError{fmt.Errorf(format, a...)} }

// app is one invocation of the command line: where it writes, and, for
// tests, a hook called after each finished unit of work of an experiment
// (with the units done and due, as the progress bar gets them).
type app struct {
	stdout, stderr io.Writer
	afterUnit      func(done, total int)
}

// command is one cisim command: the lines it adds to the usage text and
// what runs it.
type command struct {
	name  string
	usage []synopsis
	run   func(ctx context.Context, a *app, args []string) error
}

// synopsis is one line of the usage text: what follows "cisim", and what
// it does (empty: the line stands alone).
type synopsis struct{ line, what string }

// commandTable lists cisim's commands in the order of the usage text; it
// drives the usage text, the dispatch and the list of commands in errors.
func commandTable() []command {
	return []command{
		{"compare", []synopsis{
			{"", "compare the built-in isolated and collective-impact designs"},
			{"compare [SCENARIO…]", "run scenarios on the same replicates and compare them"}},
			func(ctx context.Context, a *app, args []string) error {
				return experimentCommand(ctx, a, "compare", true, args)
			}},
		{"run", []synopsis{{"run SCENARIO…", "run scenarios without comparing them"}},
			func(ctx context.Context, a *app, args []string) error {
				return experimentCommand(ctx, a, "run", false, args)
			}},
		{"merge", []synopsis{{"merge SHARD-FOLDER…", "join the shards of a run into one result"}}, mergeCommand},
		{"sweep", []synopsis{{"sweep SCENARIO… --vary KEY=LO:HI[:STEPS]…",
			"every point of a grid or Latin hypercube over levers"}}, sweepCommand},
		{"sensitivity", []synopsis{{"sensitivity SCENARIO… --method sobol|morris --vary KEY=LO:HI…",
			"which levers a metric is sensitive to"}}, sensitivityCommand},
		{"eval", []synopsis{{"eval SCENARIO… --points FILE.csv",
			"the points of a design made elsewhere (SALib, EMA)"}}, evalCommand},
		{"discover", []synopsis{{"discover FOLDER (--above X | --below X)",
			"the lever or parameter ranges where a result holds (PRIM)"}}, discoverCommand},
		{"conditions", []synopsis{{"conditions [SCENARIO]", "which of the seven conditions matter (2^7 factorial)"}}, conditionsCommand},
		{"explain", []synopsis{{"explain [A B]", "which of the model's channels carry a difference"}}, explainCommand},
		{"hypotheses", []synopsis{{"hypotheses [H1|H2|H3|all]", "the refined model's hypotheses as designed experiments"}}, hypothesesCommand},
		{"robust", []synopsis{{"robust DESIGN DESIGN… [--futures N] [--uncertain KEY=LO:HI…] [--satisfice METRIC>=X…]",
			"which design holds up across futures: robustness, regret, where each fails"}}, robustCommand},
		{"calibrate", []synopsis{{"calibrate [SCENARIO…] [--targets FILE|NAME]",
			"fit the uncertain parameters to evidence (ABC-SMC); use with --posterior"}}, calibrateCommand},
		{"targets", []synopsis{
			{"targets list", "the built-in evidence packs"},
			{"targets show NAME", "a pack as a file: every target, its source and mapping"}}, targetsCommand},
		{"scenarios", []synopsis{
			{"scenarios list", "the built-in scenarios"},
			{"scenarios show NAME", "a scenario as a file, ready to copy and edit"},
			{"scenarios validate FILE…", ""}}, scenariosCommand},
		{"serve", []synopsis{
			{"serve [--addr 127.0.0.1:8080] [--export DIR]", "the classroom page, in a browser"},
			{"serve --class [--design NAME] [--record DIR]", "students play the partners from their devices"}}, serveCommand},
		{"replay", []synopsis{{"replay RECORD [--csv FILE]", "replay a participatory classroom's game to its final numbers"}}, replayCommand},
		{"completion", []synopsis{{"completion bash|zsh|fish", "the shell's completion script"}}, completionCommand},
		{"help", []synopsis{{"help [COMMAND]", "this text, or a command's flags"}}, helpCommand},
		{"version", []synopsis{{"version", "the version and commit of this binary (also --version)"}}, func(_ context.Context, a *app, args []string) error {
			if len(args) > 0 && !isHelp(args) {
				return badUsage("cisim version: takes no arguments")
			}
			version, commit := results.BuildVersion()
			fmt.Fprintf(a.stdout, "cisim %s", version)
			if commit != "" {
				fmt.Fprintf(a.stdout, " (commit %s)", commit)
			}
			fmt.Fprintf(a.stdout, " %s\n", runtime.Version())
			return nil
		}},
	}
}

// usageColumn is the column, in characters, where the usage text says
// what a command does.
const usageColumn = 33

// usage is the text of cisim help.
func usage() string {
	var b strings.Builder
	b.WriteString("cisim simulates collective-impact partnerships.\n\nUsage:\n")
	for _, c := range commandTable() {
		for _, s := range c.usage {
			line := strings.TrimRight("  cisim "+s.line, " ")
			switch n := utf8.RuneCountInString(line); {
			case s.what == "":
				b.WriteString(line + "\n")
			case n+2 <= usageColumn:
				b.WriteString(line + strings.Repeat(" ", usageColumn-n) + s.what + "\n")
			default:
				b.WriteString(line + "\n" + strings.Repeat(" ", usageColumn) + s.what + "\n")
			}
		}
	}
	b.WriteString("\nSCENARIO is a built-in name or a scenario file. Run \"cisim COMMAND --help\" for the flags.\n")
	return b.String()
}

// helpCommand is cisim help, or cisim help COMMAND: that command's
// --help.
func helpCommand(ctx context.Context, a *app, args []string) error {
	switch {
	case len(args) == 0 || isHelp(args):
		_, err := io.WriteString(a.stdout, usage())
		return err
	case len(args) > 1:
		return badUsage("cisim help: want one command, e.g. cisim help compare")
	}
	for _, c := range commandTable() {
		if c.name == args[0] {
			return c.run(ctx, a, []string{"--help"})
		}
	}
	return unknownCommand(args[0])
}

func isHelp(args []string) bool {
	return len(args) == 1 && (args[0] == "help" || args[0] == "-h" || args[0] == "--help")
}

// asksHelp reports whether a command of subcommands (scenarios, targets)
// is asked for help after its subcommand: cisim scenarios show --help.
func asksHelp(args []string) bool {
	return len(args) > 1 && slices.ContainsFunc(args[1:], func(a string) bool { return a == "-h" || a == "--help" })
}

// cli runs one command line and returns the exit code.
func cli(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return (&app{stdout: stdout, stderr: stderr}).main(ctx, args)
}

// main runs one command line and returns the exit code.
func (a *app) main(ctx context.Context, args []string) int {
	err := a.dispatch(ctx, args)
	if err == nil {
		return 0
	}
	fmt.Fprintln(a.stderr, err)
	var u usageError
	var in interruptedError
	switch {
	case errors.As(err, &in):
		return exitInterrupted
	case errors.As(err, &u):
		return 2
	}
	return 1
}

// dispatch runs the command args name: cisim with no command, or only
// flags, is cisim compare.
func (a *app) dispatch(ctx context.Context, args []string) error {
	switch {
	case isHelp(args):
		args = []string{"help"}
	case len(args) == 1 && args[0] == "--version":
		args = []string{"version"}
	case len(args) == 0 || strings.HasPrefix(args[0], "-"):
		args = append([]string{"compare"}, args...)
	}
	for _, c := range commandTable() {
		if c.name == args[0] {
			return c.run(ctx, a, args[1:])
		}
	}
	return unknownCommand(args[0])
}

func unknownCommand(name string) error {
	var names []string
	for _, c := range commandTable() {
		names = append(names, c.name)
	}
	return badUsage("cisim: unknown command %q (commands: %s)", name, strings.Join(names, ", "))
}
