package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/pflag"

	"github.com/cisim/cisim/analysis"
	"github.com/cisim/cisim/calibrate"
	"github.com/cisim/cisim/experiments"
	"github.com/cisim/cisim/results"
	"github.com/cisim/cisim/scenarios"
	"github.com/cisim/cisim/uncertain"
)

type experimentOptions struct {
	runs, workers int
	seed          uint64
	years         float64
	sets          []string
	out, resume   string
	shard         string
	json, quiet   bool
	point, force  bool
	checkpoint    time.Duration
	shardEnv      string // the job array's variables the shard was read from, if any
	shardNote     string // why a job array's variable was not read as a shard
	precision     float64
	maxRuns       int
	format        string // csv, or csv and parquet
	posterior     string // a calibration's posterior.csv the replicates draw their parameters from
}

func experimentFlags(name string, o *experimentOptions, runs int) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.IntVar(&o.runs, "runs", runs, "replicates per scenario")
	fs.Uint64Var(&o.seed, "seed", 1, "master seed, 0 … 2⁵³−1; replicate r of every scenario uses the same streams")
	fs.Float64Var(&o.years, "years", 0, "horizon in years (0: each scenario's own)")
	fs.IntVar(&o.workers, "workers", 0, "goroutines running replicates (0: all cores)")
	fs.StringArrayVar(&o.sets, "set", nil, "set a scenario field by dotted key, e.g. governance.backbone_staff=2 (repeatable)")
	fs.StringVar(&o.out, "out", "cisim-out", "output folder")
	fs.StringVar(&o.resume, "resume", "", "finish the interrupted run in this output folder")
	fs.StringVar(&o.shard, "shard", "", "run one slice i/n of the replicates (also from SLURM_ARRAY_TASK_ID/COUNT or JOB_COMPLETION_INDEX with CISIM_SHARDS)")
	fs.BoolVar(&o.point, "point", false, "run every uncertain parameter at its point value (no parameter uncertainty)")
	fs.StringVar(&o.posterior, "posterior", "", "draw the parameters a calibration fitted from its posterior.csv (cisim calibrate): replicate r takes one particle, the same under every design")
	fs.BoolVar(&o.force, "force", false, "write into an --out folder that holds files of no cisim run")
	fs.DurationVar(&o.checkpoint, "checkpoint", experiments.DefaultCheckpoint, "how often to save finished replicates, which a killed run resumes from")
	fs.StringVar(&o.format, "format", "csv", "file formats: csv, or csv,parquet for a Parquet file beside each CSV file (CSV is always written)")
	fs.BoolVar(&o.json, "json", false, "print the result as JSON on stdout")
	fs.BoolVar(&o.quiet, "quiet", false, "print nothing on stderr")
	fs.BoolP("help", "h", false, "show this help")
	return fs
}

// slurmShard is the shard i/n of a Slurm array task: its id counted from
// the array's first (SLURM_ARRAY_TASK_MIN, so --array=1-4 works as 0-3
// does), of SLURM_ARRAY_TASK_COUNT. An array with gaps (1,3,7 or 0-9:2)
// cannot be counted so and is refused; so is an environment that holds
// part of an array's variables (a task id with no count would otherwise
// run the whole experiment in every task).
func slurmShard() (string, error) {
	vars := []string{"SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT", "SLURM_ARRAY_TASK_MIN", "SLURM_ARRAY_TASK_MAX", "SLURM_ARRAY_TASK_STEP"}
	v := make([]int, len(vars))
	for k, name := range vars {
		s := os.Getenv(name)
		n, err := strconv.Atoi(s)
		switch {
		case s == "" && k < 2:
			return "", fmt.Errorf("%s is set but %s is not: a Slurm array task sets both; give --shard i/n", vars[1-k], name)
		case s == "" && k == 2 && os.Getenv(vars[3]) != "":
			return "", fmt.Errorf("%s is set but %s is not: a Slurm array task sets both; give --shard i/n", vars[3], name)
		case s == "" && k == 4:
			n = 1 // no step: every task
		case s == "": // no first task: counted from 0; no last: set below
			n = 0
		case err != nil:
			return "", fmt.Errorf("invalid Slurm array: %s=%q (want a whole number)", name, s)
		}
		v[k] = n
	}
	id, count, lo, hi, step := v[0], v[1], v[2], v[3], v[4]
	if os.Getenv(vars[3]) == "" {
		hi = lo + (count-1)*step
	}
	array := fmt.Sprintf("%d-%d", lo, hi)
	if step != 1 {
		array += fmt.Sprintf(":%d", step)
	}
	switch {
	case count < 1 || hi < lo || step < 1:
		return "", fmt.Errorf("invalid Slurm array: %d tasks, from %d to %d in steps of %d", count, lo, hi, step)
	case (hi-lo)%step != 0:
		return "", fmt.Errorf("invalid Slurm array: %s does not end on a step (SLURM_ARRAY_TASK_MAX is a task's id)", array)
	case (hi-lo)/step+1 != count:
		return "", fmt.Errorf("the Slurm array %s has %d tasks, not %d: it must be one range without gaps (--array=0-%d)", array, count, (hi-lo)/step+1, count-1)
	case id < lo || id > hi || (id-lo)%step != 0:
		return "", fmt.Errorf("invalid Slurm array: task %d is outside the array %s", id, array)
	}
	return strconv.Itoa((id-lo)/step) + "/" + strconv.Itoa(count), nil
}

// parseShard reads --shard i/n, or the job array's environment (noting
// which variables, to say so); units is the work that shards split
// (replicates, or a sweep's point-replicates).
func (o *experimentOptions) parseShard(units int) (shard, shards int, err error) {
	spec, from := o.shard, "--shard "+o.shard
	if spec == "" {
		switch {
		case os.Getenv("SLURM_ARRAY_TASK_ID") != "" || os.Getenv("SLURM_ARRAY_TASK_COUNT") != "":
			if spec, err = slurmShard(); err != nil {
				return 0, 0, err
			}
			o.shardEnv = "SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT"
		case os.Getenv("CISIM_SHARDS") != "":
			index, count := os.Getenv("JOB_COMPLETION_INDEX"), os.Getenv("CISIM_SHARDS")
			if index == "" {
				return 0, 0, fmt.Errorf("CISIM_SHARDS=%q is set but JOB_COMPLETION_INDEX is not: a Kubernetes Indexed Job's pod has both; give --shard i/n", count)
			}
			spec, o.shardEnv = index+"/"+count, "JOB_COMPLETION_INDEX and CISIM_SHARDS"
		case os.Getenv("JOB_COMPLETION_INDEX") != "":
			// Every pod of an Indexed Job has an index, sharded or not:
			// only CISIM_SHARDS says the experiment is split.
			o.shardNote = "JOB_COMPLETION_INDEX is set but CISIM_SHARDS is not: running the whole experiment; to split it among the Job's pods, set CISIM_SHARDS to its completions"
			return 0, 1, nil
		default:
			return 0, 1, nil
		}
		from = "shard " + spec + " (from " + o.shardEnv + ")"
	}
	a, b, ok := strings.Cut(spec, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	switch {
	case !ok || err1 != nil || err2 != nil:
		return 0, 0, fmt.Errorf("invalid %s (want i/n, e.g. 0/4)", from)
	case n < 1 || i < 0 || i >= n:
		return 0, 0, fmt.Errorf("invalid %s (allowed: 0 ≤ i < n)", from)
	case n > units:
		return 0, 0, fmt.Errorf("invalid %s: more shards than the %d runs to share out", from, units)
	}
	return i, n, nil
}

// noteShard says on stderr why a job array's variable was not read.
func (o *experimentOptions) noteShard(stderr io.Writer, name string) {
	if o.shardNote != "" && !o.quiet {
		fmt.Fprintf(stderr, "cisim %s: note: %s\n", name, o.shardNote)
	}
}

// check refuses options that no experiment takes, and a horizon set twice.
func (o *experimentOptions) check(name string, fs *pflag.FlagSet) error {
	switch {
	case o.runs < 1:
		return badUsage("cisim %s: invalid --runs %d (allowed: 1 or more)", name, o.runs)
	case o.workers < 0:
		return badUsage("cisim %s: invalid --workers %d (allowed: 0 for all cores, or more)", name, o.workers)
	case o.seed > maxSeed:
		return badUsage("cisim %s: invalid --seed %d (allowed: 0 to 2⁵³−1 = %d, the whole numbers R, pandas, JavaScript and spreadsheets all read exactly)", name, o.seed, uint64(maxSeed))
	case !slices.Contains([]string{"csv", "parquet", "csv,parquet", "parquet,csv"}, o.format):
		return badUsage("cisim %s: invalid --format %q (allowed: csv, or csv,parquet)", name, o.format)
	case o.checkpoint <= 0:
		return badUsage("cisim %s: invalid --checkpoint %v (allowed: above 0, e.g. 5s)", name, o.checkpoint)
	case math.IsNaN(o.years) || o.years < 0 || o.years > 200 || fs.Changed("years") && o.years == 0:
		return badUsage("cisim %s: invalid --years %v (allowed: above 0 to 200; leave it out for each scenario's own horizon)", name, o.years)
	case o.workers > maxWorkers:
		return badUsage("cisim %s: invalid --workers %d (allowed: 0 for all cores, up to %d; each holds two engines in memory, and more than the cores adds no speed)", name, o.workers, maxWorkers)
	case o.resume != "" && fs.Changed("out"):
		return badUsage("cisim %s: --resume %s finishes the run in that folder; it takes no --out", name, o.resume)
	case o.point && o.posterior != "":
		return badUsage("cisim %s: --point fixes every parameter at its point value and --posterior draws them from a calibration; give one", name)
	}
	for _, s := range o.sets {
		if o.years > 0 && scenarios.Overlap(s, "horizon.years") {
			return badUsage("cisim %s: --years %v and --set %s both set the horizon; give one", name, o.years, s)
		}
	}
	return nil
}

// parquet says whether --format asks for Parquet files.
func (o *experimentOptions) parquet() bool { return strings.Contains(o.format, "parquet") }

// maxWorkers is the most workers a command takes: about 1.2 MB each.
const maxWorkers = 1024

// maxSeed is the largest seed: every seed cisim writes (summary.csv, the
// manifest, JSON) is then read exactly by tools that read numbers as
// doubles, so a run can be reproduced from its files.
const maxSeed = 1<<53 - 1

// fewRuns is the number of replicates below which a comparison's
// intervals say little: a t interval on fewer than 10 runs is wide and
// rests wholly on normality.
const fewRuns = 10

// warnFew says on stderr when a run has too few replicates for its
// intervals to mean much.
func (o *experimentOptions) warnFew(stderr io.Writer, name string) {
	if !o.quiet && o.runs < fewRuns {
		noun := "replicates"
		if o.runs == 1 {
			noun = "replicate"
		}
		fmt.Fprintf(stderr, "cisim %s: warning: with %d %s the intervals say little (they are clipped to what is possible); use %d or more\n", name, o.runs, noun, fewRuns)
	}
}

// overrides are the --set overrides, with --years first.
func (o *experimentOptions) overrides() []string {
	if o.years > 0 {
		return append([]string{fmt.Sprintf("horizon.years=%v", o.years)}, o.sets...)
	}
	return o.sets
}

// reproduceFlags are the flags of the command that reproduces a run
// after what it runs: the overrides, runs and seed.
func (o *experimentOptions) reproduceFlags() []string {
	var args []string
	for _, s := range o.sets {
		args = append(args, "--set", s)
	}
	if o.years > 0 {
		args = append(args, "--years", fmt.Sprint(o.years))
	}
	if o.point {
		args = append(args, "--point")
	}
	if o.posterior != "" {
		args = append(args, "--posterior", o.posterior)
	}
	return append(args, "--runs", fmt.Sprint(o.runs), "--seed", fmt.Sprint(o.seed))
}

// experimentCommand runs `cisim run` (compare=false) or `cisim compare`.
func experimentCommand(ctx context.Context, a *app, name string, compare bool, args []string) error {
	var o experimentOptions
	fs := experimentFlags("cisim "+name, &o, 1000)
	fs.Float64Var(&o.precision, "precision", 0, "add --runs replicates at a time until the 95% CI half-width of the outcome-rate difference is at most this (compare only)")
	fs.IntVar(&o.maxRuns, "max-runs", 100000, "most replicates --precision may run")
	if !compare {
		// Kept so that cisim run --precision says to use compare.
		_ = fs.MarkHidden("precision")
		_ = fs.MarkHidden("max-runs")
	}
	if err := fs.Parse(args); err != nil {
		return badUsage("cisim %s: %v", name, err)
	}
	if h, _ := fs.GetBool("help"); h {
		fmt.Fprintf(a.stdout, "Usage: cisim %s [flags] [SCENARIO…]\n\nSCENARIO is a built-in name (cisim scenarios list) or a scenario file.\n\nFlags:\n%s", name, fs.FlagUsages())
		return nil
	}
	plan, names, err := experimentPlan(fs, name, compare, args, &o)
	if err != nil {
		return err
	}
	explicit := fs.Changed("runs") || fs.Changed("seed") || fs.Changed("set") || fs.Changed("years") || fs.Changed("point") || len(fs.Args()) > 0
	m, err := a.executePlan(ctx, name, plan, &o, explicit, strings.Join(names, ", "))
	if err != nil || m.Status == results.StatusShard {
		return err
	}
	return printResults(a.stdout, o.out, m, compare, o.json)
}

// experimentPlan checks the options of cisim run or compare and loads the
// scenarios they name (names: as given, or the default pair).
func experimentPlan(fs *pflag.FlagSet, name string, compare bool, args []string, o *experimentOptions) (plan experiments.Plan, names []string, err error) {
	if err = o.check(name, fs); err != nil {
		return plan, nil, err
	}
	shard, shards, err := o.parseShard(o.runs)
	if err != nil {
		return plan, nil, badUsage("cisim %s: %v", name, err)
	}
	if fs.Changed("precision") {
		switch {
		case !compare:
			return plan, nil, badUsage("cisim run: --precision needs a comparison; use cisim compare")
		case math.IsNaN(o.precision) || o.precision <= 0 || o.precision >= 1:
			return plan, nil, badUsage("cisim compare: invalid --precision %v (allowed: above 0 and below 1, e.g. 0.005)", o.precision)
		case shards > 1:
			return plan, nil, badUsage("cisim compare: --precision cannot be split into shards; run it on one machine")
		case o.maxRuns < o.runs:
			return plan, nil, badUsage("cisim compare: invalid --max-runs %d (allowed: at least --runs %d)", o.maxRuns, o.runs)
		}
	}
	names = fs.Args()
	if len(names) == 0 {
		names = []string{"isolated", "collective-impact"}
	}
	scs, err := loadScenarios(names, o.overrides(), o.point, o.posterior)
	if err != nil { // an unknown name is said first: it may be why one is missing
		return plan, nil, err
	}
	if compare && len(names) < 2 {
		return plan, nil, badUsage("cisim compare: want two or more scenarios to compare")
	}
	repro := append(slices.Clone(names), o.reproduceFlags()...)
	if o.precision > 0 {
		repro = append(repro, "--precision", fmt.Sprint(o.precision), "--max-runs", fmt.Sprint(o.maxRuns))
	}
	plan = experiments.Plan{
		Command: commandLine(name, args), Subcommand: name, Reproduce: "cisim " + name + " " + results.ShellJoin(repro),
		Scenarios: scs, Seed: o.seed, Runs: o.runs, Shard: shard, Shards: shards,
		Workers: o.workers, Out: o.out, Events: true, Force: o.force, Checkpoint: o.checkpoint,
		Parquet: o.parquet(),
	}
	if o.precision > 0 {
		plan.Precision, plan.Batch, plan.MaxRuns = o.precision, o.runs, o.maxRuns
	}
	return plan, names, nil
}

// loadScenarios loads the named scenarios with the overrides, at their
// point values if point is set; a scenario that does not load is bad
// input.
func loadScenarios(names, sets []string, point bool, posterior string) ([]experiments.Scenario, error) {
	if len(slices.DeleteFunc(slices.Clone(names), func(n string) bool { return n != scenarios.StdinName })) > 1 {
		return nil, badUsage("cisim: %q (standard input) given twice; it holds one scenario", scenarios.StdinName)
	}
	var scs []experiments.Scenario
	for _, n := range names {
		l, err := scenarios.Load(n, sets)
		if err == nil && point {
			l, err = l.AtPointValues()
		}
		if err != nil {
			return nil, usageError{flagged(err)}
		}
		y, err := l.YAML()
		if err != nil {
			return nil, err
		}
		scs = append(scs, experiments.Scenario{Name: l.Scenario.Name, Scenario: l.Scenario, Resolved: y})
	}
	if err := distinctNames(names, scs); err != nil {
		return nil, err
	}
	if posterior == "" {
		return scs, nil
	}
	post, err := calibrate.ReadPosterior(posterior)
	if err != nil {
		return nil, usageError{fmt.Errorf("--posterior %w", err)}
	}
	return scs, withPosterior(scs, post)
}

// distinctNames refuses scenarios without a name, or two of one name:
// every row of the results names its scenario, and they could not be told
// apart.
func distinctNames(args []string, scs []experiments.Scenario) error {
	for i, sc := range scs {
		if sc.Name == "" {
			return badUsage("cisim: scenario %s has no name; give it one (name: in its file, or --set name=…)", args[i])
		}
		for j := range i {
			if scs[j].Name == sc.Name {
				return badUsage("cisim: scenarios %s and %s are both named %q, and their results could not be told apart; give each its own name (name: in the file)", args[j], args[i], sc.Name)
			}
		}
	}
	return nil
}

// withPosterior gives every design the posterior, which each must accept.
func withPosterior(scs []experiments.Scenario, post *uncertain.Posterior) error {
	for i := range scs {
		scs[i].Scenario.Posterior = post
		if err := scs[i].Scenario.Validate(); err != nil {
			return usageError{fmt.Errorf("--posterior %s: %s: %w", post.Source, scs[i].Name, err)}
		}
	}
	return nil
}

// flagged names the --set flag in a scenario error that an override
// caused.
func flagged(err error) error {
	var e *scenarios.Error
	if !errors.As(err, &e) || e.Override == "" {
		return err
	}
	c := *e
	c.File, c.Override = "--set "+e.Override, ""
	return &c
}

// manifestScenarios reloads the scenarios an output folder recorded.
func manifestScenarios(m *results.Manifest) ([]experiments.Scenario, error) {
	var out []experiments.Scenario
	for _, ms := range m.Scenarios {
		l, err := scenarios.LoadBytes("manifest:"+ms.Name, []byte(ms.Resolved), nil)
		if err != nil {
			return nil, err
		}
		out = append(out, experiments.Scenario{Name: ms.Name, Scenario: l.Scenario, Resolved: []byte(ms.Resolved)})
	}
	if m.Posterior == nil {
		return out, nil
	}
	post, err := m.Posterior.Posterior()
	if err != nil {
		return nil, err
	}
	return out, withPosterior(out, post)
}

// sameExperiment checks that what the command line asks for is what the
// folder holds, when the command line asks for anything.
func sameExperiment(prev *results.Manifest, plan experiments.Plan, explicit bool) error {
	if !explicit {
		return nil
	}
	want := *prev
	want.Seed, want.Runs, want.Sweep = plan.Seed, plan.Runs, plan.Sweep
	want.Scenarios = nil
	for _, sc := range plan.Scenarios {
		want.Scenarios = append(want.Scenarios, results.ManifestScenario{Name: sc.Name, SHA256: results.ScenarioHash(sc.Resolved)})
	}
	if want.Identity() != prev.Identity() {
		return errors.New("the folder holds another experiment (scenarios, seed or runs differ); give --resume alone to finish what it holds")
	}
	return nil
}

func commandLine(name string, args []string) string {
	return strings.TrimSpace("cisim " + name + " " + results.ShellJoin(args))
}

// printResults prints the summary table (and differences) of a finished
// output folder, or the same as JSON.
func printResults(w io.Writer, dir string, m *results.Manifest, compare bool, asJSON bool) error {
	sums, comps, err := experiments.ReadResults(dir, m)
	if err != nil {
		return err
	}
	fails, err := results.ReadFailures(dir)
	if err != nil {
		return err
	}
	if !compare {
		comps = nil
		fails = slices.DeleteFunc(fails, func(f results.Failure) bool { return f.Versus != "" })
	}
	if asJSON {
		return printResultsJSON(w, dir, m, sums, comps, fails)
	}
	if err := printSummaries(w, sums, comps); err != nil {
		return err
	}
	if len(comps) > 0 && len(sums) > 2 {
		fmt.Fprintf(w, "\n%d pairwise comparisons in %s/comparison.csv\n", len(comps), dir)
	}
	return printFailures(w, sums, fails)
}

// printResultsJSON prints a finished folder's results as JSON, in the
// stored units (shares, SEK): they are data.
func printResultsJSON(w io.Writer, dir string, m *results.Manifest, sums []experiments.ScenarioSummary,
	comps []results.Comparison, fails []results.Failure) error {
	type scen struct {
		Name    string            `json:"name"`
		Metrics map[string]estOut `json:"metrics"`
	}
	out := struct {
		Runs        int                  `json:"runs"`
		Seed        uint64               `json:"seed"`
		Out         string               `json:"out"`
		Scenarios   []scen               `json:"scenarios"`
		Comparisons []results.Comparison `json:"comparisons,omitempty"`
		Failures    []results.Failure    `json:"failures"`
	}{Runs: m.Runs, Seed: m.Seed, Out: dir, Comparisons: comps, Failures: fails}
	for _, s := range sums {
		out.Scenarios = append(out.Scenarios, scen{Name: s.Name, Metrics: estimates(s.Estimates)})
	}
	return writeJSON(w, out)
}

// printSummaries prints each design's headline metrics, one row each in
// its display unit, which the row's label names (outcome_rate (%),
// total_cost (MSEK)), as the report and the plots show them; with two
// designs, their difference (in percentage points for a share), A12,
// Cohen's d and the paired t test's p.
func printSummaries(w io.Writer, sums []experiments.ScenarioSummary, comps []results.Comparison) error {
	paired := len(comps) > 0 && len(sums) == 2
	tw := newTable(w)
	fmt.Fprint(tw, "metric")
	for _, s := range sums {
		fmt.Fprintf(tw, "\t%s: mean [95%% CI]", s.Name)
	}
	if paired {
		fmt.Fprintf(tw, "\tdifference [95%% CI]\tA12\td\tp")
	}
	fmt.Fprintln(tw)
	for i, metric := range results.Metrics() {
		fmt.Fprint(tw, metric+results.UnitSuffix(metric, false))
		for _, s := range sums {
			fmt.Fprintf(tw, "\t%s", intervalIn(metric, s.Estimates[i]))
		}
		if paired {
			c := comps[i]
			d := analysis.Estimate{Mean: float64(c.Diff), Lo: float64(c.DiffLo), Hi: float64(c.DiffHi)}
			fmt.Fprintf(tw, "\t%s%s\t%s\t%s\t%s", intervalIn(metric, d), diffUnit(metric),
				a12(float64(c.A12)), num(float64(c.CohenD)), pvalue(float64(c.P)))
		}
		fmt.Fprintln(tw)
	}
	return tw.Flush()
}

// diffUnit is the unit a difference of the metric is printed with after
// its interval when it is not the unit its row names: " pp", percentage
// points, for a share shown in %.
func diffUnit(metric string) string {
	d := results.DisplayOf(metric)
	if d.DiffUnit == d.Unit || d.DiffUnit == "" {
		return ""
	}
	return " " + d.DiffUnit
}

// a12 prints Vargha–Delaney's A12, NA where it is undefined.
func a12(x float64) string {
	if math.IsNaN(x) {
		return "NA"
	}
	return fmt.Sprintf("%.2f", x)
}

// printFailures prints the failure shares of each design: one row per way
// of failing, one column per design.
func printFailures(w io.Writer, sums []experiments.ScenarioSummary, fails []results.Failure) error {
	fmt.Fprintln(w, "\nfailure shares (% of runs; the intervals above measure Monte Carlo precision, these what can go wrong):")
	tw := newTable(w)
	fmt.Fprint(tw, "failure")
	for _, s := range sums {
		fmt.Fprintf(tw, "\t%s [95%% CI]", s.Name)
	}
	fmt.Fprintln(tw)
	kinds := []string{results.FailStalled, results.FailBrokeUp, results.FailLostTwin, results.FailAny}
	for _, k := range kinds {
		cells, any := make([]string, len(sums)), false
		for i, s := range sums {
			cells[i] = "—"
			for _, f := range fails {
				if f.Scenario == s.Name && f.Kind == k && (f.Versus == "" || f.Versus == sums[(i+1)%len(sums)].Name) {
					cells[i], any = share(f), true
				}
			}
		}
		if !any {
			continue
		}
		fmt.Fprintf(tw, "%s\t%s\n", failureLabel(k, sums), strings.Join(cells, "\t"))
	}
	return tw.Flush()
}

// share prints a failure share with its interval in % of runs, as the
// report does.
func share(f results.Failure) string {
	if math.IsNaN(float64(f.Share)) {
		return "n/a"
	}
	return intervalIn(f.Kind, analysis.Estimate{Mean: float64(f.Share), Lo: float64(f.Lo), Hi: float64(f.Hi)})
}

func failureLabel(kind string, sums []experiments.ScenarioSummary) string {
	switch kind {
	case results.FailStalled:
		return "stalled (no plan agreed)"
	case results.FailBrokeUp:
		return "broke up"
	case results.FailLostTwin:
		if len(sums) == 2 {
			return "lost to its paired twin"
		}
		return "lost to the next design's twin"
	}
	return "any of these"
}

// executePlan runs a plan, or with --resume finishes the run in that
// folder (explicit: the command line also named what to run, which must
// then match the folder), reporting progress on stderr. It returns the
// manifest of a complete run or of a finished shard; an interrupted run
// is a usage error that says how to resume it.
func (a *app) executePlan(ctx context.Context, name string, plan experiments.Plan, o *experimentOptions, explicit bool,
	designs string) (*results.Manifest, error) {
	exploring := name != "run" && name != "compare"
	unit := "replicates"
	if exploring {
		unit = "point-replicates"
	}
	progress := newProgress(a.stderr, o.quiet, unit)
	plan.Progress = func(done, total int) {
		progress.update(done, total)
		if a.afterUnit != nil {
			a.afterUnit(done, total)
		}
	}
	start := time.Now()
	var m *results.Manifest
	var err error
	if o.resume != "" {
		m, err = resumePlan(ctx, name, exploring, plan, o, explicit)
		o.out = o.resume
	} else {
		m, err = startPlan(ctx, a.stderr, name, plan, o, designs, unit)
	}
	progress.done()
	if errors.Is(err, experiments.ErrInterrupted) {
		return nil, interruptedError{fmt.Errorf("cisim %s: interrupted after %d of %d %s; they are saved in %s; finish with: cisim %s --resume %s",
			name, m.Done, m.End-m.First, unit, o.out, name, o.out)}
	}
	if err != nil {
		return nil, keptHint(err, name, unit, o.out)
	}
	if !o.quiet {
		reportDone(a.stderr, name, m, unit, o.out, time.Since(start))
	}
	return m, nil
}

// keptHint adds to a run's failure (a full disk, a file that cannot be
// written) what of the run is kept and how to finish it, where its folder
// holds a checkpoint or a partial run.
func keptHint(err error, name, unit, dir string) error {
	var u usageError
	switch {
	case errors.As(err, &u):
		return err
	case errors.Is(err, results.ErrBusy):
		return usageError{fmt.Errorf("cisim %s: %w", name, err)}
	}
	m, rerr := results.ReadManifest(dir)
	if rerr != nil || m.Status != results.StatusRunning && m.Status != results.StatusPartial {
		return err
	}
	return fmt.Errorf("cisim %s: %w; %d finished %s are kept in %s: once the cause is fixed, finish with: cisim %s --resume %s",
		name, err, m.Done, unit, dir, name, dir)
}

// resumePlan finishes the partial run in the folder --resume names, with
// what its manifest recorded.
func resumePlan(ctx context.Context, name string, exploring bool, plan experiments.Plan, o *experimentOptions, explicit bool) (*results.Manifest, error) {
	fail := func(err error) error { return usageError{fmt.Errorf("cisim %s: --resume %s: %v", name, o.resume, err)} }
	prev, err := results.ReadManifest(o.resume)
	if err != nil {
		return nil, usageError{fmt.Errorf("cisim %s: --resume: %v", name, err)}
	}
	if (prev.Sweep != nil) != exploring || exploring && prev.Subcommand != name {
		return nil, fail(fmt.Errorf("the folder holds a run of another command (%s)", prev.Command))
	}
	if err = sameExperiment(prev, plan, explicit); err != nil {
		return nil, fail(err)
	}
	if plan.Scenarios, err = manifestScenarios(prev); err == nil && prev.Sweep != nil {
		plan.Sweep = prev.Sweep
		plan.At, err = experiments.SweepAt(plan.Sweep, plan.Scenarios)
	}
	if err != nil {
		return nil, fail(err)
	}
	if prev.Status != results.StatusPartial && prev.Status != results.StatusRunning {
		return nil, fail(fmt.Errorf("%s is %s, not a partial run; nothing to resume", o.resume, prev.Status))
	}
	plan.Command, plan.Subcommand, plan.Reproduce = prev.Command, prev.Subcommand, prev.Reproduce
	plan.Seed, plan.Runs, plan.Shard, plan.Shards = prev.Seed, prev.Runs, prev.Shard, prev.Shards
	plan.Precision, plan.Batch, plan.MaxRuns = prev.Precision, prev.Batch, prev.MaxRuns
	m, err := experiments.Resume(ctx, o.resume, plan, prev)
	if err != nil && !errors.Is(err, experiments.ErrInterrupted) {
		return nil, fail(err)
	}
	return m, err
}

// startPlan runs a new plan into --out, saying first what it runs.
func startPlan(ctx context.Context, stderr io.Writer, name string, plan experiments.Plan, o *experimentOptions, designs, unit string) (*results.Manifest, error) {
	if lock, err := results.Lock(o.out); errors.Is(err, results.ErrBusy) { // a live run's folder says so first
		return nil, usageError{fmt.Errorf("cisim %s: %v", name, err)}
	} else if err == nil {
		lock.Close()
	}
	if err := results.CheckOutput(o.out, o.force); err != nil {
		return nil, usageError{fmt.Errorf("cisim %s: %v", name, err)}
	}
	if err := results.CheckWritable(o.out); err != nil {
		return nil, usageError{fmt.Errorf("cisim %s: %v", name, err)}
	}
	if !o.quiet {
		if o.shardEnv != "" {
			fmt.Fprintf(stderr, "cisim %s: shard %d/%d, from %s (--shard overrides)\n", name, plan.Shard, plan.Shards, o.shardEnv)
		}
		o.noteShard(stderr, name)
		o.warnFew(stderr, name)
		first, end := plan.Slice()
		what := unit
		if plan.Sweep != nil {
			what = fmt.Sprintf("point-replicates (%d points × %d)", len(plan.Sweep.Points), plan.Runs)
		}
		fmt.Fprintf(stderr, "cisim %s: %s, %s %d–%d of %d, seed %d, into %s\n",
			name, designs, what, first, end-1, plan.Units(), plan.Seed, o.out)
	}
	return experiments.Run(ctx, plan)
}

// reportDone says on stderr what a finished run or shard did.
func reportDone(stderr io.Writer, name string, m *results.Manifest, unit, out string, took time.Duration) {
	fmt.Fprintf(stderr, "cisim %s: %d %s in %.1f s; files in %s\n", name, m.Done, unit, took.Seconds(), out)
	if m.Posterior != nil {
		fmt.Fprintf(stderr, "cisim %s: %d parameters drawn from the posterior %s\n", name, len(m.Posterior.Keys), m.Posterior.Source)
	}
	if m.Precision > 0 {
		verdict := "reached"
		if m.HalfWidth > m.Precision {
			verdict = "not reached within --max-runs"
		}
		fmt.Fprintf(stderr, "cisim %s: precision %g %s: 95%% CI half-width of the outcome-rate difference %.4g after %d replicates\n",
			name, m.Precision, verdict, m.HalfWidth, m.Done)
	}
	if m.Status == results.StatusShard {
		fmt.Fprintf(stderr, "cisim %s: shard %d/%d done; join the shards with: cisim merge --out DIR SHARD-FOLDERS…\n", name, m.Shard, m.Shards)
	}
}

// estOut is an estimate in JSON: undefined numbers are null.
type estOut struct {
	Mean *float64 `json:"mean"`
	Lo   *float64 `json:"ci95_lo"`
	Hi   *float64 `json:"ci95_hi"`
	N    int      `json:"n"`
}

// estimates are the headline metrics' estimates by name, for JSON.
func estimates(es []analysis.Estimate) map[string]estOut {
	fin := func(x float64) *float64 {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil
		}
		return &x
	}
	out := map[string]estOut{}
	for i, metric := range results.Metrics() {
		e := es[i]
		out[metric] = estOut{fin(e.Mean), fin(e.Lo), fin(e.Hi), e.N}
	}
	return out
}

// intervalIn prints an estimate of a metric (or of a difference of it) in
// the metric's display unit for the terminal, mean [lo, hi]: 34.03 [33.5,
// 34.6] for an outcome rate of 0.3403, 155.3 […] for a total cost of
// 155331514 SEK; the table's label names the unit (results.UnitSuffix).
// An unknown metric ("": a Sobol index) prints as stored.
func intervalIn(metric string, e analysis.Estimate) string {
	in := func(x float64) string { return results.FormatIn(metric, x) }
	if math.IsNaN(e.Lo) {
		return in(e.Mean)
	}
	return fmt.Sprintf("%s [%s, %s]", in(e.Mean), in(e.Lo), in(e.Hi))
}

// writeJSON prints the object v as indented JSON, its first key the
// schema's version (docs/OUTPUTS.md).
func writeJSON(w io.Writer, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	if len(b) < 2 || b[0] != '{' {
		return fmt.Errorf("cisim: JSON output must be an object, not %.20s", b)
	}
	head := fmt.Sprintf("{\n  \"schema_version\": %d", results.SchemaVersion)
	if string(b) != "{}" {
		head += ","
	}
	_, err = fmt.Fprintf(w, "%s%s\n", head, bytes.TrimPrefix(b, []byte("{")))
	return err
}

// newTable is the terminal's aligned table.
func newTable(w io.Writer) *tabwriter.Writer { return tabwriter.NewWriter(w, 0, 0, 2, ' ', 0) }

// num prints a metric for the terminal table.
func num(x float64) string { return results.FormatNumber(x) }

func pvalue(p float64) string {
	switch {
	case math.IsNaN(p):
		return "NA"
	case p < 1e-4:
		return "<0.0001"
	default:
		return fmt.Sprintf("%.4f", p)
	}
}
