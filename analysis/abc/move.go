package abc

import (
	"fmt"
	"math"
	"slices"
)

// Propose is particle i's random-walk proposal z' = z + Lξ, ξ ~ N(0, I_d)
// from the particle's own stream, or nil if the particle is not moved
// (Plan.Moves): its M pseudo-datasets are what the caller simulates.
func Propose(cfg Config, plan Plan, i int) []float64 {
	if !plan.Moves(i) {
		return nil
	}
	z := plan.Particles[i].Z
	r := stream(cfg.Seed, plan.Generation, i, purposePropose)
	xi := make([]float64, len(z))
	for k := range xi {
		xi[k] = r.NormFloat64()
	}
	next := clone(z)
	for k, row := range plan.Factor {
		for j := 0; j <= k; j++ {
			next[k] += row[j] * xi[j]
		}
	}
	return next
}

// Move is the Metropolis–Hastings decision for particle i, given the
// distances of its proposal's M pseudo-datasets: the proposal, with those
// distances, with probability
//
//	min(1, A(z', ε_n)·φ(z') / (A(z, ε_n)·φ(z))),
//
// else the particle as it was. The random walk is symmetric, so no
// proposal density appears. A particle that is not moved is returned as it
// is, and proposal may then be nil. It panics if a moved particle's
// proposal does not have M distances.
func Move(cfg Config, plan Plan, i int, proposal []float64) Particle {
	cfg = cfg.WithDefaults()
	cur := plan.Particles[i]
	if !plan.Moves(i) {
		return copyParticle(cur)
	}
	if len(proposal) != cfg.Datasets {
		panic(fmt.Sprintf("abc: Move of particle %d with %d distances, want %d", i, len(proposal), cfg.Datasets))
	}
	if accepted(cfg, plan, i, proposal) {
		return Particle{Z: Propose(cfg, plan, i), Distances: clone(proposal), Weight: cur.Weight}
	}
	return copyParticle(cur)
}

// accepted is Move's decision. A proposal with no pseudo-dataset within ε
// is rejected without drawing; the uniform comes from the particle's own
// stream either way, so nothing else shifts.
func accepted(cfg Config, plan Plan, i int, proposal []float64) bool {
	cur := plan.Particles[i]
	inNew := within(proposal, plan.Tolerance)
	if inNew == 0 {
		return false
	}
	inOld := within(cur.Distances, plan.Tolerance) // > 0, as the weight is
	z := Propose(cfg, plan, i)
	ratio := float64(inNew) / float64(inOld) * math.Exp(logPrior(z)-logPrior(cur.Z))
	return stream(cfg.Seed, plan.Generation, i, purposeAccept).Float64() < ratio
}

// logPrior is log φ(z) up to its constant, which cancels in every ratio.
func logPrior(z []float64) float64 {
	var s float64
	for _, x := range z {
		s += x * x
	}
	return -s / 2
}

// Finish is generation n's population from the moved particles of its
// plan, moved[i] being Move's result for particle i, merged from any
// number of shards. It checks that each is its plan's particle (rejected,
// or not moved) or the accepted proposal Move would return, so that
// shards of another plan, seed or configuration cannot be merged.
func Finish(cfg Config, plan Plan, moved []Particle) (Population, error) {
	cfg = cfg.WithDefaults()
	if len(moved) != len(plan.Particles) {
		return Population{}, fmt.Errorf("abc: generation %d: %d moved particles, want %d", plan.Generation, len(moved), len(plan.Particles))
	}
	pop := Population{
		Generation: plan.Generation, Tolerance: plan.Tolerance, Particles: make([]Particle, len(moved)),
		ESS: ess(weights(plan.Particles)), Resampled: plan.Resampled,
	}
	taken := 0
	for i, m := range moved {
		cur := plan.Particles[i]
		switch {
		case sameParticle(m, cur): // rejected, or not moved
		case plan.Moves(i) && m.Weight == cur.Weight && same(m.Z, Propose(cfg, plan, i)):
			if err := checkDistances(cfg, m.Distances); err != nil {
				return Population{}, fmt.Errorf("abc: generation %d, particle %d: %w", plan.Generation, i, err)
			}
			if !accepted(cfg, plan, i, m.Distances) {
				return Population{}, fmt.Errorf("abc: generation %d, particle %d: its proposal is there but Move rejects it", plan.Generation, i)
			}
			taken++
		default:
			return Population{}, fmt.Errorf("abc: generation %d, particle %d: neither the plan's particle nor its proposal (moved under another plan, seed or configuration?)", plan.Generation, i)
		}
		if plan.Moves(i) {
			pop.Proposals++
		}
		pop.Particles[i] = copyParticle(m)
	}
	if pop.Proposals > 0 {
		pop.Acceptance = float64(taken) / float64(pop.Proposals)
	}
	return pop, nil
}

// sameParticle reports whether a and b are equal bit for bit.
func sameParticle(a, b Particle) bool {
	return same(a.Z, b.Z) && same(a.Distances, b.Distances) && math.Float64bits(a.Weight) == math.Float64bits(b.Weight)
}

// same reports whether two slices hold the same bits.
func same(a, b []float64) bool {
	return slices.EqualFunc(a, b, func(x, y float64) bool { return math.Float64bits(x) == math.Float64bits(y) })
}
