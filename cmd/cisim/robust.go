package main

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/spf13/pflag"

	"github.com/cisim/cisim/experiments"
	"github.com/cisim/cisim/results"
)

// defaultGoal is a robust analysis's threshold when none is given: Ungas
// Vägar's goal of 70% of participants in a job or studies (seed 000; a
// goal, not a result).
const defaultGoal = "participant_outcome_rate>=0.7"

// robustCommand is cisim robust: every design in every one of N futures (a
// Latin hypercube over the deep uncertainties), the designs' robustness
// under several criteria, where each fails its goals, and how often each
// adaptive design's rules fired.
func robustCommand(ctx context.Context, a *app, args []string) error {
	var futures int
	var goals []string
	var hurwicz float64
	sp, err := parseSweepFlags(a, "robust", "cisim robust DESIGN DESIGN… [--futures N] [--uncertain KEY=LO:HI…] [--satisfice METRIC>=X…] [flags]\n\n"+
		"Runs every design (a built-in name or a scenario file, adaptive ones with rules included) in each of\n"+
		"--futures futures, a Latin hypercube over the deep uncertainties, with --runs replicates each, and\n"+
		"says which design holds up across them: robustness under each criterion (mean, worst decile,\n"+
		"maximin, minimax regret, 90th-percentile regret, Hurwicz, the share of futures meeting every goal),\n"+
		"where each design misses its goals, and when adaptive designs' rules fired.", args, 10, func(fs *pflag.FlagSet) {
		fs.IntVar(&futures, "futures", 100, "futures: points of the Latin hypercube over the uncertainties")
		fs.StringArrayVar(&goals, "satisfice", nil, "a goal every future should meet, METRIC>=X or METRIC<=X (repeatable; default "+defaultGoal+", Ungas Vägar's goal)")
		fs.Float64Var(&hurwicz, "hurwicz", 0.5, "Hurwicz's α: the weight on each design's best future (1 − α on its worst)")
	})
	if sp == nil || err != nil {
		return err
	}
	var sw *results.Sweep
	if sp.o.resume == "" {
		if sw, err = sp.robustDesign(futures, goals, hurwicz); err != nil {
			return err
		}
		if err = sp.load(); err != nil {
			return err
		}
	}
	m, err := sp.run(ctx, sw, robustArgs(futures, goals, hurwicz))
	if m == nil || err != nil {
		return err
	}
	return printRobust(a.stdout, sp.o.out, m, sp.o.json)
}

// robustDesign checks a robust analysis's options and chooses its futures.
func (sp *sweepPlan) robustDesign(futures int, goalSpecs []string, hurwicz float64) (*results.Sweep, error) {
	switch {
	case len(sp.names) < 2:
		return nil, badUsage("cisim robust: want two designs or more (regret is against the best design in each future)")
	case futures < 2 || futures > maxPoints:
		return nil, badUsage("cisim robust: invalid --futures %d (allowed: 2 to %d)", futures, maxPoints)
	case math.IsNaN(hurwicz) || hurwicz < 0 || hurwicz > 1:
		return nil, badUsage("cisim robust: invalid --hurwicz %v (allowed: 0 to 1)", hurwicz)
	}
	if len(goalSpecs) == 0 {
		goalSpecs = []string{defaultGoal}
	}
	var goals []results.Goal
	for _, s := range goalSpecs {
		g, err := results.ParseGoal(s)
		if err != nil {
			return nil, badUsage("cisim robust: invalid --satisfice %v", err)
		}
		goals = append(goals, g)
	}
	if len(sp.vs) == 0 {
		for _, r := range experiments.DefaultUncertainties {
			sp.vs = append(sp.vs, vary{spec: r.String(), Range: r})
		}
	}
	rs := make([]experiments.Range, len(sp.vs))
	for i, v := range sp.vs {
		if v.Steps != 0 {
			return nil, badUsage("cisim robust: --uncertain %s: STEPS is for a grid; futures are a Latin hypercube (--futures)", v.spec)
		}
		rs[i] = v.Range
	}
	return experiments.RobustSweep(rs, futures, sp.o.seed, goals, hurwicz), nil
}

// robustArgs are the flags that reproduce a robust analysis's futures.
func robustArgs(futures int, goals []string, hurwicz float64) []string {
	args := []string{"--futures", fmt.Sprint(futures), "--hurwicz", fmt.Sprint(hurwicz)}
	for _, g := range goals {
		args = append(args, "--satisfice", g)
	}
	return args
}

// printRobust prints each design's robustness, its vulnerabilities and its
// rules' firings.
func printRobust(w interface{ Write([]byte) (int, error) }, dir string, m *results.Manifest, asJSON bool) error {
	r, err := experiments.ReadRobust(dir, m)
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSON(w, r)
	}
	return r.WriteText(w, dir, strings.Join(namesOf(m), ", "))
}

func namesOf(m *results.Manifest) []string {
	var out []string
	for _, s := range m.Scenarios {
		out = append(out, s.Name)
	}
	return out
}
