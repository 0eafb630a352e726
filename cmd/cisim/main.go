// Command cisim simulates collective-impact partnerships: isolated versus
// collective impact, by Monte Carlo over many replicates.
//
//	cisim                         compare the built-in isolated and collective designs
//	cisim compare SCENARIO…       compare scenarios (built-in names or files), paired
//	cisim run SCENARIO…           run scenarios without comparing them
//	cisim merge SHARD-FOLDER…     join the shards of a run
//	cisim sweep SCENARIO… --vary  every point of a grid or Latin hypercube over levers
//	cisim sensitivity …           Sobol or Morris indices of a metric over levers
//	cisim discover SWEEP-FOLDER   lever ranges where a result holds (PRIM)
//	cisim conditions              which conditions of collective impact matter (2^7 factorial)
//	cisim hypotheses [H1|H2|H3]   the refined model's three hypotheses as experiments
//	cisim scenarios …             list, show and validate scenarios
//	cisim serve                   the classroom page
//
// Exit codes: 0 success, 1 run failure, 2 bad usage or bad input.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// usageError is bad usage or bad input: exit code 2.
type usageError struct{ err error }

func (u usageError) Error() string { return u.err.Error() }
func (u usageError) Unwrap() error { return u.err }

func badUsage(format string, a ...any) error { return usageError{fmt.Errorf(format, a...)} }

const usage = `cisim simulates collective-impact partnerships.

Usage:
  cisim                          compare the built-in isolated and collective-impact designs
  cisim compare [SCENARIO…]      run scenarios on the same replicates and compare them
  cisim run SCENARIO…            run scenarios without comparing them
  cisim merge SHARD-FOLDER…      join the shards of a run into one result
  cisim sweep SCENARIO… --vary KEY=LO:HI[:STEPS]…
                                 every point of a grid or Latin hypercube over levers
  cisim sensitivity SCENARIO… --method sobol|morris --vary KEY=LO:HI…
                                 which levers a metric is sensitive to
  cisim discover SWEEP-FOLDER (--above X | --below X)
                                 the lever ranges where a result holds (PRIM)
  cisim conditions [SCENARIO]    which of the seven conditions matter (2^7 factorial)
  cisim hypotheses [H1|H2|H3|all]
                                 the refined model's hypotheses as designed experiments
  cisim scenarios list           the built-in scenarios
  cisim scenarios show NAME      a scenario as a file, ready to copy and edit
  cisim scenarios validate FILE…
  cisim serve [--addr 127.0.0.1:8080] [--export DIR]
                                 the classroom page, in a browser

SCENARIO is a built-in name or a scenario file. Run "cisim COMMAND --help" for the flags.
`

func isHelp(args []string) bool {
	return len(args) == 1 && (args[0] == "help" || args[0] == "-h" || args[0] == "--help")
}

// cli runs one command line and returns the exit code.
func cli(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var err error
	switch {
	case isHelp(args):
		fmt.Fprint(stdout, usage)
	case len(args) == 0 || strings.HasPrefix(args[0], "-"):
		// cisim with no command, or only flags, is cisim compare.
		err = experimentCommand(ctx, "compare", true, args, stdout, stderr)
	case args[0] == "compare":
		err = experimentCommand(ctx, "compare", true, args[1:], stdout, stderr)
	case args[0] == "run":
		err = experimentCommand(ctx, "run", false, args[1:], stdout, stderr)
	case args[0] == "merge":
		err = mergeCommand(args[1:], stdout, stderr)
	case args[0] == "scenarios":
		err = scenariosCommand(args[1:], stdout, stderr)
	case args[0] == "sweep":
		err = sweepCommand(ctx, args[1:], stdout, stderr)
	case args[0] == "sensitivity":
		err = sensitivityCommand(ctx, args[1:], stdout, stderr)
	case args[0] == "discover":
		err = discoverCommand(args[1:], stdout, stderr)
	case args[0] == "conditions":
		err = conditionsCommand(ctx, args[1:], stdout, stderr)
	case args[0] == "hypotheses":
		err = hypothesesCommand(ctx, args[1:], stdout, stderr)
	case args[0] == "serve":
		err = serveCommand(ctx, args[1:], stdout, stderr)
	default:
		err = badUsage("cisim: unknown command %q (commands: compare, run, merge, sweep, sensitivity, discover, conditions, hypotheses, scenarios, serve, help)", args[0])
	}
	if err == nil {
		return 0
	}
	fmt.Fprintln(stderr, err)
	var u usageError
	if errors.As(err, &u) {
		return 2
	}
	return 1
}
