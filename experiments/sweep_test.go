package experiments_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/cisim/cisim/experiments"
	"github.com/cisim/cisim/results"
	"github.com/cisim/cisim/sim"
	"github.com/cisim/cisim/uncertain"
)

// sweepPlan is a small sweep of one lever over two designs.
func sweepPlan(t *testing.T, out string) experiments.Plan {
	t.Helper()
	p := plan(t, out)
	sw := &results.Sweep{Method: "grid", Vary: []string{"problem.complementarity=0:1:3"}, Levers: []string{"problem.complementarity"},
		Points: [][]float64{{0}, {0.5}, {1}}}
	at, err := experiments.SweepAt(sw, p.Scenarios)
	if err != nil {
		t.Fatal(err)
	}
	p.Sweep, p.At, p.Runs = sw, at, 4
	return p
}

var sweepFiles = []string{"summary.csv", "timeseries.csv", "points.csv", "comparison.csv", "report.html",
	"plots/sweep_outcome_rate.svg", "plots/sweep_difference_outcome_rate.png"}

// A sweep interrupted part-way and resumed equals the uninterrupted sweep,
// and its points hold every replicate of both designs.
func TestSweepInterruptedThenResumedEqualsUninterrupted(t *testing.T) {
	whole := t.TempDir()
	if _, err := experiments.Run(context.Background(), sweepPlan(t, whole)); err != nil {
		t.Fatal(err)
	}
	pts, err := experiments.ReadPoints(whole, mustManifest(t, whole))
	if err != nil {
		t.Fatal(err)
	}
	if len(pts) != 3 || pts[2].Runs != 4 || len(pts[2].Estimates) != 2 || len(pts[2].Diffs) != 1 || pts[2].Levers[0] != 1 {
		t.Fatalf("points: %+v", pts)
	}
	dir := t.TempDir()
	m, err := runInterrupted(sweepPlan(t, dir), 2)
	if !errors.Is(err, experiments.ErrInterrupted) || m.Done < 2 || m.Done >= 12 {
		t.Fatalf("interrupt: %v, %d of 12 units done", err, m.Done)
	}
	if _, err := experiments.Resume(context.Background(), dir, sweepPlan(t, dir), mustManifest(t, dir)); err != nil {
		t.Fatal(err)
	}
	sameFiles(t, whole, dir, sweepFiles, "the resumed and the uninterrupted sweep")
}

// A point whose scenario the model refuses stops the sweep with an error
// naming the point.
func TestSweepStopsAtAnInvalidPoint(t *testing.T) {
	p := sweepPlan(t, t.TempDir())
	p.At = func(pt, d int) (sim.Scenario, error) {
		if pt == 1 {
			return sim.Scenario{}, errors.New("no such world")
		}
		return p.Scenarios[d].Scenario, nil
	}
	if _, err := experiments.Run(context.Background(), p); err == nil || errors.Is(err, experiments.ErrInterrupted) {
		t.Fatalf("want the point's error, got %v", err)
	}
}

func mustManifest(t *testing.T, dir string) *results.Manifest {
	t.Helper()
	m, err := results.ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// A run whose files fail to be finished (here: plots/ is a file) is left
// partial with every replicate done; --resume then only finishes the
// files, equal to a clean run's.
func TestFinishFailureLeavesAResumableFolder(t *testing.T) {
	withoutRace(t)
	whole := t.TempDir()
	if _, err := experiments.Run(context.Background(), plan(t, whole)); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "plots"), []byte("in the way"), 0o644); err != nil {
		t.Fatal(err)
	}
	p := plan(t, dir)
	p.Force = true // plots is no cisim file
	if _, err := experiments.Run(context.Background(), p); err == nil {
		t.Fatal("finishing into a folder whose plots/ is a file: no error")
	}
	m := mustManifest(t, dir)
	if m.Status != results.StatusPartial || m.Done != 12 {
		t.Fatalf("after the failure: status %s, %d done; want partial, 12", m.Status, m.Done)
	}
	os.Remove(filepath.Join(dir, "plots"))
	if _, err := experiments.Resume(context.Background(), dir, plan(t, dir), m); err != nil {
		t.Fatal(err)
	}
	sameFiles(t, whole, dir, resultFiles, "the resumed and a clean run")
	// A manifest that disagrees with the summary is refused, not resumed
	// into duplicate rows.
	m = mustManifest(t, dir)
	m.Status, m.Done = results.StatusPartial, 5
	if _, err := experiments.Resume(context.Background(), dir, plan(t, dir), m); err == nil {
		t.Error("resuming a folder whose summary holds more than its manifest says: no error")
	}
}

// A new run into a folder of another experiment removes that
// experiment's files first, so none is left beside the new ones.
func TestNewRunClearsTheOldExperiment(t *testing.T) {
	withoutRace(t)
	dir := t.TempDir()
	if _, err := experiments.Run(context.Background(), plan(t, dir)); err != nil {
		t.Fatal(err)
	}
	p := sweepPlan(t, dir)
	p.Scenarios = p.Scenarios[:1]
	for i := 0; i < 70; i++ { // more points than keep per-tick statistics
		p.Sweep.Points = append(p.Sweep.Points, []float64{float64(i%3) / 2})
	}
	at := p.At
	p.At = func(pt, d int) (sim.Scenario, error) { return at(pt%3, d) }
	if _, err := experiments.Run(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"timeseries.csv", "comparison.csv", "plots/timeseries_outcome_rate.png", "state/scenario-1.acc"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			t.Errorf("%s of the earlier experiment is still there", f)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "points.csv")); err != nil {
		t.Error("the new sweep's points.csv is missing")
	}
}

// A design's posterior (--posterior) is kept at every point of a sweep:
// its file, which the points are built from, does not hold it.
func TestSweepPointsKeepTheDesignsPosterior(t *testing.T) {
	p := plan(t, t.TempDir())
	post := &uncertain.Posterior{Source: "test", Keys: []string{"params.trust.gain"}, Particles: [][]float64{{0.07}}, Weights: []float64{1}}
	for i := range p.Scenarios {
		p.Scenarios[i].Scenario.Posterior = post
	}
	sw := &results.Sweep{Method: "grid", Levers: []string{"problem.complementarity"}, Points: [][]float64{{0}, {1}}}
	at, err := experiments.SweepAt(sw, p.Scenarios)
	if err != nil {
		t.Fatal(err)
	}
	for pt := range sw.Points {
		for d := range p.Scenarios {
			if sc, err := at(pt, d); err != nil || sc.Posterior != post {
				t.Errorf("point %d, design %d: posterior %v (%v)", pt, d, sc.Posterior, err)
			}
		}
	}
}
