package abc

import (
	"math"
	"testing"
)

// TestNextTolerance checks the choice of ε_n on hand-worked populations.
func TestNextTolerance(t *testing.T) {
	inf := math.Inf(1)
	four := []Particle{ // N = 4, M = 1, equal weights, ε₀ = +Inf
		{Z: []float64{0}, Distances: []float64{0.1}, Weight: 0.25},
		{Z: []float64{0}, Distances: []float64{0.2}, Weight: 0.25},
		{Z: []float64{0}, Distances: []float64{0.3}, Weight: 0.25},
		{Z: []float64{0}, Distances: []float64{0.4}, Weight: 0.25},
	}
	two := []Particle{ // N = 2, M = 2
		{Z: []float64{0}, Distances: []float64{0.1, 0.5}, Weight: 0.5},
		{Z: []float64{0}, Distances: []float64{0.2, 0.3}, Weight: 0.5},
	}
	for _, tc := range []struct {
		name      string
		ps        []Particle
		prev      float64
		alpha     float64
		target    float64
		want      float64
		wantESS   float64
		wantError bool
	}{
		// Candidates 0, 0.1, 0.2, 0.3, 0.4; ε = 0.4 keeps 3 particles, ESS 3.
		// Goal 0.9·4 = 3.6 is out of reach: the largest candidate.
		{"goal beyond reach", four, inf, 0.9, 0, 0.4, 3, false},
		// Goal 0.7·4 = 2.8 ≤ 3 = ESS(0.4) while ESS(0.3) = 2.
		{"α = 0.7", four, inf, 0.7, 0, 0.4, 3, false},
		// Goal 0.5·4 = 2 = ESS(0.3) while ESS(0.2) = 1.
		{"α = 0.5", four, inf, 0.5, 0, 0.3, 2, false},
		// The target 0.25 keeps 2 particles: ESS 2 ≥ goal 0.4·4 = 1.6.
		{"target reached", four, inf, 0.4, 0.25, 0.25, 2, false},
		// Goal 0.85·2 = 1.7. ε = 0.5: A = (1, 2) of M = 2 → w ∝ (½·½, ½·1)
		// = (⅓, ⅔), ESS = 1/(1/9 + 4/9) = 1.8 ≥ goal; ε = 0.3: A = (1, 1)
		// → w = (½, ½), ESS 2; ε = 0.2: A = (1, 0), ESS 1. Bisection
		// between 0 and 0.5 stops at 0.3, where the ESS is higher than at
		// 0.5: it is not monotone in ε.
		{"M = 2", two, inf, 0.85, 0, 0.3, 2, false},
		// From ε_{n−1} = 0.4 only 0.1, 0.2, 0.3 and the target remain.
		{"below ε_{n−1}", four, 0.4, 0.5, 0, 0.3, 2, false},
		// Ties: every distance below ε_{n−1} = 0.2 is 0.1; any smaller ε keeps none.
		{"stuck", four[:1], 0.2, 0.9, 0, 0, 0, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := Config{Parameters: 1, Particles: len(tc.ps), Datasets: len(tc.ps[0].Distances), Target: tc.target, Alpha: tc.alpha}.WithDefaults()
			pop := Population{Generation: 1, Tolerance: tc.prev, Particles: tc.ps}
			got, err := nextTolerance(cfg, pop)
			if tc.wantError {
				if err == nil {
					t.Fatalf("ε = %v, want an error", got)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("ε = %v, %v; want %v", got, err, tc.want)
			}
			w := make([]float64, len(tc.ps))
			if e := reweight(w, pop, got); math.Abs(e-tc.wantESS) > 1e-12 {
				t.Errorf("ESS at ε = %v is %v, want %v", got, e, tc.wantESS)
			}
		})
	}
}

// TestResample checks systematic resampling on hand-worked weights.
func TestResample(t *testing.T) {
	for _, tc := range []struct {
		name string
		w    []float64
		u    float64
		want []float64 // the z of the copies
	}{
		// Points (0.5 + i)/4 = 0.125, 0.375, 0.625, 0.875 against the
		// cumulative weights 0.5, 0.5, 0.75, 1.
		{"hand-worked", []float64{0.5, 0, 0.25, 0.25}, 0.5, []float64{0, 0, 2, 3}},
		// A dead particle first and last is never picked, even at u = 0
		// (points 0, 0.25, 0.5, 0.75 against 0.3, 1) and where rounding
		// leaves the cumulative sum short of the last point.
		{"dead ends", []float64{0, 0.3, 0.7, 0}, 0, []float64{1, 1, 2, 2}},
		{"rounding", []float64{0.1, 0.2, 0.7 - 1e-16, 0}, 0.9999999999, []float64{1, 2, 2, 2}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ps := make([]Particle, len(tc.w))
			for i, w := range tc.w {
				ps[i] = Particle{Z: []float64{float64(i)}, Distances: []float64{0}, Weight: w}
			}
			out := resample(ps, tc.u)
			for i, p := range out {
				if p.Z[0] != tc.want[i] || p.Weight != 1/float64(len(ps)) {
					t.Fatalf("copies %v, want z %v with weights 1/N", out, tc.want)
				}
			}
			out[0].Z[0] = 99
			if ps[int(tc.want[0])].Z[0] == 99 {
				t.Error("a copy shares its parent's slice")
			}
		})
	}
}
