package analysis

import (
	"math"
	"math/rand/v2"
	"testing"
)

// sleep is R's datasets::sleep (Cushny & Peebles 1905, as used by Student
// 1908): extra hours of sleep of the same 10 patients under two drugs. R's
// published outputs for it are the reference values below.
var sleep1 = []float64{0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0}
var sleep2 = []float64{1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4}

func near(got, want, tol float64) bool {
	if math.IsNaN(want) {
		return math.IsNaN(got)
	}
	return math.Abs(got-want) <= tol
}

func TestPairedSleep(t *testing.T) {
	r := Paired(sleep1, sleep2, 0.95)
	// Tolerances are half a unit in the last digit R prints, except where
	// noted.
	tests := []struct {
		name      string
		got, want float64
		tol       float64
	}{
		// t.test(extra ~ group, data = sleep, paired = TRUE):
		// t = -4.0621, df = 9, p-value = 0.002833,
		// 95 percent CI -2.4598858 -0.7001142, mean difference -1.58.
		{"mean diff", r.Diff.Mean, -1.58, 1e-12},
		{"CI lo", r.Diff.Lo, -2.4598858, 5e-8},
		{"CI hi", r.Diff.Hi, -0.7001142, 5e-8},
		{"t", r.T, -4.0621, 5e-5},
		{"p t", r.PT, 0.002833, 5e-7},
		// wilcox.test(..., paired = TRUE): V = 0, p-value = 0.009091
		// (one zero difference dropped, ties at 1.3, so the normal
		// approximation: n = 9, μ = 22.5, σ² = 71.25 − (2³−2)/48 = 71.125,
		// z = (22.5 − 0.5)/8.43357 = 2.60862).
		{"W+", r.W, 0, 0},
		{"p Wilcoxon", r.PWilcoxon, 0.009091, 5e-7},
		// By hand: s_d = 1.2299955, d_z = −1.58/1.2299955 = −1.2845576;
		// s_a = 1.7890097, s_b = 2.0022487,
		// d = −1.58/√((3.2005556+4.0090000)/2) = −0.8321811.
		// Seven digits computed, so 5e-7.
		{"d_z", r.DZ, -1.2845576, 5e-7},
		{"d", r.D, -0.8321811, 5e-7},
		// Counted over the 100 pairs: 24 wins and 3 ties for group 1,
		// (24 + 1.5)/100. Exact in binary to rounding.
		{"A12", r.A12, 0.255, 1e-12},
	}
	if r.N != 10 {
		t.Errorf("N = %d, want 10", r.N)
	}
	for _, tt := range tests {
		if !near(tt.got, tt.want, tt.tol) {
			t.Errorf("%s = %.9g, want %.9g ± %g", tt.name, tt.got, tt.want, tt.tol)
		}
	}
}

func TestPairedByHand(t *testing.T) {
	// a = {2,4,6}, b = {1,2,3}: d = {1,2,3}, d̄ = 2, s_d = 1, so d_z = 2 and
	// t = 2/(1/√3) = 2√3 with 2 df. The t CDF with 2 df is closed-form,
	// F(t) = ½ + t/(2√(2+t²)), so p = 1 − 2√3/√14 = 1 − √(6/7) = 0.0741799.
	// s_a² = 4, s_b² = 1: d = 2/√2.5 = 1.2649111.
	// A12: a=2 beats 1, ties 2 (1.5); a=4 and a=6 beat all three (3 each):
	// 7.5/9 = 0.8333333.
	// Wilcoxon: n = 3, all positive, W+ = 6; only 1 of the 2³ sign
	// patterns reaches 6, so p = 2·1/8 = 0.25.
	// Two NaN pairs are dropped and change nothing.
	nan := math.NaN()
	a := []float64{2, nan, 4, 7, 6}
	b := []float64{1, 5, 2, nan, 3}
	r := Paired(a, b, 0.95)
	const tol = 1e-12 // all closed-form; only floating-point rounding
	tests := []struct {
		name      string
		got, want float64
	}{
		{"mean diff", r.Diff.Mean, 2},
		{"d_z", r.DZ, 2},
		{"t", r.T, 2 * math.Sqrt(3)},
		{"p t", r.PT, 1 - math.Sqrt(6.0/7)},
		{"d", r.D, 2 / math.Sqrt(2.5)},
		{"A12", r.A12, 7.5 / 9},
		{"W+", r.W, 6},
		{"p Wilcoxon", r.PWilcoxon, 0.25},
	}
	if r.N != 3 || r.Diff.N != 3 {
		t.Errorf("N = %d, Diff.N = %d, want 3", r.N, r.Diff.N)
	}
	for _, tt := range tests {
		if !near(tt.got, tt.want, tol) {
			t.Errorf("%s = %.15g, want %.15g", tt.name, tt.got, tt.want)
		}
	}
}

func TestPairedDegenerate(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name string
		a, b []float64
		want PairedResult // compared field by field, NaN equal to NaN
	}{
		{"no pairs", []float64{nan}, []float64{1},
			PairedResult{N: 0, Diff: Estimate{Mean: nan}, DZ: nan, D: nan, A12: nan, T: nan, PT: nan, W: nan, PWilcoxon: nan}},
		// One pair: a mean but no spread; the sign test of one difference
		// has p = 1 (both patterns as extreme).
		{"one pair", []float64{3}, []float64{1},
			PairedResult{N: 1, Diff: Estimate{Mean: 2}, DZ: nan, D: nan, A12: 1, T: nan, PT: nan, W: 1, PWilcoxon: 1}},
		// Identical runs: no difference to test.
		{"all equal", []float64{1, 2, 3}, []float64{1, 2, 3},
			PairedResult{N: 3, Diff: Estimate{Mean: 0}, DZ: nan, D: 0, A12: 0.5, T: nan, PT: nan, W: nan, PWilcoxon: nan}},
		// A constant shift: d_z and t are infinite, reported as NaN; the
		// signed-rank test still works (midranks 2,2,2, W+ = 6, normal
		// approximation: z = (6−3−½)/√(3.5−24/48) = 2.5/√3, p = 0.1489).
		// A12: a=2 beats 1 and ties 2 (1.5), a=3 beats 1, 2 and ties 3
		// (2.5), a=4 beats all (3): 7/9.
		{"constant shift", []float64{2, 3, 4}, []float64{1, 2, 3},
			PairedResult{N: 3, Diff: Estimate{Mean: 1}, DZ: nan, D: 1, A12: 7.0 / 9, T: nan, PT: nan, W: 6,
				PWilcoxon: math.Erfc(2.5 / math.Sqrt(3) / math.Sqrt2)}},
	}
	const tol = 1e-12
	for _, tt := range tests {
		r := Paired(tt.a, tt.b, 0.95)
		g, w := r, tt.want
		if g.N != w.N || !near(g.Diff.Mean, w.Diff.Mean, tol) || !near(g.DZ, w.DZ, tol) || !near(g.D, w.D, tol) ||
			!near(g.A12, w.A12, tol) || !near(g.T, w.T, tol) || !near(g.PT, w.PT, tol) ||
			!near(g.W, w.W, tol) || !near(g.PWilcoxon, w.PWilcoxon, tol) {
			t.Errorf("%s: got %+v\nwant %+v", tt.name, g, w)
		}
	}
}

func TestPairedPanics(t *testing.T) {
	for name, f := range map[string]func(){
		"lengths": func() { Paired([]float64{1, 2}, []float64{1}, 0.95) },
		"level":   func() { Paired([]float64{1, 2}, []float64{1, 2}, 95) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			f()
		}()
	}
}

// TestPairedCoverage checks the paired-t interval's coverage by simulation:
// 400 experiments, each of 30 pairs sharing a baseline (common random
// numbers) with differences drawn from Normal(μ = 1, σ = 1), so the true
// mean difference is 1. A 95% interval should cover 1 in 95% of them, up to
// 3 standard errors of a proportion: 3·√(0.95·0.05/400) = 0.0327. The seed
// is fixed, so the test is deterministic; a fresh seed would fail it about
// 0.3% of the time.
func TestPairedCoverage(t *testing.T) {
	const experiments, n, trueDiff = 400, 30, 1.0
	rng := rand.New(rand.NewChaCha8([32]byte{'c', 'i', 's', 'i', 'm'}))
	a, b := make([]float64, n), make([]float64, n)
	covered := 0
	for range experiments {
		for i := range n {
			b[i] = 5 + 2*rng.NormFloat64()             // shared baseline
			a[i] = b[i] + trueDiff + rng.NormFloat64() // planted difference
		}
		r := Paired(a, b, 0.95)
		if r.Diff.Lo <= trueDiff && trueDiff <= r.Diff.Hi {
			covered++
		}
	}
	rate := float64(covered) / experiments
	t.Logf("coverage %d/%d = %.4f", covered, experiments, rate)
	if math.Abs(rate-0.95) > 3*math.Sqrt(0.95*0.05/experiments) {
		t.Errorf("coverage %.4f, want 0.95 ± 0.0327", rate)
	}
}
