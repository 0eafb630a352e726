package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/cisim/cisim/analysis/sensitivity"
	"github.com/cisim/cisim/experiments"
	"github.com/cisim/cisim/results"
	"github.com/cisim/cisim/scenarios"
)

// vary is one --vary KEY=LO:HI[:STEPS]: a lever and its range, and the
// flag's value as given.
type vary struct {
	spec string
	experiments.Range
}

// parseVary reads one --vary (or another flag of its form: flag names
// it). Whole-number and switch levers need whole bounds (a switch 0:1).
func parseVary(flag, spec string) (vary, error) {
	key, rng, ok := strings.Cut(spec, "=")
	v := vary{spec: spec, Range: experiments.Range{Key: strings.TrimSpace(key)}}
	if !ok || v.Key == "" {
		return v, fmt.Errorf("invalid --%s %q (want KEY=LO:HI or KEY=LO:HI:STEPS, e.g. governance.power_sharing=0:1:5)", flag, spec)
	}
	kind, err := scenarios.Lever(v.Key)
	if err != nil {
		return v, fmt.Errorf("invalid --%s %q: %v", flag, spec, err)
	}
	v.Kind = kind
	parts := strings.Split(rng, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return v, fmt.Errorf("invalid --%s %q: want LO:HI or LO:HI:STEPS after '='", flag, spec)
	}
	for i, dst := range []*float64{&v.Lo, &v.Hi} {
		x, err := strconv.ParseFloat(strings.TrimSpace(parts[i]), 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return v, fmt.Errorf("invalid --%s %q: %q is not a number", flag, spec, parts[i])
		}
		*dst = x
	}
	if v.Lo > v.Hi {
		return v, fmt.Errorf("invalid --%s %q: LO %v is above HI %v", flag, spec, v.Lo, v.Hi)
	}
	if len(parts) == 3 {
		n, err := strconv.Atoi(strings.TrimSpace(parts[2]))
		if err != nil || n < 1 || n > 1000 {
			return v, fmt.Errorf("invalid --%s %q: STEPS %q (allowed: a whole number from 1 to 1000)", flag, spec, parts[2])
		}
		v.Steps = n
	}
	switch {
	case v.Kind != scenarios.Real && (v.Lo != math.Trunc(v.Lo) || v.Hi != math.Trunc(v.Hi)):
		return v, fmt.Errorf("invalid --%s %q: %s takes whole numbers", flag, spec, v.Key)
	case v.Kind == scenarios.Boolean && (v.Lo < 0 || v.Hi > 1):
		return v, fmt.Errorf("invalid --%s %q: %s is a switch: vary it over 0:1", flag, spec, v.Key)
	}
	return v, nil
}

// checkSweep builds every design at every point once, so that a lever
// value the model refuses is reported before anything runs, naming the
// --vary and the value.
func checkSweep(name, flag string, sw *results.Sweep, vs []vary, scs []experiments.Scenario) error {
	err := experiments.CheckSweep(sw, scs)
	var pe *experiments.PointError
	switch {
	case errors.As(err, &pe):
		return usageError{fmt.Errorf("cisim %s: --%s %s: at %s, %s: %v", name, flag, strings.Join(specs(vs), " --"+flag+" "),
			strings.Join(pe.Sets, " "), pe.Design, pe.Err)}
	case err != nil:
		return usageError{fmt.Errorf("cisim %s: %v", name, err)}
	}
	return nil
}

func specs(vs []vary) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v.spec
	}
	return out
}

// sweepPlan is what every exploring command shares: the designs loaded
// with the overrides, the levers parsed, and the options.
type sweepPlan struct {
	// repro, if set, is how the command that reproduces the run starts
	// (after cisim NAME), in place of the scenarios and --vary.
	repro []string
	a     *app
	name  string
	args  []string
	o     experimentOptions
	fs    *pflag.FlagSet
	vary  []string
	// varyFlag is the flag vary came from: --vary, or a robust analysis's
	// --uncertain.
	varyFlag string
	vs       []vary
	names    []string
	scs      []experiments.Scenario
}

// parseSweepFlags parses an exploring command's common flags and loads
// its designs; extra adds the command's own flags. It returns nil, nil
// after printing help.
func parseSweepFlags(a *app, name, usageLine string, args []string, runs int,
	extra func(fs *pflag.FlagSet)) (*sweepPlan, error) {
	sp := &sweepPlan{a: a, name: name, args: args}
	fs := experimentFlags("cisim "+name, &sp.o, runs)
	fs.Lookup("runs").Usage = "replicates of each design at each point"
	switch name {
	case "sweep", "sensitivity":
		sp.varyFlag = "vary"
		fs.StringArrayVar(&sp.vary, "vary", nil, "vary a lever over a range: KEY=LO:HI or KEY=LO:HI:STEPS (repeatable)")
	case "robust":
		sp.varyFlag = "uncertain"
		var defaults []string
		for _, r := range experiments.DefaultUncertainties {
			defaults = append(defaults, r.String())
		}
		fs.StringArrayVar(&sp.vary, "uncertain", nil, "a deep uncertainty and its range across futures: KEY=LO:HI (repeatable; default: "+
			strings.Join(defaults, " ")+")")
	}
	if extra != nil {
		extra(fs)
	}
	sp.fs = fs
	if err := fs.Parse(args); err != nil {
		return nil, badUsage("cisim %s: %v", name, err)
	}
	if h, _ := fs.GetBool("help"); h {
		fmt.Fprintf(a.stdout, "Usage: %s\n\nFlags:\n%s", usageLine, fs.FlagUsages())
		return nil, nil
	}
	o := &sp.o
	if err := o.check(name, fs); err != nil {
		return nil, err
	}
	if o.resume != "" {
		return sp, nil // the folder holds what to run
	}
	seen := map[string]bool{}
	for _, spec := range sp.vary {
		v, err := parseVary(sp.varyFlag, spec)
		if err != nil {
			return nil, badUsage("cisim %s: %v", name, err)
		}
		if seen[v.Key] {
			return nil, badUsage("cisim %s: --%s %s given twice", name, sp.varyFlag, v.Key)
		}
		seen[v.Key] = true
		sp.vs = append(sp.vs, v)
	}
	sp.names = fs.Args()
	return sp, nil
}

// load loads the named scenarios (the designs) with the overrides.
func (sp *sweepPlan) load() (err error) {
	sp.scs, err = loadScenarios(sp.names, sp.o.overrides(), sp.o.point, sp.o.posterior)
	return err
}

// run runs (or resumes) the sweep of the given points and returns its
// manifest; nil with no error when this was one shard.
func (sp *sweepPlan) run(ctx context.Context, sw *results.Sweep, reproduce []string) (*results.Manifest, error) {
	name, o := sp.name, &sp.o
	plan := experiments.Plan{Command: commandLine(name, sp.args), Subcommand: name, Seed: o.seed, Runs: o.runs, Workers: o.workers,
		Out: o.out, Scenarios: sp.scs, Sweep: sw, Force: o.force, Checkpoint: o.checkpoint, Parquet: o.parquet(),
		Events: sw != nil && sw.Method == "robust"} // a robust analysis counts its rules' firings in the event log
	if o.resume == "" {
		sw.PointValues = o.point
		if err := sp.newSweep(&plan, reproduce); err != nil {
			return nil, err
		}
	} else if err := sp.resumeAlone(); err != nil {
		return nil, err
	}
	m, err := sp.a.executePlan(ctx, name, plan, o, false, strings.Join(sp.names, ", "))
	if err != nil || m.Status == results.StatusShard {
		return nil, err
	}
	return m, nil
}

// newSweep makes the plan of a new sweep: its designs at every point
// (each checked to build), its shard and the command that reproduces it.
func (sp *sweepPlan) newSweep(plan *experiments.Plan, reproduce []string) error {
	name, o := sp.name, &sp.o
	var err error
	if plan.At, err = experiments.SweepAt(plan.Sweep, sp.scs); err != nil {
		return usageError{fmt.Errorf("cisim %s: %v", name, err)}
	}
	flag := cmp.Or(sp.varyFlag, "vary")
	if err = o.setsNoLever(name, leverKeys(plan.Sweep)); err != nil {
		return err
	}
	if err = checkSweep(name, flag, plan.Sweep, sp.vs, sp.scs); err != nil {
		return err
	}
	if plan.Shard, plan.Shards, err = o.parseShard(plan.Units()); err != nil {
		return badUsage("cisim %s: %v", name, err)
	}
	args := append(slices.Clone(sp.names), reproduce...)
	for _, v := range sp.vs {
		args = append(args, "--"+flag, v.spec)
	}
	if sp.repro != nil {
		args = slices.Clone(sp.repro)
	}
	plan.Reproduce = "cisim " + name + " " + results.ShellJoin(append(args, o.reproduceFlags()...))
	return nil
}

// leverKeys are the scenario fields a sweep sets at its points: its
// levers, or for the factorial of the conditions every field of each.
func leverKeys(sw *results.Sweep) []string {
	if sw.Method != "factorial" {
		return sw.Levers
	}
	var keys []string
	for _, c := range scenarios.Conditions() {
		keys = append(keys, c.Keys...)
	}
	return keys
}

// setsNoLever refuses a --set or --years of a lever the command varies
// at its points: the points' values would override it without a word.
func (o *experimentOptions) setsNoLever(name string, levers []string) error {
	if o.years > 0 && slices.Contains(levers, "horizon.years") {
		return badUsage("cisim %s: --years %v sets horizon.years, which this command varies at its points; drop it", name, o.years)
	}
	for _, s := range o.sets {
		for _, lever := range levers {
			if scenarios.Overlap(s, lever) {
				return badUsage("cisim %s: --set %s sets %s, which this command varies at its points; drop it", name, s, lever)
			}
		}
	}
	return nil
}

// resumeAlone refuses a --resume given with flags or arguments that would
// change what runs: the folder holds what to run; only how to run it may
// be given.
func (sp *sweepPlan) resumeAlone() error {
	allowed := map[string]bool{"resume": true, "workers": true, "quiet": true, "json": true, "checkpoint": true}
	var given []string
	sp.fs.Visit(func(f *pflag.Flag) {
		if !allowed[f.Name] {
			given = append(given, "--"+f.Name)
		}
	})
	if len(sp.fs.Args()) > 0 || len(given) > 0 {
		return badUsage("cisim %s: --resume takes the folder alone (with --workers, --checkpoint, --quiet or --json): it holds what to run; drop %s",
			sp.name, strings.Join(append(slices.Clone(sp.fs.Args()), given...), " "))
	}
	return nil
}

// sweepCommand is cisim sweep: every design point of a grid or a Latin
// hypercube over the varied levers, with --runs replicates of each design.
func sweepCommand(ctx context.Context, a *app, args []string) error {
	var design string
	var points int
	sp, err := parseSweepFlags(a, "sweep", "cisim sweep SCENARIO… --vary KEY=LO:HI[:STEPS]… [--design grid|lhs] [--points N] [flags]\n\n"+
		"Runs every point of a grid or a Latin hypercube over the levers, each design (a built-in name or\n"+
		"a scenario file; with two, the second is compared with the first) at every point.",
		args, 100, func(fs *pflag.FlagSet) {
			fs.StringVar(&design, "design", "grid", "how to choose points: grid (every combination of the levels) or lhs (a Latin hypercube of --points)")
			fs.IntVar(&points, "points", 50, "points of a Latin hypercube (--design lhs)")
		})
	if sp == nil || err != nil {
		return err
	}
	var sw *results.Sweep
	if sp.o.resume == "" {
		if design == "grid" && sp.fs.Changed("points") {
			return badUsage("cisim sweep: --points is the size of a Latin hypercube (--design lhs); a grid has every combination of the --vary STEPS")
		}
		if sw, err = sp.sweepDesign(design, points); err != nil {
			return err
		}
		if err = sp.load(); err != nil {
			return err
		}
	}
	m, err := sp.run(ctx, sw, designArgs(sw, points))
	if m == nil || err != nil {
		return err
	}
	return printSweep(a.stdout, sp.o.out, m, sp.o.json)
}

// sweepDesign chooses a sweep's points.
func (sp *sweepPlan) sweepDesign(design string, points int) (*results.Sweep, error) {
	name := sp.name
	switch {
	case len(sp.names) == 0:
		return nil, badUsage("cisim %s: want a scenario to sweep (e.g. collective-impact), or two to compare at every point", name)
	case len(sp.names) > 2:
		return nil, badUsage("cisim %s: at most two scenarios (the second is compared with the first at every point)", name)
	case len(sp.vs) == 0:
		return nil, badUsage("cisim %s: want at least one --vary KEY=LO:HI[:STEPS]", name)
	}
	sw := &results.Sweep{Method: design, Vary: specs(sp.vs)}
	for _, v := range sp.vs {
		sw.Levers = append(sw.Levers, v.Key)
	}
	switch design {
	case "grid":
		var levels [][]float64
		n := 1
		for _, v := range sp.vs {
			l := v.Levels()
			if n > maxPoints/len(l) { // checked before multiplying, which could overflow
				return nil, badUsage("cisim %s: the grid has more than %d points; use fewer STEPS or --design lhs", name, maxPoints)
			}
			levels = append(levels, l)
			n *= len(l)
		}
		sw.Points = sensitivity.Grid(levels...)
	case "lhs":
		for _, v := range sp.vs {
			if v.Steps != 0 {
				return nil, badUsage("cisim %s: --vary %s: STEPS is for --design grid; a Latin hypercube takes --points", name, v.spec)
			}
		}
		if points < 2 || points > maxPoints {
			return nil, badUsage("cisim %s: invalid --points %d (allowed: 2 to %d)", name, points, maxPoints)
		}
		factors := make([]sensitivity.Factor, len(sp.vs))
		for i, v := range sp.vs {
			factors[i] = v.Factor()
		}
		sw.Points = sensitivity.Scale(sensitivity.LHS(points, len(factors), experiments.DesignRand(sp.o.seed, "lhs")), factors)
	default:
		return nil, badUsage("cisim %s: invalid --design %q (allowed: grid, lhs)", name, design)
	}
	return sw, nil
}

// maxPoints bounds the design points of one sweep.
const maxPoints = 100000

// designArgs are the flags that chose a sweep's points, for the command
// that reproduces it.
func designArgs(sw *results.Sweep, points int) []string {
	if sw == nil {
		return nil
	}
	if sw.Method == "lhs" {
		return []string{"--design", "lhs", "--points", fmt.Sprint(points)}
	}
	return []string{"--design", sw.Method}
}

// printSweep prints a finished sweep's outcome rate at each point (the
// first and last 15 when there are many) in % (differences in percentage
// points), as the report and the plots show it, or every point as JSON.
func printSweep(w io.Writer, dir string, m *results.Manifest, asJSON bool) error {
	pts, err := experiments.ReadPoints(dir, m)
	if err != nil {
		return err
	}
	if asJSON {
		return printSweepJSON(w, dir, m, pts)
	}
	metric := results.Metrics()[0] // the outcome rate, each point's first estimate
	tw := newTable(w)
	fmt.Fprint(tw, "point")
	for _, l := range m.Sweep.Levers {
		fmt.Fprintf(tw, "\t%s", l)
	}
	for _, s := range m.Scenarios {
		fmt.Fprintf(tw, "\t%s: outcome rate%s [95%% CI]", s.Name, results.UnitSuffix(metric, false))
	}
	if len(m.Scenarios) > 1 {
		fmt.Fprintf(tw, "\tdifference%s [95%% CI]", results.UnitSuffix(metric, true))
	}
	fmt.Fprintln(tw)
	shown := pts
	if len(pts) > 30 {
		shown = append(slices.Clone(pts[:15]), pts[len(pts)-15:]...)
	}
	for i, ps := range shown {
		if len(pts) > 30 && i == 15 {
			fmt.Fprintln(tw, "…")
		}
		fmt.Fprint(tw, ps.Point)
		for _, x := range ps.Levers {
			fmt.Fprintf(tw, "\t%s", num(x))
		}
		for _, e := range append(slices.Clone(ps.Estimates), ps.Diffs...) {
			fmt.Fprintf(tw, "\t%s", intervalIn(metric, e[0]))
		}
		fmt.Fprintln(tw)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\n%d points; every metric of every point in %s/points.csv, the report in %s/report.html\n", len(pts), dir, dir)
	return nil
}

// printSweepJSON prints every point of a finished sweep as JSON.
func printSweepJSON(w io.Writer, dir string, m *results.Manifest, pts []experiments.PointSummary) error {
	type point struct {
		Point     int                 `json:"point"`
		Levers    map[string]float64  `json:"levers"`
		Runs      int                 `json:"runs"`
		Estimates []map[string]estOut `json:"designs"`
		Diffs     []map[string]estOut `json:"differences,omitempty"`
	}
	out := struct {
		Out    string   `json:"out"`
		Seed   uint64   `json:"seed"`
		Runs   int      `json:"runs"`
		Design []string `json:"design_names"`
		Method string   `json:"method"`
		Points []point  `json:"points"`
	}{Out: dir, Seed: m.Seed, Runs: m.Runs, Method: m.Sweep.Method}
	for _, s := range m.Scenarios {
		out.Design = append(out.Design, s.Name)
	}
	for _, ps := range pts {
		p := point{Point: ps.Point, Levers: map[string]float64{}, Runs: ps.Runs}
		for i, l := range m.Sweep.Levers {
			p.Levers[l] = ps.Levers[i]
		}
		for _, e := range ps.Estimates {
			p.Estimates = append(p.Estimates, estimates(e))
		}
		for _, e := range ps.Diffs {
			p.Diffs = append(p.Diffs, estimates(e))
		}
		out.Points = append(out.Points, p)
	}
	return writeJSON(w, out)
}
