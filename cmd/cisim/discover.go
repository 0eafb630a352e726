package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/spf13/pflag"

	"github.com/cisim/cisim/experiments"
	"github.com/cisim/cisim/results"
)

// discoverCommand is cisim discover: scenario discovery with PRIM on a
// finished sweep — the lever ranges where a metric (or the difference
// between the sweep's two designs) is above or below a threshold.
func discoverCommand(_ context.Context, a *app, args []string) error {
	stdout, stderr := a.stdout, a.stderr
	fs := pflag.NewFlagSet("cisim discover", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var q experiments.Question
	var above, below float64
	var out string
	fs.StringVar(&q.Metric, "metric", "outcome_rate", "the metric (with two designs: its difference, second minus first)")
	fs.Float64Var(&above, "above", 0, "cases: points where the metric is above this")
	fs.Float64Var(&below, "below", 0, "cases: points where the metric is below this")
	fs.Float64Var(&q.MinDensity, "min-density", 0.8, "least share of a box's points that must be cases")
	fs.Float64Var(&q.MaxP, "max-p", 0.05, "drop a box's restrictions whose quasi-p-value is above this (1 keeps all)")
	fs.IntVar(&q.Boxes, "boxes", 3, "most boxes to find")
	fs.Float64Var(&q.Options.Alpha, "alpha", 0.05, "share of a box's points one peel removes")
	fs.Float64Var(&q.Options.MinMass, "min-mass", 0.05, "least share of all points a box keeps")
	fs.StringVar(&out, "out", "", "folder for the discovery's files (default: the sweep's folder)")
	asJSON := fs.Bool("json", false, "print the boxes as JSON on stdout")
	help := fs.BoolP("help", "h", false, "show this help")
	if err := fs.Parse(args); err != nil {
		return badUsage("cisim discover: %v", err)
	}
	if *help {
		fmt.Fprintf(stdout, "Usage: cisim discover SWEEP-FOLDER (--above X | --below X) [flags]\n\nFlags:\n%s", fs.FlagUsages())
		return nil
	}
	if fs.NArg() != 1 {
		return badUsage("cisim discover: want one sweep folder (written by cisim sweep)")
	}
	dir := fs.Arg(0)
	switch {
	case fs.Changed("above") == fs.Changed("below"):
		return badUsage("cisim discover: give one of --above X or --below X: which points are the cases to explain")
	case fs.Changed("above"):
		q.Threshold, q.Above = above, true
	default:
		q.Threshold = below
	}
	switch {
	case math.IsNaN(q.Threshold) || math.IsInf(q.Threshold, 0):
		return badUsage("cisim discover: the threshold must be a number")
	case !(q.MinDensity > 0 && q.MinDensity <= 1):
		return badUsage("cisim discover: invalid --min-density %v (allowed: above 0, at most 1)", q.MinDensity)
	case !(q.MaxP > 0 && q.MaxP <= 1):
		return badUsage("cisim discover: invalid --max-p %v (allowed: above 0, at most 1)", q.MaxP)
	case q.Boxes < 1 || q.Boxes > 20:
		return badUsage("cisim discover: invalid --boxes %d (allowed: 1 to 20)", q.Boxes)
	case !(q.Options.Alpha > 0 && q.Options.Alpha <= 0.5):
		return badUsage("cisim discover: invalid --alpha %v (allowed: above 0, at most 0.5)", q.Options.Alpha)
	case !(q.Options.MinMass > 0 && q.Options.MinMass <= 1):
		return badUsage("cisim discover: invalid --min-mass %v (allowed: above 0, at most 1)", q.Options.MinMass)
	}
	m, err := results.ReadManifest(dir)
	if err != nil {
		return usageError{fmt.Errorf("cisim discover: %v", err)}
	}
	switch {
	case m.Sweep == nil:
		return usageError{fmt.Errorf("cisim discover: %s holds a %s, not a sweep; run cisim sweep first", dir, m.Command)}
	case m.Status != results.StatusComplete:
		return usageError{fmt.Errorf("cisim discover: %s is %s, not a complete sweep (finish it with --resume, or merge its shards)", dir, m.Status)}
	}
	if _, ok := results.Metric(q.Metric); !ok {
		return badUsage("cisim discover: unknown metric %q (allowed: %s)", q.Metric, strings.Join(results.Metrics(), ", "))
	}
	if out == "" {
		out = dir
	}
	d, files, err := experiments.Discover(dir, out, m, q)
	if err != nil {
		return usageError{fmt.Errorf("cisim discover: %v", err)}
	}
	if *asJSON {
		type box struct {
			Where    string  `json:"where"`
			Coverage float64 `json:"coverage"`
			Density  float64 `json:"density"`
			Points   int     `json:"points"`
			Cases    int     `json:"cases"`
		}
		res := struct {
			Question string   `json:"question"`
			Cases    int      `json:"cases"`
			Points   int      `json:"points"`
			Boxes    []box    `json:"boxes"`
			Answer   string   `json:"answer"`
			Files    []string `json:"files"`
		}{Question: q.String(m), Cases: d.Cases, Points: d.Points, Answer: d.Text, Files: files, Boxes: []box{}}
		for _, s := range d.Boxes {
			res.Boxes = append(res.Boxes, box{s.Box.String(), s.Stats.Coverage, s.Stats.Density, s.Stats.Points, s.Stats.Cases})
		}
		return writeJSON(stdout, res)
	}
	fmt.Fprintln(stdout, d.Text)
	for i, s := range d.Boxes {
		fmt.Fprintf(stdout, "box %d: %s\n", i+1, s.String())
	}
	fmt.Fprintf(stderr, "cisim discover: files in %s: discovery.csv, discovery_trajectory.csv, discovery.html\n", out)
	return nil
}
