package abc_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/cisim/cisim/analysis/abc"
)

// Example fits the mean μ of 20 observations of N(μ, 1) whose sample mean
// is 0.8, under the prior μ ~ N(0, 1): the exact posterior is N(0.762,
// 0.218²). In latent space z = μ, since the prior is already N(0, 1).
func Example() {
	const n, xbar = 20, 0.8
	simulate := func(_ context.Context, z []float64, key abc.SimKey) ([]float64, error) {
		r := rand.New(rand.NewChaCha8(key.Key(1))) // the simulation's own stream
		sampleMean := z[0] + r.NormFloat64()/math.Sqrt(n)
		return []float64{math.Abs(sampleMean - xbar)}, nil
	}
	cfg := abc.Config{Seed: 1, Parameters: 1, Particles: 1000, Target: 0.05}
	pops, err := abc.Run(context.Background(), cfg, simulate, 2, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	last := pops[len(pops)-1]
	_, why := abc.Done(cfg, last)
	s := last.Summary([]float64{0.05, 0.95})
	fmt.Printf("%s after %d generations\n", why, last.Generation)
	fmt.Printf("μ: mean %.2f, sd %.2f, 90%% interval [%.2f, %.2f]\n", s.Mean[0], s.SD[0], s.Quantiles[0][0], s.Quantiles[0][1])
	// Output:
	// target tolerance 0.05 reached after 35 generations
	// μ: mean 0.77, sd 0.21, 90% interval [0.43, 1.11]
}

// Example_steps drives the algorithm step by step, as a job array does:
// every shard prepares the same plan from the last population, simulates
// and moves its own particles, and a merge finishes the generation. Here
// two shards take the even and the odd particles.
func Example_steps() {
	const n, xbar = 20, 0.8
	simulate := func(z []float64, key abc.SimKey) []float64 {
		r := rand.New(rand.NewChaCha8(key.Key(1)))
		return []float64{math.Abs(z[0] + r.NormFloat64()/math.Sqrt(n) - xbar)}
	}
	cfg := abc.Config{Seed: 1, Parameters: 1, Particles: 1000, Target: 0.05}

	distances := make([][]float64, cfg.Particles) // generation 0, from the prior
	for i := range distances {
		distances[i] = simulate(abc.Prior(cfg, i), abc.SimKey{Particle: i})
	}
	pop, err := abc.Initial(cfg, distances)
	for err == nil {
		if done, why := abc.Done(cfg, pop); done {
			fmt.Printf("%s after %d generations\n", why, pop.Generation)
			return
		}
		moved := make([]abc.Particle, cfg.Particles)
		var plan abc.Plan
		for shard := range 2 {
			if plan, err = abc.Prepare(cfg, pop); err != nil { // cheap, and the same in every shard
				break
			}
			for i := shard; i < cfg.Particles; i += 2 {
				var d []float64
				if plan.Moves(i) {
					d = simulate(abc.Propose(cfg, plan, i), abc.SimKey{Generation: plan.Generation, Particle: i, Proposal: true})
				}
				moved[i] = abc.Move(cfg, plan, i, d) // a shard saves these
			}
		}
		if err == nil {
			pop, err = abc.Finish(cfg, plan, moved) // the merge
		}
	}
	fmt.Println(err)
	// Output:
	// target tolerance 0.05 reached after 35 generations
}
