package uncertain

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"sync"
)

// Posterior is what a calibration learned about some numbers: weighted
// particles, each a vector of values of Keys. A replicate draws one
// particle, with probability proportional to its weight, from a uniform u
// (Pick), so every number it names comes from the same particle and the
// dependence between them that the evidence implies is kept.
type Posterior struct {
	Source    string      // where it came from (a posterior.csv and its hash), for reports
	Keys      []string    // sorted, each once
	Particles [][]float64 // one value per key each
	Weights   []float64   // one per particle, ≥ 0, not all 0
	once      sync.Once
	cum       []float64 // cumulative weights, normalised; built once by Pick
}

// Check verifies the posterior's shape and weights.
func (p *Posterior) Check() error {
	switch {
	case len(p.Keys) == 0:
		return errors.New("a posterior with no numbers")
	case len(p.Particles) == 0 || len(p.Particles) != len(p.Weights):
		return fmt.Errorf("a posterior of %d particles with %d weights", len(p.Particles), len(p.Weights))
	case !slices.IsSorted(p.Keys) || len(slices.Compact(slices.Clone(p.Keys))) != len(p.Keys):
		return errors.New("a posterior's numbers sorted by key, each once")
	}
	total := 0.0
	for i, w := range p.Weights {
		if math.IsNaN(w) || math.IsInf(w, 0) || w < 0 {
			return fmt.Errorf("particle %d: weight %v, not a finite number ≥ 0", i+1, w)
		}
		if len(p.Particles[i]) != len(p.Keys) {
			return fmt.Errorf("particle %d: %d values for %d numbers", i+1, len(p.Particles[i]), len(p.Keys))
		}
		for j, x := range p.Particles[i] {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return fmt.Errorf("particle %d: %s is %v", i+1, p.Keys[j], x)
			}
		}
		total += w
	}
	if total == 0 {
		return errors.New("a posterior whose weights are all 0")
	}
	return nil
}

// Pick returns the index of the particle that the uniform u in (0, 1)
// draws: the first whose cumulative weight exceeds u (inversion, so a
// particle of weight 0 is never drawn).
// It must only be called on a posterior that Check accepts; it is safe
// for concurrent use.
func (p *Posterior) Pick(u float64) int {
	p.once.Do(func() {
		p.cum = make([]float64, len(p.Weights))
		total := 0.0
		for i, w := range p.Weights {
			total += w
			p.cum[i] = total
		}
		for i := range p.cum {
			p.cum[i] /= total
		}
	})
	i := sort.Search(len(p.cum), func(i int) bool { return p.cum[i] > u })
	return min(i, len(p.cum)-1)
}

// Index returns the position of key in Keys, or −1.
func (p *Posterior) Index(key string) int {
	i, ok := slices.BinarySearch(p.Keys, key)
	if !ok {
		return -1
	}
	return i
}
