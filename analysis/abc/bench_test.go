package abc_test

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/cisim/cisim/analysis/abc"
)

// BenchmarkGeneration times the algorithm's own work in one generation at
// N = 1000 particles, d = 10 parameters and M = 1, with the simulations
// replaced by distances read from a table: Prepare (tolerance, reweighting,
// resampling, Cholesky), Propose and Move for every particle, and Finish
// (which checks every accepted proposal again). A calibration's
// simulations take seconds each, so this is the overhead per generation.
func BenchmarkGeneration(b *testing.B) {
	for _, m := range []int{1, 5} {
		b.Run(map[int]string{1: "M=1", 5: "M=5"}[m], func(b *testing.B) {
			cfg := abc.Config{Seed: 1, Parameters: 10, Particles: 1000, Datasets: m, Target: 1e-3}
			pops := run(b, abc.Config{Seed: 1, Parameters: 10, Particles: 1000, Datasets: m, Target: 1e-3, MaxGenerations: 3}, sphere(2, m), 2)
			pop := pops[len(pops)-1]
			table := make([][]float64, cfg.Particles) // the proposals' distances, drawn once
			r := rand.New(rand.NewPCG(1, 2))
			for i := range table {
				table[i] = make([]float64, m)
				for j := range table[i] {
					table[i][j] = pop.Tolerance * 2 * r.Float64()
				}
			}
			moved := make([]abc.Particle, cfg.Particles)
			b.ReportAllocs()
			for b.Loop() {
				plan, err := abc.Prepare(cfg, pop)
				if err != nil {
					b.Fatal(err)
				}
				for i := range moved {
					if plan.Moves(i) {
						_ = abc.Propose(cfg, plan, i)
					}
					moved[i] = abc.Move(cfg, plan, i, table[i])
				}
				if _, err := abc.Finish(cfg, plan, moved); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// sphere is a 10-parameter toy model: the distance of |z + noise| from 1.
func sphere(seed uint64, m int) abc.Simulator {
	return func(_ context.Context, z []float64, key abc.SimKey) ([]float64, error) {
		r := rand.New(rand.NewChaCha8(key.Key(seed)))
		d := make([]float64, m)
		for j := range d {
			var s float64
			for _, x := range z {
				y := x + 0.1*r.NormFloat64()
				s += y * y
			}
			d[j] = math.Abs(math.Sqrt(s) - 1)
		}
		return d, nil
	}
}
