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
	var q experiments.Question
	var out string
	var asJSON bool
	fs := discoverFlags(&q, &out, &asJSON)
	if err := fs.Parse(args); err != nil {
		return badUsage("cisim discover: %v", err)
	}
	if help, _ := fs.GetBool("help"); help {
		fmt.Fprintf(a.stdout, "Usage: cisim discover FOLDER (--above X | --below X) [flags]\n\n"+
			"FOLDER is a sweep (boxes of its levers) or a run or comparison whose runs drew uncertain\n"+
			"parameters (boxes of the parameters: where a design's advantage holds or fails).\n\nFlags:\n%s", fs.FlagUsages())
		return nil
	}
	if err := checkDiscover(fs, &q); err != nil {
		return err
	}
	dir := fs.Arg(0)
	m, err := results.ReadManifest(dir)
	if err != nil {
		return usageError{fmt.Errorf("cisim discover: %v", err)}
	}
	switch {
	case m.Sweep == nil && len(m.Drawn) == 0:
		return usageError{fmt.Errorf("cisim discover: %s holds a %s whose runs drew no uncertain parameter; run a sweep, or runs with uncertainty", dir, m.Command)}
	case m.Status == results.StatusShard:
		return usageError{fmt.Errorf("cisim discover: %s is shard %d/%d of a run, not the whole run; merge the shards (cisim merge --out DIR SHARD…) and discover in the merged folder", dir, m.Shard, m.Shards)}
	case m.Status != results.StatusComplete:
		return usageError{fmt.Errorf("cisim discover: %s is an unfinished run (%s), not a complete one; finish it with cisim %s --resume %s", dir, m.Status, m.Subcommand, dir)}
	}
	if _, ok := results.Metric(q.Metric); !ok {
		return badUsage("cisim discover: unknown metric %q (allowed: %s)", q.Metric, strings.Join(results.Metrics(), ", "))
	}
	if out == "" {
		out = dir
	}
	force, _ := fs.GetBool("force")
	d, files, err := experiments.Discover(dir, out, m, q, force)
	if err != nil {
		return usageError{fmt.Errorf("cisim discover: %v", err)}
	}
	if asJSON {
		return printDiscoveryJSON(a.stdout, m, d, files)
	}
	fmt.Fprintln(a.stdout, d.Text)
	for i, s := range d.Boxes {
		fmt.Fprintf(a.stdout, "box %d: %s (coverage %.2f, density %.2f, %d of %d %s)\n",
			i+1, s.Box.String(), s.Stats.Coverage, s.Stats.Density, s.Stats.Points, s.Stats.Total, d.Unit)
	}
	if quiet, _ := fs.GetBool("quiet"); !quiet {
		fmt.Fprintf(a.stderr, "cisim discover: files in %s: %s\n", out, strings.Join(files, ", "))
	}
	return nil
}

// discoverFlags are the flags of cisim discover, into q, out and asJSON;
// --above and --below are read from the set.
func discoverFlags(q *experiments.Question, out *string, asJSON *bool) *pflag.FlagSet {
	fs := pflag.NewFlagSet("cisim discover", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&q.Metric, "metric", "outcome_rate", "the metric (with two designs: its difference, second minus first)")
	fs.Float64("above", 0, "cases: points where the metric is above this, in its stored unit (a share as 0–1, money in SEK)")
	fs.Float64("below", 0, "cases: points where the metric is below this, in its stored unit (a share as 0–1, money in SEK)")
	fs.Float64Var(&q.MinDensity, "min-density", 0.8, "least share of a box's points that must be cases")
	fs.Float64Var(&q.MaxP, "max-p", 0.05, "drop a box's restrictions whose quasi-p-value is above this; with runs, also the level of the screening of their parameters (Holm's)")
	fs.IntVar(&q.Boxes, "boxes", 3, "most boxes to find")
	fs.Float64Var(&q.Options.Alpha, "alpha", 0.05, "share of a box's points one peel removes")
	fs.Float64Var(&q.Options.MinMass, "min-mass", 0.05, "least share of all points a box keeps")
	fs.StringVar(out, "out", "", "folder for the discovery's files (default: FOLDER)")
	fs.BoolVar(asJSON, "json", false, "print the boxes as JSON on stdout")
	fs.Bool("quiet", false, "print nothing on stderr")
	fs.Bool("force", false, "write into an --out folder that holds files of no discovery, or another run")
	fs.BoolP("help", "h", false, "show this help")
	return fs
}

// checkDiscover checks cisim discover's parsed command line and sets the
// question's threshold from --above or --below.
func checkDiscover(fs *pflag.FlagSet, q *experiments.Question) error {
	if fs.NArg() != 1 {
		return badUsage("cisim discover: want one folder: a sweep, or a run or comparison whose runs drew uncertain parameters")
	}
	above, _ := fs.GetFloat64("above")
	below, _ := fs.GetFloat64("below")
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
	return nil
}

// printDiscoveryJSON prints a discovery's boxes and answer as JSON.
func printDiscoveryJSON(w io.Writer, m *results.Manifest, d *experiments.Discovery, files []string) error {
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
		Unit     string   `json:"unit"`
		Screened []string `json:"screened_in,omitempty"`
		Boxes    []box    `json:"boxes"`
		Answer   string   `json:"answer"`
		Files    []string `json:"files"`
	}{Question: d.Question.String(m), Cases: d.Cases, Points: d.Points, Unit: d.Unit, Answer: d.Text, Files: files, Boxes: []box{}}
	if d.Unit == "runs" {
		res.Screened = d.Levers
	}
	for _, s := range d.Boxes {
		res.Boxes = append(res.Boxes, box{s.Box.String(), s.Stats.Coverage, s.Stats.Density, s.Stats.Points, s.Stats.Cases})
	}
	return writeJSON(w, res)
}
