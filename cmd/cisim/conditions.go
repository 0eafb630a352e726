package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"github.com/cisim/cisim/experiments"
	"github.com/cisim/cisim/results"
)

// conditionsCommand is cisim conditions: the full factorial of the five
// conditions of collective impact and the two refined components (2^7
// designs) on one partnership, with the main effects and two-way
// interactions on a metric.
func conditionsCommand(ctx context.Context, a *app, args []string) error {
	var metric string
	sp, err := parseSweepFlags(a, "conditions", "cisim conditions [SCENARIO] [--metric M] [flags]\n\n"+
		"The 2^7 factorial of the five conditions of collective impact and the refined model's two components\n"+
		"on one partnership (default refined-collective-impact): main effects and two-way interactions.", args, 50, func(fs *pflag.FlagSet) {
		fs.StringVar(&metric, "metric", "outcome_rate", "the metric whose effects are estimated: "+strings.Join(results.Metrics(), ", "))
	})
	if sp == nil || err != nil {
		return err
	}
	var sw *results.Sweep
	if sp.o.resume == "" {
		switch {
		case sp.o.runs < 2:
			return badUsage("cisim conditions: invalid --runs %d (allowed: 2 or more: the effects' intervals are over replicates)", sp.o.runs)
		case len(sp.names) > 1:
			return badUsage("cisim conditions: one partnership at a time (default refined-collective-impact)")
		case !slices.Contains(results.Metrics(), metric):
			return badUsage("cisim conditions: unknown --metric %q (allowed: %s)", metric, strings.Join(results.Metrics(), ", "))
		}
		if len(sp.names) == 0 {
			sp.names = []string{"refined-collective-impact"}
		}
		if err = sp.load(); err != nil {
			return err
		}
		sw = experiments.ConditionsSweep(metric)
	}
	m, err := sp.run(ctx, sw, []string{"--metric", metric})
	if m == nil || err != nil {
		return err
	}
	return printEffects(a.stdout, sp.o.out, m, sp.o.json)
}

// printEffects prints the main effects and strongest interactions, in the
// unit of a difference of the metric (pp for a share).
func printEffects(w io.Writer, dir string, m *results.Manifest, asJSON bool) error {
	effects, err := experiments.ReadEffects(dir)
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSON(w, struct {
			Out     string               `json:"out"`
			Metric  string               `json:"metric"`
			Effects []experiments.Effect `json:"effects"`
		}{dir, m.Sweep.Metric, effects})
	}
	metric := m.Sweep.Metric
	tw := newTable(w)
	fmt.Fprintf(tw, "effect on %s\tconditions\testimate%s [95%% CI]\tp\n", metric, results.UnitSuffix(metric, true))
	shown := 0
	for _, e := range effects {
		if e.Kind == "interaction" {
			if shown == 5 {
				continue
			}
			shown++
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", e.Kind, strings.Join(e.Factors, " × "), intervalIn(metric, e.Estimate()), pvalue(float64(e.P)))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nevery effect in %s/effects.csv, the report in %s/report.html\n", dir, dir)
	return nil
}
