package experiments_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/cisim/cisim/experiments"
	"github.com/cisim/cisim/results"
	"github.com/cisim/cisim/scenarios"
)

func plan(t *testing.T, out string) experiments.Plan {
	t.Helper()
	var scs []experiments.Scenario
	for _, name := range []string{"isolated", "collective-impact"} {
		l, err := scenarios.Load(name, []string{"horizon.years=2"})
		if err != nil {
			t.Fatal(err)
		}
		y, _ := l.YAML()
		scs = append(scs, experiments.Scenario{Name: name, Scenario: l.Scenario, Resolved: y})
	}
	return experiments.Plan{Command: "test", Reproduce: "test", Scenarios: scs, Seed: 5, Runs: 12, Shards: 1, Workers: 3, Out: out}
}

func read(t *testing.T, dir string, files ...string) map[string]string {
	t.Helper()
	m := map[string]string{}
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		m[f] = string(b)
	}
	return m
}

var resultFiles = []string{"summary.csv", "timeseries.csv", "comparison.csv", "comparison.json", "report.html",
	"plots/timeseries_outcome_rate.svg", "plots/timeseries_outcome_rate.png", "plots/final_outcome_rate.png"}

// Interrupted after 2 of 12 replicates: the finished replicates are kept,
// the manifest says partial, no file of a finished run is left looking
// complete, and resuming gives exactly the uninterrupted run's files.
func TestInterruptedThenResumedEqualsUninterrupted(t *testing.T) {
	whole := t.TempDir()
	if _, err := experiments.Run(context.Background(), plan(t, whole)); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	m, err := runInterrupted(plan(t, dir), 2)
	if !errors.Is(err, experiments.ErrInterrupted) {
		t.Fatalf("want ErrInterrupted, got %v", err)
	}
	if m.Status != results.StatusPartial || m.Done < 2 || m.Done >= 12 {
		t.Fatalf("manifest after interrupt: status %s, done %d", m.Status, m.Done)
	}
	rows := 0
	f, _ := os.Open(filepath.Join(dir, "summary.csv"))
	results.ReadSummary(f, func(results.Record) error { rows++; return nil })
	f.Close()
	if rows != 2*m.Done {
		t.Errorf("summary holds %d rows for %d finished replicates of 2 scenarios", rows, m.Done)
	}
	for _, f := range []string{"timeseries.csv", "report.html", "comparison.csv"} {
		if _, serr := os.Stat(filepath.Join(dir, f)); serr == nil {
			t.Errorf("%s written for a partial run", f)
		}
	}
	prev, err := results.ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	if m, err = experiments.Resume(context.Background(), dir, plan(t, dir), prev); err != nil {
		t.Fatal(err)
	}
	if m.Status != results.StatusComplete || m.Done != 12 {
		t.Fatalf("after resume: status %s, done %d", m.Status, m.Done)
	}
	sameFiles(t, whole, dir, resultFiles, "the resumed and the uninterrupted run")
}

// withoutRace skips t under the race detector. It marks the tests whose
// subject is what a run leaves in its folder (a failed finish, an earlier
// experiment's files), not how the runner shares out its work: under -race
// each of their three finishes is mostly its plots' PNG encoding, some
// fifteen seconds. The runner's concurrent paths are race-checked by the
// interrupted and resumed runs and sweeps, which finish too, and .ci/run
// runs this package again without -race, where every test runs.
func withoutRace(t *testing.T) {
	t.Helper()
	if raceDetector {
		t.Skip("checked without -race (.ci/run runs the package so): not a test of how the work is shared out")
	}
}

// runInterrupted runs p on one worker and cancels it once after units are
// done. The runner hands out at most 8·workers·scenarios jobs ahead of the
// rows it has written, so with one worker and two scenarios it is at most
// 8 units (and the job in hand) past the cancel: a plan of 12 units
// cancelled after 2 cannot finish first, however the goroutines are
// scheduled.
func runInterrupted(p experiments.Plan, after int) (*results.Manifest, error) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	p.Workers = 1
	p.Progress = func(done, total int) {
		if done >= after {
			cancel()
		}
	}
	return experiments.Run(ctx, p)
}

// sameFiles checks that files are equal in folders a and b.
func sameFiles(t *testing.T, a, b string, files []string, what string) {
	t.Helper()
	want, got := read(t, a, files...), read(t, b, files...)
	for _, f := range files {
		if want[f] != got[f] {
			t.Errorf("%s differs between %s", f, what)
		}
	}
}
