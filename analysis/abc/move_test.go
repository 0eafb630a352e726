package abc

import (
	"math"
	"testing"
)

// handPlan is a plan of n equal particles at z, each with the given
// distances, tolerance 1 and random-walk factor L.
func handPlan(n int, z, distances []float64, L [][]float64) Plan {
	ps := make([]Particle, n)
	for i := range ps {
		ps[i] = Particle{Z: clone(z), Distances: clone(distances), Weight: 1 / float64(n)}
	}
	return Plan{Generation: 1, Tolerance: 1, Particles: ps, Factor: L}
}

// TestMoveAcceptance checks the Metropolis–Hastings acceptance rate
// min(1, A'·φ(z')/(A·φ(z))) over n = 4000 particles, each its own stream:
// the share accepted is binomial, so the tolerance is 4·√(n·p(1−p)).
func TestMoveAcceptance(t *testing.T) {
	const n = 4000
	zero := [][]float64{{0}}
	for _, tc := range []struct {
		name         string
		z, cur, prop []float64
		L            [][]float64
		want         float64 // acceptance probability
	}{
		// L = 0 keeps z' = z, so φ cancels: A'/A.
		{"A'/A = 1/2", []float64{0.5}, []float64{0, 0}, []float64{0, 5}, zero, 0.5},
		{"A'/A = 2", []float64{0.5}, []float64{0, 5}, []float64{0, 0}, zero, 1},
		{"A' = 0", []float64{0.5}, []float64{0, 5}, []float64{5, math.Inf(1)}, zero, 0},
		// z = 0, z' = ξ ~ N(0, 1), A' = A: E[min(1, e^{−ξ²/2})] = E[e^{−ξ²/2}] = 1/√2.
		{"prior ratio", []float64{0}, []float64{0, 5}, []float64{0, 5}, [][]float64{{1}}, 1 / math.Sqrt2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := Config{Seed: 5, Parameters: 1, Particles: n, Datasets: 2}
			plan := handPlan(n, tc.z, tc.cur, tc.L)
			taken := 0
			for i := range n {
				p := Move(cfg, plan, i, tc.prop)
				if same(p.Z, plan.Particles[i].Z) && same(p.Distances, tc.cur) {
					continue
				}
				if !same(p.Z, Propose(cfg, plan, i)) || !same(p.Distances, tc.prop) || p.Weight != 1.0/n {
					t.Fatalf("particle %d moved to %+v, neither itself nor its proposal", i, p)
				}
				taken++
			}
			tol := 4 * math.Sqrt(n*tc.want*(1-tc.want))
			if math.Abs(float64(taken)-n*tc.want) > tol {
				t.Errorf("%d of %d accepted, want %.0f ± %.0f", taken, n, n*tc.want, tol)
			}
		})
	}
}

// TestProposeCovariance checks that the steps z' − z of 4000 particles have
// covariance L Lᵀ: with L = [[1, 0], [0.5, 2]] that is [[1, 0.5], [0.5,
// 4.25]]. The standard error of a sample variance σ² is σ²·√(2/n), of a
// covariance √((σ₁₁σ₂₂ + σ₁₂²)/n); the tolerance is 4 of them.
func TestProposeCovariance(t *testing.T) {
	const n = 4000
	L := [][]float64{{1, 0}, {0.5, 2}}
	cfg := Config{Seed: 6, Parameters: 2, Particles: n}
	plan := handPlan(n, []float64{0.3, -0.2}, []float64{0}, L)
	steps := make([][]float64, n)
	w := make([]float64, n)
	for i := range steps {
		z := Propose(cfg, plan, i)
		steps[i] = []float64{z[0] - 0.3, z[1] + 0.2}
		w[i] = 1
	}
	cov, _ := covariance(steps, w, 2)
	want := [2][2]float64{{1, 0.5}, {0.5, 4.25}}
	se := [2][2]float64{{math.Sqrt(2.0 / n), math.Sqrt((4.25 + 0.25) / n)}, {math.Sqrt((4.25 + 0.25) / n), 4.25 * math.Sqrt(2.0/n)}}
	for k := range 2 {
		for l := range 2 {
			if got := cov.At(k, l); math.Abs(got-want[k][l]) > 4*se[k][l] {
				t.Errorf("Σ[%d][%d] = %.4f, want %.4f ± %.4f", k, l, got, want[k][l], 4*se[k][l])
			}
		}
	}
}
