package abc

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// maxCondition is the largest condition number of 2Σ that Prepare factors
// as it is: beyond it the covariance is numerically singular (fewer
// distinct particles than parameters can still factor, on rounding), and
// the random walk would move in too few directions.
const maxCondition = 1e12

// Plan is a generation's work before its simulations: the tolerance, the
// reweighted (and perhaps resampled) particles to move and the random
// walk's scale. Every shard computes the same Plan from the same
// Population.
type Plan struct {
	Generation int        // n, the generation this plan makes
	Tolerance  float64    // ε_n
	Particles  []Particle // the particles to move, with their weights w_n
	ESS        float64    // of the reweighted weights, before any resampling
	Resampled  bool       // ESS < N/2, so Particles were resampled to equal weights

	// Factor is the lower-triangular L (d rows of d) with L Lᵀ = 2Σ.
	Factor [][]float64
	// Diagonal says that Σ was not positive definite (too few distinct
	// particles) and that L is the square root of 2·diag(Σ) instead, with
	// any zero variance replaced by the prior's, 1, so no coordinate is
	// frozen.
	Diagonal bool
}

// Moves reports whether particle i is moved: only particles of positive
// weight are, and only their proposals need simulating.
func (p Plan) Moves(i int) bool { return p.Particles[i].Weight > 0 }

// Prepare makes generation n = pop.Generation+1's plan: steps 1 and 2 of
// the algorithm (tolerance, reweighting, resampling) and the random walk's
// Cholesky factor. It is deterministic and cheap beside the simulations.
func Prepare(cfg Config, pop Population) (Plan, error) {
	cfg = cfg.WithDefaults()
	if err := cfg.Validate(); err != nil {
		return Plan{}, err
	}
	n := pop.Generation + 1
	if err := checkPopulation(cfg, pop); err != nil {
		return Plan{}, fmt.Errorf("abc: generation %d: %w", pop.Generation, err)
	}
	eps, err := nextTolerance(cfg, pop)
	if err != nil {
		return Plan{}, fmt.Errorf("abc: generation %d: %w", n, err)
	}
	w := make([]float64, len(pop.Particles))
	plan := Plan{Generation: n, Tolerance: eps, ESS: reweight(w, pop, eps)}
	plan.Particles = make([]Particle, len(pop.Particles))
	for i, p := range pop.Particles {
		plan.Particles[i] = Particle{Z: clone(p.Z), Distances: clone(p.Distances), Weight: w[i]}
	}
	if plan.ESS < float64(cfg.Particles)/2 {
		plan.Particles = resample(plan.Particles, stream(cfg.Seed, n, 0, purposeResample).Float64())
		plan.Resampled = true
	}
	plan.Factor, plan.Diagonal = proposalFactor(plan.Particles, cfg.Parameters)
	return plan, nil
}

// checkPopulation says what is wrong with the shape of a population (one
// read from a file, say), if anything.
func checkPopulation(cfg Config, pop Population) error {
	if len(pop.Particles) != cfg.Particles {
		return fmt.Errorf("%d particles, want %d", len(pop.Particles), cfg.Particles)
	}
	for i, p := range pop.Particles {
		if len(p.Z) != cfg.Parameters {
			return fmt.Errorf("particle %d: %d parameters, want %d", i, len(p.Z), cfg.Parameters)
		}
		if err := checkDistances(cfg, p.Distances); err != nil {
			return fmt.Errorf("particle %d: %w", i, err)
		}
		if !(p.Weight >= 0) || math.IsInf(p.Weight, 1) {
			return fmt.Errorf("particle %d: weight %v, want a finite number ≥ 0", i, p.Weight)
		}
	}
	return nil
}

// resample is systematic resampling (Kitagawa 1996) with the one uniform
// u ∈ [0, 1): particle j is copied once for each of the points
// (u + i)/N, i = 0…N−1, that fall in its slice of the cumulative weight,
// and every copy gets weight 1/N. Only particles of positive weight are
// walked, so rounding at the end of the cumulative sum never picks a dead
// one.
func resample(ps []Particle, u float64) []Particle {
	var alive []int
	var total float64
	for i, p := range ps {
		if p.Weight > 0 {
			alive = append(alive, i)
			total += p.Weight
		}
	}
	n := len(ps)
	out := make([]Particle, n)
	j, cum := 0, ps[alive[0]].Weight
	for i := range out {
		t := (u + float64(i)) / float64(n) * total
		for cum < t && j < len(alive)-1 {
			j++
			cum += ps[alive[j]].Weight
		}
		out[i] = copyParticle(ps[alive[j]])
		out[i].Weight = 1 / float64(n)
	}
	return out
}

// proposalFactor is L with L Lᵀ = 2Σ, Σ the particles' weighted
// covariance, and whether Σ was not positive definite so that L is
// diagonal instead (see Plan.Diagonal).
func proposalFactor(ps []Particle, d int) ([][]float64, bool) {
	cov, _ := covariance(points(ps), weights(ps), d)
	var twice mat.SymDense
	twice.ScaleSym(2, cov)
	var chol mat.Cholesky
	L := make([][]float64, d)
	for k := range L {
		L[k] = make([]float64, d)
	}
	if chol.Factorize(&twice) && chol.Cond() <= maxCondition {
		var tri mat.TriDense
		chol.LTo(&tri)
		for k := range L {
			for j := 0; j <= k; j++ {
				L[k][j] = tri.At(k, j)
			}
		}
		return L, false
	}
	for k := range L {
		v := cov.At(k, k)
		if !(v > 0) {
			v = 1 // the prior's variance: a coordinate all particles share must still move
		}
		L[k][k] = math.Sqrt(2 * v)
	}
	return L, true
}

// points are the particles' z.
func points(ps []Particle) [][]float64 {
	z := make([][]float64, len(ps))
	for i, p := range ps {
		z[i] = p.Z
	}
	return z
}
