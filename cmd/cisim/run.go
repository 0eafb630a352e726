package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/pflag"

	"github.com/cisim/cisim/analysis"
	"github.com/cisim/cisim/results"
	"github.com/cisim/cisim/scenarios"
	"github.com/cisim/cisim/sim"
)

type runOptions struct {
	runs, workers int
	seed          uint64
	years         float64
	json, quiet   bool
	sets          []string
}

// runCommand runs each scenario for the given replicates and prints the
// mean and 95% confidence interval of each final metric per scenario.
func runCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o runOptions
	fs := pflag.NewFlagSet("cisim run", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.IntVar(&o.runs, "runs", 200, "replicates per scenario")
	fs.Uint64Var(&o.seed, "seed", 1, "master seed; replicate r of every scenario uses the same streams")
	fs.Float64Var(&o.years, "years", 0, "horizon in years (0: the scenario's own)")
	fs.IntVar(&o.workers, "workers", 0, "goroutines running replicates (0: all cores)")
	fs.BoolVar(&o.json, "json", false, "print the result as JSON on stdout")
	fs.BoolVar(&o.quiet, "quiet", false, "print nothing on stderr")
	fs.StringArrayVar(&o.sets, "set", nil, "set a scenario field by dotted key, e.g. governance.backbone_staff=2 (repeatable)")
	help := fs.BoolP("help", "h", false, "show this help")
	if err := fs.Parse(args); err != nil {
		return badUsage("cisim run: %v", err)
	}
	if *help {
		fmt.Fprintf(stdout, "Usage: cisim run [flags] SCENARIO…\n\nFlags:\n%s", fs.FlagUsages())
		return nil
	}
	switch {
	case o.runs < 1:
		return badUsage("cisim run: invalid --runs %d (allowed: 1 or more)", o.runs)
	case o.workers < 0:
		return badUsage("cisim run: invalid --workers %d (allowed: 0 for all cores, or more)", o.workers)
	case math.IsNaN(o.years) || o.years < 0 || o.years > 200:
		return badUsage("cisim run: invalid --years %v (allowed: 0 to 200)", o.years)
	}
	names := fs.Args()
	if len(names) == 0 {
		names = []string{"isolated", "collective-impact"}
	}
	scs := make([]sim.Scenario, len(names))
	sets := o.sets
	if o.years > 0 {
		sets = append([]string{fmt.Sprintf("horizon.years=%v", o.years)}, sets...)
	}
	for i, name := range names {
		l, err := scenarios.Load(name, sets)
		if err != nil {
			return usageError{err}
		}
		scs[i] = l.Scenario
		names[i] = l.Scenario.Name
	}
	workers := o.workers
	if workers == 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if !o.quiet {
		fmt.Fprintf(stderr, "cisim run: %s, %d replicates each, seed %d, %d workers\n",
			strings.Join(names, ", "), o.runs, o.seed, workers)
	}
	start := time.Now()
	est := make([][]analysis.Estimate, len(scs))
	for i, sc := range scs {
		sums, done, err := sim.Replicates(ctx, sc, o.seed, 0, o.runs, workers, nil)
		if err != nil && !errors.Is(err, context.Canceled) {
			return err
		}
		finished := 0
		for _, d := range done {
			if d {
				finished++
			}
		}
		if err != nil {
			return badUsage("cisim run: interrupted: %s finished %d of %d replicates; nothing was written", sc.Name, finished, o.runs)
		}
		est[i] = estimates(sc.Name, o.seed, sums)
	}
	if !o.quiet {
		fmt.Fprintf(stderr, "cisim run: done in %.1f s\n", time.Since(start).Seconds())
	}
	if o.json {
		return writeJSON(stdout, names, o, est)
	}
	return writeTable(stdout, names, est)
}

func estimates(name string, seed uint64, sums []sim.Summary) []analysis.Estimate {
	cols := make([][]float64, len(results.Metrics))
	for r, s := range sums {
		rec := results.FromSummary(name, r, seed, s)
		for m, v := range rec.Values {
			cols[m] = append(cols[m], v)
		}
	}
	out := make([]analysis.Estimate, len(cols))
	for m := range cols {
		out[m] = analysis.MeanCI(cols[m], 0.95)
	}
	return out
}

func writeTable(w io.Writer, names []string, est [][]analysis.Estimate) error {
	tw := tabwriter.NewWriter(w, 0, 0, 3, ' ', 0)
	fmt.Fprint(tw, "metric")
	for _, n := range names {
		fmt.Fprintf(tw, "\t%s: mean [95%% CI]", n)
	}
	fmt.Fprintln(tw)
	for m, metric := range results.Metrics {
		fmt.Fprint(tw, metric)
		for i := range names {
			e := est[i][m]
			fmt.Fprintf(tw, "\t%s [%s, %s]", num(e.Mean), num(e.Lo), num(e.Hi))
		}
		fmt.Fprintln(tw)
	}
	return tw.Flush()
}

// num prints a metric with four significant digits, large numbers whole.
func num(x float64) string {
	switch {
	case math.IsNaN(x):
		return "NA"
	case math.Abs(x) >= 1e4:
		return fmt.Sprintf("%.0f", x)
	default:
		return fmt.Sprintf("%.4g", x)
	}
}

func writeJSON(w io.Writer, names []string, o runOptions, est [][]analysis.Estimate) error {
	type metric struct {
		Mean, Lo, Hi, SD *float64 `json:",omitempty"`
		N                int
	}
	type scenario struct {
		Name    string            `json:"name"`
		Metrics map[string]metric `json:"metrics"`
	}
	out := struct {
		Runs      int        `json:"runs"`
		Seed      uint64     `json:"seed"`
		Scenarios []scenario `json:"scenarios"`
	}{Runs: o.runs, Seed: o.seed}
	finite := func(x float64) *float64 {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil
		}
		return &x
	}
	for i, n := range names {
		s := scenario{Name: n, Metrics: map[string]metric{}}
		for m, name := range results.Metrics {
			e := est[i][m]
			s.Metrics[name] = metric{finite(e.Mean), finite(e.Lo), finite(e.Hi), finite(e.SD), e.N}
		}
		out.Scenarios = append(out.Scenarios, s)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
