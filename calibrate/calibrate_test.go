package calibrate

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cisim/cisim/experiments"
	"github.com/cisim/cisim/results"
	"github.com/cisim/cisim/scenarios"
	"github.com/cisim/cisim/sim"
	"github.com/cisim/cisim/targets"
)

// small is a design cut down so that a calibration runs in seconds: 150
// young people over two years.
func small(t testing.TB, name string) experiments.Scenario {
	t.Helper()
	l, err := scenarios.Load(name, []string{"beneficiaries.count=150", "horizon.years=2"})
	if err != nil {
		t.Fatal(err)
	}
	return experiments.Scenario{Name: name, Scenario: l.Scenario}
}

const smallTargets = `name: small
targets:
  - name: trust
    statistic: mean
    design: collective-impact
    metric: mean_trust
    year: 2
    interval: [0.45, 0.5]
    kind: assumed
    source: "a test"
  - name: exit
    statistic: yearly_exit
    design: isolated
    year: 1
    value: 0.05
    kind: assumed
    source: "a test"
`

func smallSetup(t testing.TB, particles int) *Setup {
	t.Helper()
	f, err := targets.Parse("small.yaml", []byte(smallTargets))
	if err != nil {
		t.Fatal(err)
	}
	designs := []experiments.Scenario{small(t, "isolated"), small(t, "collective-impact")}
	params, err := ChooseParams(designs, []string{"params.trust.gain", "params.population.natural_rate"})
	if err != nil {
		t.Fatal(err)
	}
	s := &Setup{Designs: designs, Targets: f.Targets, Fitted: []bool{true, true}, Origin: f.Origin, Params: params,
		Particles: particles, Datasets: 1, Replicates: 3, MaxGens: 4, Seed: 7, Predictive: 20}
	if err := targets.Fit(f, []string{"isolated", "collective-impact"}, 2*sim.WeeksPerYear, 3); err != nil {
		t.Fatal(err)
	}
	return s
}

// A calibration gives the same state whatever the number of workers, and
// sharded then merged.
func TestCalibrationIsTheSameOnAnyWorkersAndShards(t *testing.T) {
	s := smallSetup(t, 24)
	run := func(o Options) []byte {
		t.Helper()
		o.Out = t.TempDir()
		if o.Shards > 1 {
			for len(mustState(t, o.Out).Generations) < 3 {
				for sh := range o.Shards {
					o.Shard = sh
					if _, err := Run(context.Background(), s, o); err != ErrShardDone {
						t.Fatalf("shard %d: %v", sh, err)
					}
				}
				o.Shards, o.Merge = 0, true
				if _, err := Run(context.Background(), s, o); err != nil {
					t.Fatal(err)
				}
				o.Shards, o.Merge = 3, false
			}
			o.Shards = 0
		}
		if _, err := Run(context.Background(), s, o); err != nil {
			t.Fatal(err)
		}
		var all []byte
		for _, name := range []string{StateFile, PosteriorFile, TolerancesFile, ParametersFile, PredictiveFile, JointFile, ReportFile} {
			b, err := os.ReadFile(filepath.Join(o.Out, name))
			if err != nil {
				t.Fatal(err)
			}
			all = append(all, b...)
		}
		if o.Workers == 1 {
			t.Logf("output in %s", o.Out)
			keep = o.Out
		}
		return all
	}
	one, two, sharded := run(Options{Workers: 1}), run(Options{Workers: 2}), run(Options{Workers: 2, Shards: 3})
	if !bytes.Equal(one, two) {
		t.Error("1 and 2 workers differ")
	}
	if !bytes.Equal(one, sharded) {
		t.Error("sharded and merged differs from one process")
	}
}

var keep string

func mustState(t *testing.T, dir string) *State {
	t.Helper()
	var st State
	b, err := os.ReadFile(filepath.Join(dir, StateFile))
	if errors.Is(err, os.ErrNotExist) {
		return &st
	}
	if err == nil {
		err = json.Unmarshal(b, &st)
	}
	if err != nil {
		t.Fatal(err)
	}
	return &st
}

// A folder holding another calibration, or someone else's files, is
// refused rather than overwritten.
func TestAnotherCalibrationOrOthersFilesAreRefused(t *testing.T) {
	s := smallSetup(t, 4)
	s.MaxGens = 1
	dir := t.TempDir()
	if _, err := Run(context.Background(), s, Options{Out: dir, Workers: 2}); err != nil {
		t.Fatal(err)
	}
	other := *s
	other.Seed++
	if _, err := Run(context.Background(), &other, Options{Out: dir, Workers: 2}); err == nil || !strings.Contains(err.Error(), "holds another calibration") {
		t.Errorf("another calibration into the folder: %v", err)
	}
	theirs := t.TempDir()
	os.WriteFile(filepath.Join(theirs, "thesis.tex"), []byte("mine"), 0o644)
	if err := CheckOutput(theirs, false); err == nil || !strings.Contains(err.Error(), "files of no cisim calibration") {
		t.Errorf("a folder of someone's files: %v", err)
	}
	if err := CheckOutput(theirs, true); err != nil || CheckOutput(dir, false) != nil {
		t.Errorf("--force, or a calibration's own folder, refused: %v", err)
	}
}

// A calibration stopped in generation 0 has saved whose simulations its
// log holds: another calibration into the folder is refused (it once took
// the log's simulations as its own), and so are logs no state names.
func TestAKilledFirstGenerationIsNotAnotherCalibrations(t *testing.T) {
	s := smallSetup(t, 8)
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	stop := func(p Progress) {
		if p.Done == 3 {
			cancel()
		}
	}
	if _, err := Run(ctx, s, Options{Out: dir, Workers: 1, Progress: stop}); !errors.Is(err, context.Canceled) {
		t.Fatalf("the stopped calibration: %v", err)
	}
	if st := mustState(t, dir); st.Fingerprint != s.Fingerprint() || len(st.Generations) != 0 {
		t.Fatalf("state after a stop in generation 0: %+v", st)
	}
	other := smallSetup(t, 8)
	other.Seed++
	if _, err := Run(context.Background(), other, Options{Out: dir, Workers: 1}); err == nil || !strings.Contains(err.Error(), "holds another calibration") {
		t.Errorf("another calibration into a folder stopped in generation 0: %v", err)
	}
	os.Remove(filepath.Join(dir, StateFile))
	if err := CheckState(dir, other, Options{}); err == nil || !strings.Contains(err.Error(), "holds simulations (generation-000.jsonl) but no calibration.json") {
		t.Errorf("logs without a state: %v", err)
	}
}

// Of two calibrations whose first shards start into one folder at once,
// the second to save its state is refused (a rename once let both go on,
// the later's state over the earlier's logs).
func TestTheSecondOfTwoNewCalibrationsIsRefused(t *testing.T) {
	dir := t.TempDir()
	first := &State{Version: stateVersion, Fingerprint: "a"}
	if st, err := first.create(dir, false); err != nil || st.Fingerprint != "a" {
		t.Fatalf("the first: %v", err)
	}
	if st, err := (&State{Version: stateVersion, Fingerprint: "a"}).create(dir, false); err != nil || st.Fingerprint != "a" {
		t.Errorf("a shard of the same calibration: %v", err)
	}
	if _, err := (&State{Version: stateVersion, Fingerprint: "b"}).create(dir, false); err == nil || !strings.Contains(err.Error(), "holds another calibration") {
		t.Errorf("the second calibration: %v", err)
	}
	if tmps, _ := filepath.Glob(filepath.Join(dir, ".*tmp*")); len(tmps) > 0 {
		t.Errorf("temporary files left: %v", tmps)
	}
}

// Shards of generation 0 write no manifest, so the state names the build
// that started the calibration: a shard or a merge of another build is
// refused (shards of two builds once made one generation), unless told
// to carry on anyway (--force).
func TestAnotherBuildsShardIsRefused(t *testing.T) {
	s := smallSetup(t, 8)
	dir := t.TempDir()
	if _, err := Run(context.Background(), s, Options{Out: dir, Workers: 1, Shard: 0, Shards: 2}); err != ErrShardDone {
		t.Fatalf("shard 0: %v", err)
	}
	st := mustState(t, dir)
	if st.Build != results.ThisBuild() {
		t.Fatalf("the state names build %q, want %q", st.Build, results.ThisBuild())
	}
	st.Build = "v0.9.0"
	if err := st.save(dir); err != nil {
		t.Fatal(err)
	}
	want := dir + " was started by cisim v0.9.0 and this is cisim " + results.ThisBuild()
	if _, err := Run(context.Background(), s, Options{Out: dir, Workers: 1, Shard: 1, Shards: 2}); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("shard 1 of another build: %v", err)
	}
	if _, err := Run(context.Background(), s, Options{Out: dir, Workers: 1, Merge: true}); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("a merge of another build: %v", err)
	}
	if err := CheckState(dir, s, Options{}); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("CheckState: %v", err)
	}
	if _, err := Run(context.Background(), s, Options{Out: dir, Workers: 1, Shard: 1, Shards: 2, AnyBuild: true}); err != ErrShardDone {
		t.Errorf("shard 1 told to carry on anyway: %v", err)
	}
	if got := mustState(t, dir).Build; got != "v0.9.0" {
		t.Errorf("carried on, the state names %q; it names the build that started it", got)
	}
}
