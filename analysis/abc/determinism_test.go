package abc_test

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/cisim/cisim/analysis/abc"
)

// pairSum is a 2-parameter model with M pseudo-datasets of which about a
// tenth fail: the statistic z₁ + z₂/2 + N(0, 0.2²) against 0.3.
func pairSum(seed uint64, m int) abc.Simulator {
	return func(_ context.Context, z []float64, key abc.SimKey) ([]float64, error) {
		r := rand.New(rand.NewChaCha8(key.Key(seed)))
		d := make([]float64, m)
		for j := range d {
			d[j] = math.Abs(z[0] + z[1]/2 + 0.2*r.NormFloat64() - 0.3)
			if r.Float64() < 0.1 {
				d[j] = math.Inf(1)
			}
		}
		return d, nil
	}
}

// smallConfig is a run of a dozen generations, quick enough to repeat.
var smallConfig = abc.Config{Seed: 3, Parameters: 2, Particles: 300, Datasets: 3, Target: 0.01, MaxGenerations: 12}

// TestWorkers runs the same calibration on 1, 2 and 5 workers.
func TestWorkers(t *testing.T) {
	sim := pairSum(9, smallConfig.Datasets)
	one := run(t, smallConfig, sim, 1)
	if len(one) != smallConfig.MaxGenerations+1 {
		t.Fatalf("%d generations, want %d (the test should stop on its maximum)", len(one), smallConfig.MaxGenerations+1)
	}
	sameJSON(t, "2 workers", one, run(t, smallConfig, sim, 2))
	sameJSON(t, "5 workers", one, run(t, smallConfig, sim, 5))
}

// TestShards drives the steps by hand as a job array would: each of
// three shards simulates every third particle of a generation, from its
// own Prepare, and saves its particles as JSON; the merge reads them back
// and finishes the generation. The populations are Run's.
func TestShards(t *testing.T) {
	cfg, sim := smallConfig, pairSum(9, smallConfig.Datasets)
	const shards = 3
	ctx := context.Background()
	dist := make([][]float64, cfg.Particles)
	for s := range shards {
		saved := map[int]abc.Particle{}
		for i := s; i < cfg.Particles; i += shards {
			z := abc.Prior(cfg, i)
			d, err := sim(ctx, z, abc.SimKey{Particle: i})
			if err != nil {
				t.Fatal(err)
			}
			saved[i] = abc.Particle{Z: z, Distances: d}
		}
		for i, p := range roundTrip(t, saved) {
			dist[i] = p.Distances
		}
	}
	pop, err := abc.Initial(cfg, dist)
	if err != nil {
		t.Fatal(err)
	}
	pops := []abc.Population{pop}
	for done, _ := abc.Done(cfg, pop); !done; done, _ = abc.Done(cfg, pop) {
		moved := make([]abc.Particle, cfg.Particles)
		var plans []abc.Plan
		for s := range shards {
			plan, saved := moveShard(t, cfg, pop, sim, s, shards)
			plans = append(plans, plan)
			for i, p := range roundTrip(t, saved) {
				moved[i] = p
			}
		}
		for s := 1; s < shards; s++ {
			if !reflect.DeepEqual(plans[0], plans[s]) {
				t.Fatalf("generation %d: shard %d's plan differs from shard 0's", plans[0].Generation, s)
			}
		}
		if pop, err = abc.Finish(cfg, plans[0], moved); err != nil {
			t.Fatal(err)
		}
		pops = append(pops, pop)
	}
	sameJSON(t, "sharded", run(t, cfg, sim, 2), pops)
}

// moveShard is shard s's work in the generation after pop: its own plan,
// and particles s, s+shards, … moved.
func moveShard(t *testing.T, cfg abc.Config, pop abc.Population, sim abc.Simulator, s, shards int) (abc.Plan, map[int]abc.Particle) {
	t.Helper()
	plan, err := abc.Prepare(cfg, pop)
	if err != nil {
		t.Fatal(err)
	}
	out := map[int]abc.Particle{}
	for i := s; i < cfg.Particles; i += shards {
		var d []float64
		if plan.Moves(i) {
			d, err = sim(context.Background(), abc.Propose(cfg, plan, i), abc.SimKey{Generation: plan.Generation, Particle: i, Proposal: true})
			if err != nil {
				t.Fatal(err)
			}
		}
		out[i] = abc.Move(cfg, plan, i, d)
	}
	return plan, out
}

// roundTrip is v written as JSON and read back.
func roundTrip[T any](t *testing.T, v T) T {
	t.Helper()
	var back T
	if err := json.Unmarshal(encode(t, v), &back); err != nil {
		t.Fatal(err)
	}
	return back
}

// TestResume interrupts a run twice — between generations, and in the
// middle of one's simulations — and resumes each from its last population
// read back from JSON: the generations are those of the uninterrupted run.
func TestResume(t *testing.T) {
	sim := pairSum(9, smallConfig.Datasets)
	full := run(t, smallConfig, sim, 2)
	for _, tc := range []struct {
		name string
		stop func(abc.Progress) bool
		kept int // generations finished when it stops
	}{
		{"after generation 3", func(p abc.Progress) bool { return p.Population != nil && p.Generation == 3 }, 4},
		{"during generation 5", func(p abc.Progress) bool { return p.Generation == 5 && p.Simulated == 10 }, 5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			part, err := abc.Run(ctx, smallConfig, sim, 2, func(p abc.Progress) {
				if tc.stop(p) {
					cancel()
				}
			})
			if !errors.Is(err, context.Canceled) || len(part) != tc.kept {
				t.Fatalf("interrupted run: %d generations and error %v, want %d and context.Canceled", len(part), err, tc.kept)
			}
			rest, err := abc.Resume(context.Background(), smallConfig, roundTrip(t, part[len(part)-1]), sim, 1, nil)
			if err != nil {
				t.Fatal(err)
			}
			sameJSON(t, "resumed", full, append(part, rest...))
		})
	}
}

// TestPopulationJSON checks that a population survives JSON bit for bit,
// +Inf distances and ε₀ = +Inf included, and that it writes the same bytes
// again.
func TestPopulationJSON(t *testing.T) {
	pops := run(t, smallConfig, pairSum(9, smallConfig.Datasets), 2)
	extreme := abc.Population{Generation: 7, Tolerance: 0.1 + 0.2, ESS: 1.5, Acceptance: 1.0 / 3, Particles: []abc.Particle{
		{Z: []float64{math.Copysign(0, -1), 5e-324, -1e300}, Distances: []float64{math.Inf(1), 0, 1e-7}, Weight: 1},
	}}
	for _, pop := range append(pops, extreme) {
		b := encode(t, pop)
		back := roundTrip(t, pop)
		if !reflect.DeepEqual(pop, back) || math.Signbit(back.Particles[0].Z[0]) != math.Signbit(pop.Particles[0].Z[0]) {
			t.Fatalf("generation %d does not round-trip:\n%.300s", pop.Generation, b)
		}
		if again := encode(t, back); string(again) != string(b) {
			t.Fatalf("generation %d writes other bytes the second time", pop.Generation)
		}
	}
	if b := encode(t, pops[0]); !strings.Contains(string(b), `"tolerance":"+Inf"`) || !strings.Contains(string(b), `"+Inf"]`) && !strings.Contains(string(b), `"+Inf",`) {
		t.Errorf("generation 0 should write ε₀ and its failed distances as \"+Inf\":\n%.300s", b)
	}
}
