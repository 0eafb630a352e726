package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/pflag"

	"github.com/cisim/cisim/experiments"
	"github.com/cisim/cisim/results"
)

// evalCommand is cisim eval: the points of a design matrix made elsewhere
// (SALib, the EMA Workbench, a spreadsheet) run as a sweep runs its own,
// with --runs replicates of each design at each point, common random
// numbers, shards, resume and merge.
func evalCommand(ctx context.Context, a *app, args []string) error {
	var file string
	sp, err := parseSweepFlags(a, "eval", "cisim eval SCENARIO… --points FILE.csv [flags]\n\n"+
		"Runs every point of a design matrix made elsewhere (SALib, the EMA Workbench, a spreadsheet) on\n"+
		"one scenario (a built-in name or a file) or, with two, compares them at every point. The CSV's header\n"+
		"names levers by their dotted keys (as --set takes them); each row is a point. An index column, the\n"+
		"EMA Workbench's scenario, policy and model columns and the results of a cisim points.csv are ignored.",
		args, 4, func(fs *pflag.FlagSet) {
			fs.StringVar(&file, "points", "", "the design matrix: a CSV `FILE`, a header row of levers (e.g. governance.backbone_staff) and a row a point")
		})
	if sp == nil || err != nil {
		return err
	}
	var sw *results.Sweep
	if sp.o.resume == "" {
		if sw, err = sp.evalDesign(file); err != nil {
			return err
		}
	}
	m, err := sp.run(ctx, sw, []string{"--points", file})
	if m == nil || err != nil {
		return err
	}
	return printSweep(a.stdout, sp.o.out, m, sp.o.json)
}

// evalDesign reads the design matrix and loads the designs, checking
// every design at every point: a value the model refuses is reported at
// its line and column in the file.
func (sp *sweepPlan) evalDesign(file string) (*results.Sweep, error) {
	switch {
	case file == "":
		return nil, badUsage("cisim eval: want --points FILE.csv: a header row naming levers, then one row a point")
	case len(sp.names) == 0:
		return nil, badUsage("cisim eval: want a scenario to run the points on (e.g. collective-impact), or two to compare at every point")
	case len(sp.names) > 2:
		return nil, badUsage("cisim eval: at most two scenarios (the second is compared with the first at every point)")
	}
	if err := sp.load(); err != nil {
		return nil, err
	}
	df, err := experiments.ReadDesignFile(file, maxPoints)
	if err != nil {
		return nil, usageError{fmt.Errorf("cisim eval: %w", err)}
	}
	sw := df.Sweep()
	sw.PointValues = sp.o.point
	if err = df.Check(sw, sp.scs); err != nil {
		return nil, usageError{fmt.Errorf("cisim eval: %w", err)}
	}
	if !sp.o.quiet && len(df.Ignored) > 0 {
		fmt.Fprintf(sp.a.stderr, "cisim eval: %s: ignored %s\n", file, strings.Join(df.Ignored, "; "))
	}
	return sw, nil
}
