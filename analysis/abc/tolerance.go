package abc

import (
	"errors"
	"fmt"
	"math"
	"slices"
)

// errStuck says that no tolerance below the current one keeps any weight.
var errStuck = errors.New("the tolerance cannot fall further")

// nextTolerance is ε_n: the smallest candidate tolerance whose reweighting
// keeps ESS ≥ α·ESS_{n−1}, found by bisection over the candidates. The
// ESS of w_n changes only where ε crosses a distance, so the candidates are
// the target and the distinct distances of particles of positive weight
// between the target and ε_{n−1}; a candidate ε keeps the distances below
// it (d < ε), so ε_n is the first distance left out, or the target. When
// even the largest candidate keeps less than α·ESS_{n−1} (the ESS is not
// monotone in ε, and failed simulations drop out at any finite ε), it is
// the one chosen, since it shrinks the least.
func nextTolerance(cfg Config, pop Population) (float64, error) {
	cands := candidates(cfg, pop)
	if len(cands) == 0 {
		return 0, fmt.Errorf("tolerance %v is already at the target %v", pop.Tolerance, cfg.Target)
	}
	w := make([]float64, len(pop.Particles))
	goal := cfg.Alpha * ess(weights(pop.Particles))
	if reweight(w, pop, cands[0]) >= goal {
		return cands[0], nil
	}
	lo, hi := 0, len(cands)-1 // ESS(cands[lo]) < goal ≤ ESS(cands[hi]), once hi is checked
	if e := reweight(w, pop, cands[hi]); e < goal {
		if e == 0 {
			return 0, stuckError(pop)
		}
		return cands[hi], nil
	}
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		if reweight(w, pop, cands[mid]) >= goal {
			hi = mid
		} else {
			lo = mid
		}
	}
	return cands[hi], nil
}

// candidates are the tolerances nextTolerance chooses among, ascending.
func candidates(cfg Config, pop Population) []float64 {
	if !(cfg.Target < pop.Tolerance) {
		return nil
	}
	c := []float64{cfg.Target}
	for _, p := range pop.Particles {
		if p.Weight == 0 {
			continue
		}
		for _, d := range p.Distances {
			if d > cfg.Target && d < pop.Tolerance {
				c = append(c, d)
			}
		}
	}
	slices.Sort(c)
	return slices.Compact(c)
}

// stuckError says why no tolerance keeps a particle: at generation 0 every
// simulation failed; later, every distance of weight below ε_{n−1} is one
// value (a discrete distance, or one particle with M = 1), which any
// smaller tolerance leaves out.
func stuckError(pop Population) error {
	for _, p := range pop.Particles {
		for _, d := range p.Distances {
			if p.Weight > 0 && !math.IsInf(d, 1) {
				return fmt.Errorf("%w: every distance below %v is %v", errStuck, pop.Tolerance, lowestDistance(pop))
			}
		}
	}
	return errors.New("every simulation failed (all distances +Inf)")
}

// lowestDistance is the smallest distance of a particle of positive weight.
func lowestDistance(pop Population) float64 {
	low := math.Inf(1)
	for _, p := range pop.Particles {
		if p.Weight > 0 {
			low = min(low, slices.Min(p.Distances))
		}
	}
	return low
}

// reweight sets w to w_i·A_i(ε)/A_i(ε_{n−1}) for pop's particles,
// normalised to sum 1 (all 0 if none is within ε), and returns their ESS.
func reweight(w []float64, pop Population, eps float64) float64 {
	var sum float64
	for i, p := range pop.Particles {
		w[i] = 0
		old := within(p.Distances, pop.Tolerance)
		if p.Weight == 0 || old == 0 {
			continue // a dead particle stays dead
		}
		w[i] = p.Weight * float64(within(p.Distances, eps)) / float64(old)
		sum += w[i]
	}
	if sum > 0 {
		for i := range w {
			w[i] /= sum
		}
	}
	return ess(w)
}

// weights are the particles' weights.
func weights(ps []Particle) []float64 {
	w := make([]float64, len(ps))
	for i, p := range ps {
		w[i] = p.Weight
	}
	return w
}
