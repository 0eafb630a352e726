package abc

import (
	"fmt"
	"math"
)

// Particle is one latent parameter vector z with the distances of its M
// pseudo-datasets (each ≥ 0, +Inf for a failed simulation) and its
// normalised importance weight.
type Particle struct {
	Z         []float64
	Distances []float64
	Weight    float64
}

// Population is one generation: its particles, after the generation's move,
// with the tolerance they were moved at. It is plain data and round-trips
// through encoding/json bit for bit (+Inf as the string "+Inf").
type Population struct {
	Generation int
	Tolerance  float64 // ε_n; +Inf at generation 0
	Particles  []Particle
	ESS        float64 // 1/Σ w_i² of the particles' weights
	Resampled  bool    // whether the particles were resampled before the move
	Proposals  int     // particles moved (those of positive weight); 0 at generation 0
	Acceptance float64 // share of the proposals accepted; 0 at generation 0
}

// Prior is particle i's draw from the latent prior N(0, I_d) at
// generation 0.
func Prior(cfg Config, i int) []float64 {
	r := stream(cfg.Seed, 0, i, purposePrior)
	z := make([]float64, cfg.Parameters)
	for k := range z {
		z[k] = r.NormFloat64()
	}
	return z
}

// Initial is generation 0: particle i is Prior(cfg, i) with distances[i]
// the distances of its M pseudo-datasets, all weights 1/N, tolerance ε_0 =
// +Inf.
func Initial(cfg Config, distances [][]float64) (Population, error) {
	cfg = cfg.WithDefaults()
	if err := cfg.Validate(); err != nil {
		return Population{}, err
	}
	if len(distances) != cfg.Particles {
		return Population{}, fmt.Errorf("abc: generation 0: %d particles' distances, want %d", len(distances), cfg.Particles)
	}
	pop := Population{Tolerance: math.Inf(1), Particles: make([]Particle, cfg.Particles), ESS: float64(cfg.Particles)}
	w := 1 / float64(cfg.Particles)
	for i, d := range distances {
		if err := checkDistances(cfg, d); err != nil {
			return Population{}, fmt.Errorf("abc: generation 0, particle %d: %w", i, err)
		}
		pop.Particles[i] = Particle{Z: Prior(cfg, i), Distances: clone(d), Weight: w}
	}
	return pop, nil
}

// checkDistances says what is wrong with one particle's distances, if
// anything: there must be M of them, none NaN or negative.
func checkDistances(cfg Config, d []float64) error {
	if len(d) != cfg.Datasets {
		return fmt.Errorf("%d distances, want one per pseudo-dataset (%d)", len(d), cfg.Datasets)
	}
	for m, x := range d {
		if !(x >= 0) {
			return fmt.Errorf("distance %d is %v, want ≥ 0 or +Inf", m, x)
		}
	}
	return nil
}

// clone copies a slice so that no two particles, and no particle and its
// caller, share one.
func clone(x []float64) []float64 { return append([]float64(nil), x...) }

// copyParticle is a deep copy of p.
func copyParticle(p Particle) Particle {
	return Particle{Z: clone(p.Z), Distances: clone(p.Distances), Weight: p.Weight}
}

// within is A(ε) = #{m : d_m < ε}, with every pseudo-dataset counting at
// ε = +Inf (ε_0), failed ones included.
func within(d []float64, eps float64) int {
	if math.IsInf(eps, 1) {
		return len(d)
	}
	n := 0
	for _, x := range d {
		if x < eps {
			n++
		}
	}
	return n
}

// ess is 1/Σ w_i² of weights normalised to sum 1, 0 if they are all 0.
func ess(w []float64) float64 {
	var s, s2 float64
	for _, x := range w {
		s += x
		s2 += x * x
	}
	if s == 0 {
		return 0
	}
	return s * s / s2
}
