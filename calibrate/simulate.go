package calibrate

import (
	"context"
	"math"
	"slices"

	"github.com/cisim/cisim/results"
	"github.com/cisim/cisim/sim"
	"github.com/cisim/cisim/targets"
	"github.com/cisim/cisim/uncertain"
)

// Simulate runs the parameter values x for each of M pseudo-datasets:
// every design the targets name, R replicates each on common random
// numbers, and returns each target's statistic per dataset, stats[m][k].
func (s *Setup) Simulate(ctx context.Context, x []float64, key [32]byte) ([][]float64, error) {
	post := s.posterior(x)
	stats := make([][]float64, s.Datasets)
	for m := range stats {
		seed := datasetSeed(key, m)
		obs, err := s.observe(ctx, post, seed)
		if err != nil {
			return nil, err
		}
		stats[m] = make([]float64, len(s.Targets))
		for k := range s.Targets {
			t := &s.Targets[k]
			stats[m][k] = t.Compute(obs[k][0], obs[k][1])
		}
	}
	return stats, nil
}

// observe runs every design R times with the posterior and returns each
// target's per-run values on its design and on versus: obs[k][0], obs[k][1].
func (s *Setup) observe(ctx context.Context, post *uncertain.Posterior, seed uint64) ([][2][]float64, error) {
	obs := make([][2][]float64, len(s.Targets))
	for _, d := range s.Designs {
		sc := d.Scenario
		sc.Posterior = post
		e, err := sim.New(sc)
		if err != nil {
			return nil, err
		}
		for r := range s.Replicates {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			e.Reset(seed, r)
			rec := results.FromSummary(d.Name, r, seed, e.Run())
			for k := range s.Targets {
				t := &s.Targets[k]
				if t.Design == d.Name {
					obs[k][0] = append(obs[k][0], t.Observe(e, &rec, false))
				}
				if t.Versus == d.Name {
					obs[k][1] = append(obs[k][1], t.Observe(e, &rec, true))
				}
			}
		}
	}
	return obs, nil
}

// Distances are a particle's distances to the fitted targets, one per
// pseudo-dataset, with the scales of the prior's simulations.
func (s *Setup) Distances(stats [][]float64, scales []float64) []float64 {
	fitted, sc := s.fittedTargets(), make([]float64, 0, len(scales))
	out := make([]float64, len(stats))
	for m, st := range stats {
		var kept []float64
		sc = sc[:0]
		for k, ok := range s.Fitted {
			if ok {
				kept = append(kept, st[k])
				sc = append(sc, scales[k])
			}
		}
		out[m] = targets.Distance(fitted, kept, sc)
		if math.IsNaN(out[m]) {
			out[m] = math.Inf(1)
		}
	}
	return out
}

func (s *Setup) fittedTargets() []targets.Target {
	var out []targets.Target
	for k, ok := range s.Fitted {
		if ok {
			out = append(out, s.Targets[k])
		}
	}
	return out
}

// Scales are the targets' scales from generation 0's statistics (every
// particle's first pseudo-dataset).
func (s *Setup) Scales(stats [][][]float64) []float64 {
	first := make([][]float64, len(stats))
	for i, st := range stats {
		first[i] = slices.Clone(st[0])
	}
	return targets.Scales(s.Targets, first)
}
