package main

import (
	"context"
	"fmt"
	"text/tabwriter"

	"github.com/cisim/cisim/scenarios"
)

const scenariosUsage = `Usage:
  cisim scenarios list             the built-in scenarios and their purpose
  cisim scenarios show NAME        the resolved scenario, ready to copy and edit
  cisim scenarios validate FILE…   check scenario files: every problem, in file order, one line each
`

// scenariosCommand lists, shows and validates scenarios.
func scenariosCommand(_ context.Context, a *app, args []string) error {
	stdout, stderr := a.stdout, a.stderr
	if len(args) == 0 {
		return badUsage("cisim scenarios: want list, show NAME or validate FILE…")
	}
	if asksHelp(args) {
		args = []string{"help"}
	}
	switch args[0] {
	case "list":
		if len(args) != 1 {
			return badUsage("cisim scenarios list: takes no arguments")
		}
		tw := tabwriter.NewWriter(stdout, 0, 0, 3, ' ', 0)
		for _, e := range scenarios.List() {
			fmt.Fprintf(tw, "%s\t%s\n", e.Name, e.Purpose)
		}
		return tw.Flush()
	case "show":
		if len(args) != 2 {
			return badUsage("cisim scenarios show: want one scenario name or file")
		}
		l, err := scenarios.Load(args[1], nil)
		if err != nil {
			return usageError{err}
		}
		out, err := l.YAML()
		if err != nil {
			return err
		}
		_, err = stdout.Write(out)
		return err
	case "validate":
		if len(args) < 2 {
			return badUsage("cisim scenarios validate: want one or more files")
		}
		bad := 0
		for _, path := range args[1:] {
			problems := scenarios.Problems(path)
			for _, p := range problems {
				fmt.Fprintln(stderr, p)
			}
			if len(problems) > 0 {
				bad++
				continue
			}
			fmt.Fprintf(stdout, "%s: ok\n", path)
		}
		if bad > 0 {
			return usageError{fmt.Errorf("cisim scenarios validate: %d of %d invalid", bad, len(args)-1)}
		}
		return nil
	case "help", "-h", "--help":
		fmt.Fprint(stdout, scenariosUsage)
		return nil
	default:
		return badUsage("cisim scenarios: unknown subcommand %q (list, show, validate)", args[0])
	}
}
