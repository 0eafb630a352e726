package main

import (
	"context"
	"fmt"
	"text/tabwriter"

	"github.com/cisim/cisim/targets"
)

// targetsCommand lists and shows the built-in evidence packs, and checks
// targets files.
const targetsUsage = `Usage:
  cisim targets list               the built-in evidence packs
  cisim targets show NAME          a pack as a file: every target, its kind, source and mapping
  cisim targets validate FILE…     check targets files: one line with file:line:column for a problem

A targets file lists the figures a calibration fits (docs/CALIBRATION.md); cisim calibrate --targets
takes a file or a pack's name.
`

func targetsCommand(_ context.Context, a *app, args []string) error {
	if isHelp(args) || asksHelp(args) {
		_, err := fmt.Fprint(a.stdout, targetsUsage)
		return err
	}
	if len(args) == 0 {
		return badUsage("cisim targets: want list, show NAME or validate FILE…")
	}
	switch args[0] {
	case "list":
		if len(args) != 1 {
			return badUsage("cisim targets list: takes no arguments")
		}
		tw := tabwriter.NewWriter(a.stdout, 0, 0, 3, ' ', 0)
		for _, name := range targets.Names() {
			f, err := targets.Load(name)
			if err != nil {
				return err
			}
			fmt.Fprintf(tw, "%s\t%d targets\t%s\n", name, len(f.Targets), f.Description)
		}
		return tw.Flush()
	case "show":
		if len(args) != 2 {
			return badUsage("cisim targets show: want one pack name")
		}
		src, ok := targets.Builtin(args[1])
		if !ok {
			return badUsage("cisim targets show: no built-in pack %q (built-in: %v)", args[1], targets.Names())
		}
		_, err := a.stdout.Write(src)
		return err
	case "validate":
		if len(args) < 2 {
			return badUsage("cisim targets validate: want one or more files")
		}
		for _, path := range args[1:] {
			f, err := targets.Load(path)
			if err != nil {
				return usageError{err}
			}
			fmt.Fprintf(a.stdout, "%s: %d targets, %d fitted by default\n", path, len(f.Targets), len(f.Used(false)))
		}
		return nil
	}
	return badUsage("cisim targets: unknown %q (want list, show NAME or validate FILE…)", args[0])
}
