package main

import (
	"context"
	"fmt"
	"io"
	"math/bits"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"github.com/cisim/cisim/analysis/sensitivity"
	"github.com/cisim/cisim/experiments"
	"github.com/cisim/cisim/results"
)

// sensitivityCommand is cisim sensitivity: Sobol indices from a Saltelli
// design, or Morris elementary effects, of one metric over the varied
// levers (with two scenarios, of the difference between them).
func sensitivityCommand(ctx context.Context, a *app, args []string) error {
	var method, metric string
	var samples, trajectories, levels int
	sp, err := parseSweepFlags(a, "sensitivity",
		"cisim sensitivity SCENARIO… --method sobol|morris --vary KEY=LO:HI… [--metric M] [--samples N | --trajectories R --levels P] [flags]\n\n"+
			"Sobol indices or Morris elementary effects of one metric over the levers, on one scenario (a built-in\n"+
			"name or a file) or, with two, of the difference between them.",
		args, 4, func(fs *pflag.FlagSet) {
			fs.StringVar(&method, "method", "sobol", "sobol (first-order and total indices, Saltelli sampling) or morris (elementary effects)")
			fs.StringVar(&metric, "metric", "outcome_rate", "the metric to explain: "+strings.Join(results.Metrics(), ", "))
			fs.IntVar(&samples, "samples", 256, "Sobol: base samples N, a power of two (N·(levers+2) points)")
			fs.IntVar(&trajectories, "trajectories", 20, "Morris: trajectories R (R·(levers+1) points)")
			fs.IntVar(&levels, "levels", 4, "Morris: grid levels P, even")
		})
	if sp == nil || err != nil {
		return err
	}
	var sw *results.Sweep
	var repro []string
	if sp.o.resume == "" {
		if sw, repro, err = sp.sensitivityDesign(method, metric, samples, trajectories, levels); err != nil {
			return err
		}
		if err = sp.load(); err != nil {
			return err
		}
	}
	m, err := sp.run(ctx, sw, repro)
	if m == nil || err != nil {
		return err
	}
	return printSensitivity(a.stdout, sp.o.out, m, sp.o.json)
}

// sensitivityDesign lays out the points of a Sobol or Morris analysis.
func (sp *sweepPlan) sensitivityDesign(method, metric string, samples, trajectories, levels int) (*results.Sweep, []string, error) {
	name := sp.name
	switch {
	case len(sp.names) == 0:
		return nil, nil, badUsage("cisim %s: want a scenario (or two: the difference between them is explained)", name)
	case len(sp.names) > 2:
		return nil, nil, badUsage("cisim %s: at most two scenarios", name)
	case len(sp.vs) == 0:
		return nil, nil, badUsage("cisim %s: want the levers to study: --vary KEY=LO:HI…", name)
	case !slices.Contains(results.Metrics(), metric):
		return nil, nil, badUsage("cisim %s: unknown --metric %q (allowed: %s)", name, metric, strings.Join(results.Metrics(), ", "))
	}
	factors := make([]sensitivity.Factor, len(sp.vs))
	for i, v := range sp.vs {
		if v.Steps != 0 {
			return nil, nil, badUsage("cisim %s: --vary %s: STEPS is for cisim sweep; give KEY=LO:HI", name, v.spec)
		}
		if v.Lo == v.Hi {
			return nil, nil, badUsage("cisim %s: --vary %s: an empty range (LO = HI) has no effect to measure", name, v.spec)
		}
		factors[i] = v.Factor()
	}
	k := len(factors)
	sw := &results.Sweep{Method: method, Vary: specs(sp.vs), Metric: metric}
	for _, v := range sp.vs {
		sw.Levers = append(sw.Levers, v.Key)
	}
	var repro []string
	switch method {
	case "sobol":
		switch {
		case 2*k > sensitivity.MaxDim:
			return nil, nil, badUsage("cisim %s: %d levers is too many for Sobol indices (at most %d)", name, k, sensitivity.MaxDim/2)
		case samples < 2 || bits.OnesCount(uint(samples)) != 1 || samples*(k+2) > maxPoints:
			return nil, nil, badUsage("cisim %s: invalid --samples %d (allowed: a power of two from 2, at most %d points in all)", name, samples, maxPoints)
		}
		sw.Base = samples
		sw.Points = sensitivity.SaltelliDesign(samples, factors, 0)
		repro = []string{"--method", "sobol", "--metric", metric, "--samples", fmt.Sprint(samples)}
	case "morris":
		switch {
		case trajectories < 2 || trajectories*(k+1) > maxPoints:
			return nil, nil, badUsage("cisim %s: invalid --trajectories %d (allowed: 2 or more, at most %d points in all)", name, trajectories, maxPoints)
		case levels < 2 || levels%2 != 0 || levels > 100:
			return nil, nil, badUsage("cisim %s: invalid --levels %d (allowed: an even number from 2 to 100)", name, levels)
		}
		sw.Base, sw.Levels = trajectories, levels
		d := experiments.MorrisDesign(sp.o.seed, trajectories, k, levels)
		sw.Points = sensitivity.Scale(d.Rows, factors)
		repro = []string{"--method", "morris", "--metric", metric, "--trajectories", fmt.Sprint(trajectories), "--levels", fmt.Sprint(levels)}
	default:
		return nil, nil, badUsage("cisim %s: invalid --method %q (allowed: sobol, morris)", name, method)
	}
	return sw, repro, nil
}

// printSensitivity prints the indices of a finished analysis: Sobol's on
// 0–1, Morris's in the unit of a difference of the metric (pp for a
// share), as the report and the plots show them.
func printSensitivity(w io.Writer, dir string, m *results.Manifest, asJSON bool) error {
	rows, err := experiments.ReadSensitivity(dir)
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSON(w, struct {
			Out     string                       `json:"out"`
			Indices []experiments.SensitivityRow `json:"indices"`
		}{dir, rows})
	}
	unit, metric := experiments.IndexUnit(m)
	tw := newTable(w)
	fmt.Fprintf(tw, "lever\tindex\tvalue%s [95%% CI]\n", unit)
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", r.Lever, r.Index, intervalIn(metric, r.Estimate()))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nindices in %s/sensitivity.csv, the report in %s/report.html\n", dir, dir)
	return nil
}
