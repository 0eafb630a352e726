package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/cisim/cisim/calibrate"
	"github.com/cisim/cisim/experiments"
	"github.com/cisim/cisim/results"
	"github.com/cisim/cisim/scenarios"
	"github.com/cisim/cisim/sim"
	"github.com/cisim/cisim/targets"
)

// defaultCalibrated are the parameters `cisim calibrate` fits unless told
// otherwise: the ten that drive the evidence pack's statistics
// (docs/CALIBRATION.md says why each).
var defaultCalibrated = []string{
	"params.population.natural_rate", "params.delivery.progress_max", "params.beneficiary.take_up_base",
	"params.beneficiary.dropout_max", "params.engagement.effect", "params.trust.gain", "params.trust.loss",
	"params.membership.exit_hazard", "params.decisions.agree_trust", "params.conflict.rate",
}

// calibrateHidden are the experiment flags calibrate does not take.
var calibrateHidden = []string{"resume", "checkpoint", "format", "posterior", "json"}

type calibrateOptions struct {
	experimentOptions
	targets        string
	params         []string
	particles      int
	datasets       int
	tolerance      float64
	maxGenerations int
	minAccept      float64
	predictive     int
	fitGoals       bool
	alpha          float64
	command        string // the command line, as given
	merge          bool
}

func calibrateFlags(o *calibrateOptions) *pflag.FlagSet {
	fs := experimentFlags("cisim calibrate", &o.experimentOptions, 10)
	fs.Lookup("runs").Usage = "replicates of every design per pseudo-dataset of a particle"
	fs.Lookup("out").DefValue, o.out = "cisim-calibration", "cisim-calibration"
	for _, name := range calibrateHidden {
		_ = fs.MarkHidden(name)
	}
	fs.Lookup("workers").Usage = "goroutines simulating particles (0: all cores); results do not depend on it"
	fs.Lookup("shard").Usage = "simulate slice i/n of the current generation's particles (also from SLURM_ARRAY_TASK_ID/COUNT or JOB_COMPLETION_INDEX with CISIM_SHARDS); then --merge"
	fs.StringVar(&o.targets, "targets", "evidence", "a targets file, or a built-in pack (cisim targets list)")
	fs.StringSliceVar(&o.params, "params", defaultCalibrated, "the uncertain numbers to calibrate, comma-separated (the others keep being drawn from their distributions)")
	fs.IntVar(&o.particles, "particles", 200, "particles N")
	fs.IntVar(&o.datasets, "datasets", 1, "pseudo-datasets M per particle (each --runs replicates of every design)")
	fs.Float64Var(&o.tolerance, "tolerance", 0, "stop once the tolerance ε reaches this distance")
	fs.IntVar(&o.maxGenerations, "generations", 12, "stop after this many generations after the prior's (generation 0)")
	fs.Float64Var(&o.minAccept, "min-acceptance", 0.015, "stop once a generation accepts fewer of its moves")
	fs.IntVar(&o.predictive, "predictive", 100, "posterior draws in the posterior predictive check")
	fs.Float64Var(&o.alpha, "alpha", 0.9, "share of the effective sample size each generation keeps (Del Moral et al.'s α): lower reaches a small tolerance in fewer generations, with fewer particles left to move")
	fs.Lookup("point").Usage = "run the uncertain numbers that are not calibrated at their point values (less noise; the posterior is then conditional on them)"
	fs.BoolVar(&o.fitGoals, "fit-goals", false, "fit targets of kind goal too (by default they are checked, never fitted: a goal is not evidence)")
	fs.BoolVar(&o.merge, "merge", false, "merge the shards' simulations of the current generation and stop (job arrays: docs/CALIBRATION.md)")
	return fs
}

// calibrateCommand is cisim calibrate: ABC-SMC of the uncertain
// parameters against a targets file.
func calibrateCommand(ctx context.Context, a *app, args []string) error {
	var o calibrateOptions
	fs := calibrateFlags(&o)
	if isHelp(args) {
		fmt.Fprint(a.stdout, "Usage: cisim calibrate [SCENARIO…] [--targets FILE|NAME] [--params KEY,…] [flags]\n\n"+
			"Fits the uncertain parameters to published evidence (or your own monitoring data) by approximate\n"+
			"Bayesian computation (adaptive sequential Monte Carlo): writes the posterior, the tolerance schedule,\n"+
			"what each parameter learned and a posterior predictive check per target (docs/CALIBRATION.md).\n"+
			"SCENARIO… default to the designs the targets name. Use the posterior with --posterior on any\n"+
			"experiment command.\n\nFlags:\n"+fs.FlagUsages())
		return nil
	}
	if err := fs.Parse(args); err != nil {
		return badUsage("cisim calibrate: %v", err)
	}
	o.command = commandLine("calibrate", args)
	for _, name := range calibrateHidden {
		if fs.Changed(name) {
			return badUsage("cisim calibrate: --%s is not a flag of calibrate (run the same command again to resume it; use --posterior on the experiment commands)", name)
		}
	}
	s, err := o.setup(fs, fs.Args())
	if err != nil {
		return err
	}
	shard, shards, err := o.parseShard(o.particles)
	if err != nil {
		return badUsage("cisim calibrate: %v", err)
	}
	if o.merge && shards > 1 { // a shard's merge once exited 0 having merged nothing
		from := "--shard " + o.shard
		if o.shard == "" {
			from = o.shardEnv + " (a job array's task)"
		}
		return badUsage("cisim calibrate: --merge merges every shard's simulations, once, after they all finish; run it without %s", from)
	}
	o.noteShard(a.stderr, "calibrate")
	return runCalibration(ctx, a, s, &o, calibrate.Options{Out: o.out, Workers: cores(o.workers), Shard: shard, Shards: shards, Merge: o.merge, AnyBuild: o.force})
}

// setup checks the options and loads the targets and designs.
func (o *calibrateOptions) setup(fs *pflag.FlagSet, names []string) (*calibrate.Setup, error) {
	switch {
	case o.particles < 2 || o.particles > 100000:
		return nil, badUsage("cisim calibrate: invalid --particles %d (allowed: 2 to 100000)", o.particles)
	case o.datasets < 1 || o.datasets > 100:
		return nil, badUsage("cisim calibrate: invalid --datasets %d (allowed: 1 to 100)", o.datasets)
	case o.runs < 1 || o.runs > 10000:
		return nil, badUsage("cisim calibrate: invalid --runs %d (allowed: 1 to 10000)", o.runs)
	case math.IsNaN(o.tolerance) || o.tolerance < 0 || math.IsInf(o.tolerance, 0):
		return nil, badUsage("cisim calibrate: invalid --tolerance %v (allowed: a distance ≥ 0)", o.tolerance)
	case o.maxGenerations < 1 || o.maxGenerations > 1000:
		return nil, badUsage("cisim calibrate: invalid --generations %d (allowed: 1 to 1000)", o.maxGenerations)
	case math.IsNaN(o.minAccept) || o.minAccept < 0 || o.minAccept >= 1:
		return nil, badUsage("cisim calibrate: invalid --min-acceptance %v (allowed: 0 to below 1)", o.minAccept)
	case o.predictive < 2 || o.predictive > 100000:
		return nil, badUsage("cisim calibrate: invalid --predictive %d (allowed: 2 to 100000)", o.predictive)
	case math.IsNaN(o.alpha) || o.alpha <= 0 || o.alpha >= 1:
		return nil, badUsage("cisim calibrate: invalid --alpha %v (allowed: above 0 and below 1)", o.alpha)
	}
	if err := o.check("calibrate", fs); err != nil {
		return nil, err
	}
	tf, err := targets.Load(o.targets)
	if err != nil {
		return nil, usageError{fmt.Errorf("--targets %w", err)}
	}
	if len(names) == 0 {
		if names, err = builtinDesigns(tf); err != nil {
			return nil, err
		}
	}
	if len(names) == 0 {
		return nil, badUsage("cisim calibrate: the targets name no design; give the scenarios to calibrate")
	}
	priors, err := loadScenarios(names, o.overrides(), false, "")
	if err != nil {
		return nil, err
	}
	scs := priors
	if o.point { // the numbers not calibrated at their point values
		if scs, err = loadScenarios(names, o.overrides(), true, ""); err != nil {
			return nil, err
		}
	}
	return o.newSetup(tf, priors, scs)
}

// newSetup is the calibration of the designs scs, with the priors of the
// same designs' distributions (scs may fix the other numbers).
func (o *calibrateOptions) newSetup(tf *targets.File, priors, scs []experiments.Scenario) (*calibrate.Setup, error) {
	var designs []string
	ticks := math.MaxInt
	for _, sc := range scs {
		designs = append(designs, sc.Name)
		ticks = min(ticks, sc.Scenario.Ticks())
	}
	ts := tf.Targets
	if err := targets.Fit(tf, designs, ticks, o.runs); err != nil {
		return nil, usageError{err}
	}
	fitted := make([]bool, len(ts))
	any := false
	for k, t := range ts {
		fitted[k] = (t.Kind != targets.Goal || o.fitGoals) && t.Weight > 0
		any = any || fitted[k]
	}
	if !any {
		return nil, usageError{fmt.Errorf("--targets %s: no target to fit (goals are not fitted without --fit-goals; weights of 0 are not fitted)", tf.Origin)}
	}
	params, err := calibrate.ChooseParams(priors, o.params)
	if err != nil {
		return nil, usageError{err}
	}
	if o.point { // at point values but for the calibrated numbers, which the particles set
		for d := range scs {
			scs[d].Scenario.Uncertain = nil
			for _, p := range params {
				scs[d].Scenario.Uncertain = append(scs[d].Scenario.Uncertain, sim.Uncertain{Key: p.Key, Dist: p.Prior})
			}
		}
	}
	minAccept := o.minAccept
	if minAccept == 0 {
		minAccept = -1 // abc: never stop on the acceptance rate
	}
	return &calibrate.Setup{Designs: scs, Targets: ts, Fitted: fitted, Origin: tf.Origin, TargetsSHA256: tf.SHA256, Params: params,
		Particles: o.particles, Datasets: o.datasets, Replicates: o.runs, Tolerance: o.tolerance,
		MaxGens: o.maxGenerations, MinAccept: minAccept, Alpha: o.alpha, Seed: o.seed, Predictive: o.predictive}, nil
}

// runCalibration runs it with progress, and prints what it found.
func runCalibration(ctx context.Context, a *app, s *calibrate.Setup, o *calibrateOptions, opts calibrate.Options) error {
	lock, err := prepareFolder(opts, o.force)
	if err != nil {
		return err
	}
	defer lock.Close()
	if err = calibrate.CheckState(opts.Out, s, opts); err != nil { // before the manifest says what runs here
		return usageError{fmt.Errorf("cisim calibrate: %w", err)}
	}
	if prev, rerr := results.ReadManifest(opts.Out); rerr == nil && prev.Subcommand == "calibrate" && !o.force {
		if err = prev.SameBuild(opts.Out); err != nil { // its generations would be of two builds
			return usageError{fmt.Errorf("cisim calibrate: %w", err)}
		}
	}
	prog := newProgress(a.stderr, o.quiet, "particles")
	gen := -2 // no stage yet (−1 is the predictive check)
	opts.Progress = func(p calibrate.Progress) {
		if p.Generation != gen {
			gen = p.Generation
			prog.done()
			prog = newProgress(a.stderr, o.quiet, stage(p))
		}
		prog.update(p.Done, p.Total)
	}
	start := time.Now()
	m := o.manifest(s, start)
	if opts.Shards <= 1 {
		if err = results.WriteManifest(opts.Out, m); err != nil {
			return fmt.Errorf("cisim calibrate: %w", err)
		}
	}
	out, err := calibrate.Run(ctx, s, opts)
	prog.done()
	if out != nil {
		m.Status, m.Finished, m.Files = results.StatusComplete, time.Now().UTC(), out.Files
		m.Seconds = m.Finished.Sub(m.Started).Seconds()
		if err = results.WriteManifest(opts.Out, m); err != nil {
			return fmt.Errorf("cisim calibrate: %w", err)
		}
	}
	if out == nil || err != nil {
		return calibrationStopped(ctx, a, o, opts, err)
	}
	if !o.quiet {
		fmt.Fprintf(a.stderr, "cisim calibrate: generation 0 (the prior) and %d more, %d model runs and %d for the predictive check in %s; files in %s\n",
			len(out.State.Generations)-1, out.State.Simulations, s.Predictive*s.Replicates*len(s.Designs), time.Since(start).Round(time.Second), opts.Out)
	}
	return printCalibration(a.stdout, s, out)
}

// prepareFolder locks the output folder (shared by a generation's shards,
// whole otherwise), refuses someone else's files and removes what a killed
// calibration was writing.
func prepareFolder(opts calibrate.Options, force bool) (*os.File, error) {
	if err := results.CheckWritable(opts.Out); err != nil { // as the experiments say it: bad input
		return nil, usageError{fmt.Errorf("cisim calibrate: %w", err)}
	}
	lockFolder := results.Lock
	if opts.Shards > 1 {
		lockFolder = results.LockShared // shards of a generation run at once, each into its own log
	}
	lock, err := lockFolder(opts.Out)
	if errors.Is(err, results.ErrBusy) {
		return nil, usageError{fmt.Errorf("cisim calibrate: %w", err)}
	}
	if err != nil {
		return nil, fmt.Errorf("cisim calibrate: %w", err)
	}
	if err = calibrate.CheckOutput(opts.Out, force); err != nil {
		lock.Close()
		return nil, usageError{fmt.Errorf("cisim calibrate: %w", err)}
	}
	if opts.Shards <= 1 {
		if err = results.RemoveStale(opts.Out, ""); err != nil {
			lock.Close()
			return nil, fmt.Errorf("cisim calibrate: %w", err)
		}
	}
	return lock, nil
}

// calibrationStopped says why a calibration wrote no outputs this time: a
// shard's or a merge's part done, the calibration already finished, an
// interruption or a failure.
func calibrationStopped(ctx context.Context, a *app, o *calibrateOptions, opts calibrate.Options, err error) error {
	say := func(format string, args ...any) error {
		if !o.quiet {
			fmt.Fprintf(a.stderr, "cisim calibrate: "+format+"\n", args...)
		}
		return nil
	}
	switch {
	case errors.Is(err, calibrate.ErrFinished):
		return say("the calibration in %s is finished; run without --shard to write its files", opts.Out)
	case errors.Is(err, calibrate.ErrShardDone):
		return say("shard %d/%d of this generation done in %s; when every shard is, run: cisim calibrate … --out %s --merge, then the shards of the next generation",
			opts.Shard, opts.Shards, opts.Out, opts.Out)
	case ctx.Err() != nil:
		return interruptedError{fmt.Errorf("cisim calibrate: interrupted; what was simulated is saved in %s; finish with the same command", opts.Out)}
	case err != nil:
		var u usageError
		if errors.As(err, &u) {
			return err
		}
		if _, early := errors.AsType[*calibrate.MergeError](err); early {
			return usageError{fmt.Errorf("cisim calibrate: %w", err)}
		}
		return fmt.Errorf("cisim calibrate: %w", err)
	}
	return say("generation merged into %s; run the next generation's shards", opts.Out)
}

func printCalibration(w io.Writer, s *calibrate.Setup, out *calibrate.Outcome) error {
	fmt.Fprintf(w, "Calibrated to %s: stopped because %s.\n\n", s.Origin, out.State.Reason)
	tw := newTable(w)
	fmt.Fprintln(tw, "target\tkind\tfigure\tpredicted (5% to 95%)\tcheck")
	for _, c := range out.Checks {
		t := &s.Targets[c.Target]
		verdict := "pass"
		if !c.Pass {
			verdict = "FAIL"
		}
		if !s.Fitted[c.Target] {
			verdict += " (not fitted)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s (%s to %s)\t%s\n", t.Name, t.Kind, t.Figure(), num(c.P50), num(c.P05), num(c.P95), verdict)
	}
	fmt.Fprintln(tw)
	fmt.Fprintln(tw, "parameter\tprior median (5% to 95%)\tposterior median (5% to 95%)\tlearned")
	for _, l := range out.Learned {
		fmt.Fprintf(tw, "%s\t%s (%s to %s)\t%s (%s to %s)\t%s\n", strings.TrimPrefix(l.Key, "params."),
			num(l.PriorQ[1]), num(l.PriorQ[0]), num(l.PriorQ[2]), num(l.PostQ[1]), num(l.PostQ[0]), num(l.PostQ[2]), calibrate.Narrower(l.Shrinkage))
	}
	return tw.Flush()
}

// cores is the number of workers: all cores for 0.
func cores(w int) int {
	if w <= 0 {
		return runtime.GOMAXPROCS(0)
	}
	return w
}

// stage names what a calibration is simulating, for its progress line.
func stage(p calibrate.Progress) string {
	switch {
	case p.Generation < 0:
		return "posterior draws of the predictive check"
	case p.Generation == 0:
		return "particles of generation 0 (the prior)"
	}
	return fmt.Sprintf("particles of generation %d (ε %s)", p.Generation, results.FormatNumber(p.Tolerance))
}

// builtinDesigns are the designs a targets file names, when no scenario is
// given: each must be a built-in one.
func builtinDesigns(tf *targets.File) ([]string, error) {
	for _, t := range tf.Targets {
		for _, d := range t.Designs() {
			if d != "" && !scenarios.IsBuiltin(d) {
				return nil, usageError{&scenarios.Error{File: tf.Origin, Line: t.Line, Column: t.Column,
					Msg: fmt.Sprintf("target %s: design %q is no built-in scenario (cisim scenarios list); give its file on the command line", t.Name, d)}}
			}
		}
	}
	return tf.Designs(), nil
}

// manifest is what manifest.json says of a calibration: the command, the
// command that reproduces it, the designs and the targets (status running
// until it has written its files).
func (o *calibrateOptions) manifest(s *calibrate.Setup, start time.Time) *results.Manifest {
	version, commit := results.BuildVersion()
	m := &results.Manifest{Tool: "cisim", Version: version, Commit: commit, Command: o.command, Subcommand: "calibrate",
		Reproduce: o.reproduce(s), Status: results.StatusRunning, Seed: s.Seed, Runs: s.Replicates, Workers: cores(o.workers),
		Started: start.UTC(), Targets: s.Origin + " (sha256 " + s.TargetsSHA256 + ")"}
	for _, d := range s.Designs {
		m.Scenarios = append(m.Scenarios, results.ManifestScenario{Name: d.Name, SHA256: results.ScenarioHash(d.Resolved), Resolved: string(d.Resolved)})
	}
	return m
}

// reproduce is the command that gives the same calibration on any machine.
func (o *calibrateOptions) reproduce(s *calibrate.Setup) string {
	args := []string{"calibrate"}
	for _, d := range s.Designs {
		args = append(args, d.Name)
	}
	keys := make([]string, len(s.Params))
	for k, p := range s.Params {
		keys[k] = p.Key
	}
	args = append(args, "--targets", o.targets, "--params", strings.Join(keys, ","), "--particles", fmt.Sprint(o.particles),
		"--datasets", fmt.Sprint(o.datasets), "--generations", fmt.Sprint(o.maxGenerations), "--tolerance", fmt.Sprint(o.tolerance),
		"--alpha", fmt.Sprint(o.alpha), "--min-acceptance", fmt.Sprint(o.minAccept), "--predictive", fmt.Sprint(o.predictive))
	if o.fitGoals {
		args = append(args, "--fit-goals")
	}
	return commandLine(args[0], append(args[1:], o.reproduceFlags()...))
}
