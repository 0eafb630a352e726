package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/pflag"

	"github.com/cisim/cisim/experiments"
	"github.com/cisim/cisim/results"
)

// mergeCommand joins the shard folders of one experiment into one folder,
// with the same files, byte for byte, as one run on one machine.
func mergeCommand(ctx context.Context, a *app, args []string) error {
	fs := pflag.NewFlagSet("cisim merge", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	out := fs.String("out", "cisim-out", "output folder for the merged result")
	asJSON := fs.Bool("json", false, "print the result as JSON on stdout")
	quiet := fs.Bool("quiet", false, "print nothing on stderr")
	force := fs.Bool("force", false, "replace an --out folder that holds files of no cisim run")
	help := fs.BoolP("help", "h", false, "show this help")
	if err := fs.Parse(args); err != nil {
		return badUsage("cisim merge: %v", err)
	}
	if *help {
		fmt.Fprintf(a.stdout, "Usage: cisim merge [--out DIR] SHARD-FOLDER…\n\nFlags:\n%s", fs.FlagUsages())
		return nil
	}
	dirs := fs.Args()
	if len(dirs) == 0 {
		return badUsage("cisim merge: want the shard folders to join")
	}
	first, err := results.ReadManifest(dirs[0])
	if err != nil {
		return usageError{fmt.Errorf("cisim merge: %v", err)}
	}
	scs, err := manifestScenarios(first)
	if err != nil {
		return usageError{fmt.Errorf("cisim merge: %s: %v", dirs[0], err)}
	}
	m, err := experiments.Merge(ctx, *out, dirs, scs, commandLine("merge", args), *force)
	if errors.Is(err, experiments.ErrInterrupted) {
		return interruptedError{fmt.Errorf("cisim merge: interrupted; %s is as it was", *out)}
	}
	if err != nil {
		return usageError{fmt.Errorf("cisim merge: %v", err)}
	}
	if !*quiet {
		fmt.Fprintf(a.stderr, "cisim merge: %d shards, %d runs; files in %s\n", len(dirs), m.Done*len(m.Scenarios), *out)
	}
	return printFinished(a.stdout, *out, m, *asJSON)
}

// printFinished prints what the command that wrote a finished folder
// prints.
func printFinished(w io.Writer, dir string, m *results.Manifest, asJSON bool) error {
	if m.Sweep == nil {
		return printResults(w, dir, m, len(m.Scenarios) > 1, asJSON)
	}
	switch m.Sweep.Method {
	case "sobol", "morris":
		return printSensitivity(w, dir, m, asJSON)
	case "factorial":
		return printEffects(w, dir, m, asJSON)
	case "hypothesis":
		return printHypotheses(w, []string{dir}, asJSON)
	case "explain":
		return printContributions(w, dir, m, asJSON)
	case "robust":
		return printRobust(w, dir, m, asJSON)
	}
	return printSweep(w, dir, m, asJSON)
}
