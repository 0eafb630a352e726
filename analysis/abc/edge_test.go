package abc_test

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/cisim/cisim/analysis/abc"
)

// constant is a simulator whose every pseudo-dataset has distance d.
func constant(m int, d float64) abc.Simulator {
	return func(context.Context, []float64, abc.SimKey) ([]float64, error) {
		out := make([]float64, m)
		for j := range out {
			out[j] = d
		}
		return out, nil
	}
}

// TestAllFailed: when every simulation of generation 0 fails there is no
// tolerance to choose, and Run says why.
func TestAllFailed(t *testing.T) {
	cfg := abc.Config{Seed: 1, Parameters: 2, Particles: 50, Datasets: 2, Target: 0.1}
	pops, err := abc.Run(context.Background(), cfg, constant(2, math.Inf(1)), 2, nil)
	if err == nil || !strings.Contains(err.Error(), "every simulation failed") || len(pops) != 1 {
		t.Fatalf("got %d generations and error %v, want generation 0 and \"every simulation failed\"", len(pops), err)
	}
	if done, why := abc.Done(cfg, pops[0]); done {
		t.Errorf("Done(generation 0) = true, %q; want false, so that Prepare's error is seen", why)
	}
}

// TestProposalsFail: when every proposal of a generation fails, every
// particle stays as it was, the acceptance rate is 0 and the run stops.
func TestProposalsFail(t *testing.T) {
	cfg := abc.Config{Seed: 1, Parameters: 1, Particles: 200, Datasets: 2, Target: 0.01}
	good := normalMean(4, 20, 0.8, 2, 0)
	sim := func(ctx context.Context, z []float64, key abc.SimKey) ([]float64, error) {
		if key.Generation >= 3 {
			return []float64{math.Inf(1), math.Inf(1)}, nil
		}
		return good(ctx, z, key)
	}
	pops := run(t, cfg, sim, 2)
	last := pops[len(pops)-1]
	if last.Generation != 3 || last.Acceptance != 0 {
		t.Fatalf("stopped at generation %d with acceptance %v, want 3 and 0", last.Generation, last.Acceptance)
	}
	plan, err := abc.Prepare(cfg, pops[2])
	if err != nil {
		t.Fatal(err)
	}
	if string(mustJSON(plan.Particles)) != string(mustJSON(last.Particles)) {
		t.Error("generation 3's particles are not its plan's, though every proposal failed")
	}
	if done, why := abc.Done(cfg, last); !done || !strings.HasPrefix(why, "acceptance rate 0 below 0.015") {
		t.Errorf("Done = %v, %q; want the acceptance rate", done, why)
	}
}

// TestWithinTolerance: in a run where pseudo-datasets fail at random,
// every particle of positive weight has a pseudo-dataset within its
// generation's tolerance, and the weights sum to 1.
func TestWithinTolerance(t *testing.T) {
	for _, pop := range run(t, smallConfig, pairSum(9, smallConfig.Datasets), 2)[1:] {
		var sum float64
		for i, p := range pop.Particles {
			sum += p.Weight
			if p.Weight > 0 && !slicesAny(p.Distances, func(d float64) bool { return d < pop.Tolerance }) {
				t.Fatalf("generation %d, particle %d: weight %v but distances %v, none below ε = %v", pop.Generation, i, p.Weight, p.Distances, pop.Tolerance)
			}
		}
		if math.Abs(sum-1) > 1e-12 {
			t.Fatalf("generation %d: weights sum to %v", pop.Generation, sum)
		}
	}
}

// TestSingleParticle: one particle with one pseudo-dataset cannot lower
// the tolerance (any ε below its distance drops it), which Done says;
// with three pseudo-datasets it can, and its covariance is 0, so the walk
// falls back to the prior's scale.
func TestSingleParticle(t *testing.T) {
	cfg := abc.Config{Seed: 1, Parameters: 2, Particles: 1, Target: 0.01}
	pops := run(t, cfg, normalMean(4, 20, 0.8, 1, 0), 1)
	if done, why := abc.Done(cfg, pops[len(pops)-1]); len(pops) != 1 || !done || !strings.HasPrefix(why, "the tolerance cannot fall further") {
		t.Errorf("N=1, M=1: %d generations, Done %v %q; want generation 0 and the tolerance stuck", len(pops), done, why)
	}
	cfg.Datasets = 3
	pops = run(t, cfg, normalMean(4, 20, 0.8, 3, 0), 1)
	if len(pops) < 2 {
		t.Fatalf("N=1, M=3: %d generations, want a move", len(pops))
	}
	plan, err := abc.Prepare(cfg, pops[0])
	if err != nil {
		t.Fatal(err)
	}
	if !plan.Diagonal || plan.Factor[0][0] != math.Sqrt2 || plan.Factor[1][1] != math.Sqrt2 {
		t.Errorf("N=1: factor %v (diagonal %v), want √2·I, the prior's variance doubled", plan.Factor, plan.Diagonal)
	}
}

// TestDegenerateCovariance: particles that all share a value in one
// coordinate, or fewer particles than parameters, have a singular
// covariance; the walk is then diagonal, with the particles' variance
// where it is positive and the prior's where it is 0.
func TestDegenerateCovariance(t *testing.T) {
	cfg := abc.Config{Seed: 1, Parameters: 3, Particles: 4, Target: 0.01}
	// z₂ is 1 for all; z₁ is ±1 with equal weights: variance 1; z₃ = z₁.
	var ps []abc.Particle
	for i, x := range []float64{1, -1, 1, -1} {
		ps = append(ps, abc.Particle{Z: []float64{x, 1, x}, Distances: []float64{float64(i + 1)}, Weight: 0.25})
	}
	pop := abc.Population{Generation: 1, Tolerance: 10, Particles: ps, ESS: 4}
	plan, err := abc.Prepare(cfg, pop)
	if err != nil {
		t.Fatal(err)
	}
	if !plan.Diagonal {
		t.Fatalf("factor %v, want the diagonal fallback", plan.Factor)
	}
	for k := range 3 {
		// The plan keeps the particles of distance < ε; whichever they
		// are, z₂'s variance is 0 and the others' are positive.
		if l := plan.Factor[k][k]; k == 1 && l != math.Sqrt2 || k != 1 && !(l > 0) {
			t.Errorf("L[%d][%d] = %v, want %s", k, k, l, map[bool]string{true: "√2 (the prior's variance, doubled)", false: "> 0"}[k == 1])
		}
	}
	for i := range ps {
		if plan.Moves(i) {
			if z := abc.Propose(cfg, plan, i); z[1] == 1 {
				t.Errorf("particle %d: proposal %v does not move z₂", i, z)
			}
		}
	}
}

// TestTargetAtGenerationZero: when every prior draw is already within the
// target, generation 1 goes straight to it, moves once, and the run stops.
func TestTargetAtGenerationZero(t *testing.T) {
	cfg := abc.Config{Seed: 1, Parameters: 1, Particles: 100, Target: 0.5}
	pops := run(t, cfg, constant(1, 0.1), 2)
	if len(pops) != 2 || pops[1].Tolerance != 0.5 || pops[1].Resampled || pops[1].Acceptance == 0 {
		t.Fatalf("%d generations, ε₁ = %v, resampled %v, acceptance %v; want 2, 0.5, no resampling, some accepted", len(pops), pops[len(pops)-1].Tolerance, pops[len(pops)-1].Resampled, pops[len(pops)-1].Acceptance)
	}
	if done, why := abc.Done(cfg, pops[1]); !done || why != "target tolerance 0.5 reached" {
		t.Errorf("Done = %v, %q", done, why)
	}
}

// TestBadSimulations: a simulator's error, a wrong number of distances and
// a NaN distance each stop the run with the particle named.
func TestBadSimulations(t *testing.T) {
	cfg := abc.Config{Seed: 1, Parameters: 1, Particles: 20, Datasets: 2, Target: 0.01}
	boom := errors.New("boom")
	for _, tc := range []struct {
		name string
		out  []float64
		err  error
		want string
	}{
		{"error", nil, boom, "abc: generation 0, particle 7 (prior draw): boom"},
		{"count", []float64{1}, nil, "abc: generation 0, particle 7 (prior draw): 1 distances, want one per pseudo-dataset (2)"},
		{"NaN", []float64{1, math.NaN()}, nil, "abc: generation 0, particle 7 (prior draw): distance 1 is NaN, want ≥ 0 or +Inf"},
		{"negative", []float64{-1, 1}, nil, "abc: generation 0, particle 7 (prior draw): distance 0 is -1, want ≥ 0 or +Inf"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sim := func(_ context.Context, _ []float64, key abc.SimKey) ([]float64, error) {
				if key.Particle == 7 {
					return tc.out, tc.err
				}
				return []float64{1, 1}, nil
			}
			_, err := abc.Run(context.Background(), cfg, sim, 1, nil)
			if err == nil || err.Error() != tc.want || tc.err != nil && !errors.Is(err, tc.err) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
}

// TestFinishRefusesForeignParticles: particles moved under another seed's
// plan, or changed, cannot be merged.
func TestFinishRefusesForeignParticles(t *testing.T) {
	pops := run(t, smallConfig, pairSum(9, smallConfig.Datasets), 2)
	other := smallConfig
	other.Seed++
	plan, err := abc.Prepare(smallConfig, pops[2])
	if err != nil {
		t.Fatal(err)
	}
	moved := make([]abc.Particle, smallConfig.Particles)
	for i := range moved {
		moved[i] = abc.Move(smallConfig, plan, i, []float64{0, 0, 0}) // every proposal within ε
	}
	if _, err := abc.Finish(other, plan, moved); err == nil || !strings.Contains(err.Error(), "neither the plan's particle nor its proposal") {
		t.Errorf("another seed's merge: error %v", err)
	}
	if _, err := abc.Finish(smallConfig, plan, moved[1:]); err == nil {
		t.Error("a merge with a particle missing succeeded")
	}
	if _, err := abc.Finish(smallConfig, plan, moved); err != nil {
		t.Errorf("the right merge: %v", err)
	}
}

// TestConfigValidate names each impossible setting.
func TestConfigValidate(t *testing.T) {
	ok := abc.Config{Parameters: 1, Particles: 10, Target: 0.1}
	for _, tc := range []struct {
		edit func(*abc.Config)
		want string
	}{
		{func(c *abc.Config) { c.Parameters = 0 }, "0 parameters"},
		{func(c *abc.Config) { c.Particles = -1 }, "-1 particles"},
		{func(c *abc.Config) { c.Datasets = -2 }, "-2 pseudo-datasets"},
		{func(c *abc.Config) { c.Target = math.NaN() }, "target tolerance NaN"},
		{func(c *abc.Config) { c.Target = math.Inf(1) }, "target tolerance +Inf"},
		{func(c *abc.Config) { c.Alpha = 1 }, "alpha 1"},
		{func(c *abc.Config) { c.MinAcceptance = 1 }, "minimum acceptance rate 1"},
		{func(c *abc.Config) { c.MaxGenerations = -1 }, "-1 generations"},
	} {
		c := ok
		tc.edit(&c)
		if err := c.Validate(); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("error %v, want one with %q", err, tc.want)
		}
	}
	if err := ok.Validate(); err != nil {
		t.Error(err)
	}
}

func slicesAny(x []float64, f func(float64) bool) bool {
	for _, v := range x {
		if f(v) {
			return true
		}
	}
	return false
}
