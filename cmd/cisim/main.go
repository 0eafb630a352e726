// Command cisim simulates collective-impact partnerships: isolated versus
// collective impact, by Monte Carlo over many replicates.
//
//	cisim                      run the built-in isolated and collective designs
//	cisim run SCENARIO…        run scenarios (built-in names or files) and print final metrics
//	cisim scenarios …          list, show and validate scenarios
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
  cisim                    run the built-in isolated and collective-impact designs
  cisim run SCENARIO…      run scenarios: built-in names or scenario files
  cisim scenarios list     the built-in scenarios
  cisim scenarios show NAME
  cisim scenarios validate FILE…

Run "cisim run --help" for the flags.
`

// cli runs one command line and returns the exit code.
func cli(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var err error
	switch {
	case len(args) == 0:
		err = runCommand(ctx, nil, stdout, stderr)
	case args[0] == "run":
		err = runCommand(ctx, args[1:], stdout, stderr)
	case args[0] == "scenarios":
		err = scenariosCommand(args[1:], stdout, stderr)
	case args[0] == "help" || args[0] == "-h" || args[0] == "--help":
		fmt.Fprint(stdout, usage)
	default:
		err = badUsage("cisim: unknown command %q (commands: run, scenarios, help)", args[0])
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
