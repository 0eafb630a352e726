package analysis

import (
	"math"
	"testing"
)

func TestWelch(t *testing.T) {
	tests := []struct {
		name        string
		a, b        []float64
		t, df, p    float64
		tolT, tolDF float64
		tolP        float64
	}{
		// R: t.test(extra ~ group, data = sleep) prints
		// t = -1.8608, df = 17.776, p-value = 0.07939. Tolerances are
		// half a unit in the last printed digit. By hand: means 0.75 and
		// 2.33, s² = 3.2005556 and 4.0090000, s²/10 = 0.32005556 and
		// 0.40090000, t = −1.58/√0.72095556 = −1.8608135,
		// df = 0.72095556²/((0.32005556² + 0.40090000²)/9) = 17.776474.
		{"sleep", sleep1, sleep2, -1.8608, 17.776, 0.07939, 5e-5, 5e-4, 5e-6},
		// Equal sizes and variances: Welch's df is the pooled test's
		// 2n − 2. a = {1,2,3}, b = {4,5,6}: s² = 1 each, t = −3/√(2/3)
		// = −3.6742346, df = 4. The t CDF with 4 df is closed-form:
		// P(T > x) = ½ − (x/(2√(x²+4)))·(1 + 2/(x²+4)) (θ = atan(x/2):
		// F = ½ + (3/4)(sin θ − sin³θ/3)), so with x² = 13.5,
		// p = 1 − (x/√17.5)(1 + 2/17.5) = 0.0213116.
		{"by hand", []float64{1, 2, 3}, []float64{4, 5, 6},
			-3 / math.Sqrt(2.0/3), 4,
			1 - math.Sqrt(13.5/17.5)*(1+2/17.5), 1e-12, 1e-12, 1e-12},
		// NaN values are left out: same as the by-hand case.
		{"NaN dropped", []float64{1, math.NaN(), 2, 3}, []float64{4, 5, math.NaN(), 6},
			-3 / math.Sqrt(2.0/3), 4,
			1 - math.Sqrt(13.5/17.5)*(1+2/17.5), 1e-12, 1e-12, 1e-12},
		{"too few", []float64{1}, []float64{4, 5}, math.NaN(), math.NaN(), math.NaN(), 0, 0, 0},
		{"no variance", []float64{1, 1}, []float64{2, 2}, math.NaN(), math.NaN(), math.NaN(), 0, 0, 0},
	}
	for _, tt := range tests {
		gt, gdf, gp := Welch(tt.a, tt.b)
		if !near(gt, tt.t, tt.tolT) || !near(gdf, tt.df, tt.tolDF) || !near(gp, tt.p, tt.tolP) {
			t.Errorf("%s: Welch = (%.9g, %.9g, %.9g), want (%.9g, %.9g, %.9g)", tt.name, gt, gdf, gp, tt.t, tt.df, tt.p)
		}
	}
}

func TestSignedRank(t *testing.T) {
	tests := []struct {
		name  string
		d     []float64
		w, p  float64
		exact bool
		tol   float64
	}{
		// Exact cases: no ties, no zeros, n < 50. Tables of the null
		// distribution of the smaller rank sum T (e.g. Wilcoxon, Katti &
		// Wilcox 1970) give P(T ≤ 5 | n = 8) = 10/256 = 0.0391 and
		// P(T ≤ 8 | n = 10) = 25/1024 = 0.0244; counting subsets of {1…10}
		// by sum: 1+1+1+2+2+3+4+5+6 = 25 for sums 0…8. Two-sided p doubles
		// it. The rational values are exact in binary, so tol is rounding
		// only.
		{"n=8, T-=5", []float64{1.5, -0.3, 2.2, 0.9, -1.1, 3.0, 0.4, 2.7}, 31, 20.0 / 256, true, 1e-15},
		{"n=10, T-=8", []float64{-1, 2, 3, 4, 5, 6, -7, 8, 9, 10}, 47, 50.0 / 1024, true, 1e-15},
		// Mirror image: W+ = 8 is as extreme as W+ = 47.
		{"n=10, T+=8", []float64{1, -2, -3, -4, -5, -6, 7, -8, -9, -10}, 8, 50.0 / 1024, true, 1e-15},
		// Published critical values for two-sided α = 0.05: T ≤ 52 at
		// n = 20, T ≤ 89 at n = 25 (P = 0.0242 and 0.0241). Counting by
		// the same recurrence independently (Python): 25397 of 2²⁰ and
		// 809709 of 2²⁵ subsets, so p = 2·25397/2²⁰ and 2·809709/2²⁵.
		{"n=20, T-=52", signs(20, 1, 2, 3, 4, 5, 6, 7, 8, 16), 210 - 52, 2 * 25397.0 / (1 << 20), true, 1e-15},
		{"n=25, T-=89", signs(25, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 23), 325 - 89, 2 * 809709.0 / (1 << 25), true, 1e-15},
		// n = 26, which cisim once sent to the normal approximation, is
		// exact as in R: negative ranks 1,3,5,8,13,21 sum to 51, and R's
		// 2*psignrank(51, 26)*2^26 = 62732 patterns, so p = 62732/2²⁶.
		{"n=26 exact", signs(26, 1, 3, 5, 8, 13, 21), 300, 62732.0 / (1 << 26), true, 1e-15},
		// Every difference positive at n = 40 (the mean_trust case of
		// issue 12): only 1 of the 2⁴⁰ patterns is as extreme on each side.
		{"n=40 all positive", signs(40), 820, 2.0 / (1 << 40), true, 1e-15},
		// Middle of the distribution: p capped at 1 (n = 2, W+ = 1 or 2:
		// P(W+ ≤ 1) = P(W+ ≥ 2) = 2/4, doubled to 1).
		{"cap", []float64{-1, 2}, 2, 1, true, 0},
		// n = 50 is R's first normal approximation (SciPy 1.10 would still
		// count): negative ranks 1,3,5,8,13,21,34 sum to 85, W+ = 1190,
		// μ = 637.5, σ² = 50·51·101/24 = 10731.25,
		// z = (552.5 − ½)/103.591747 = 5.3286521, p = erfc(z/√2); R prints
		// 9.8967344556867153e-08. Normal approximations are held to 1e-12
		// relative, as in rvectors_test.go.
		{"n=50 normal", signs(50, 1, 3, 5, 8, 13, 21, 34), 1190, 9.8967344556867153e-08, false, 1e-12 * 9.9e-8},
		// A zero difference sends even n = 8 to the normal approximation,
		// as in R: the first case with a 0 added. W+ = 31, μ = 18,
		// σ² = 8·9·17/24 = 51, z = 12.5/√51 = 1.7503501, p = 0.0800579;
		// R prints 0.080057919984434747.
		{"zero forces normal", []float64{1.5, -0.3, 2.2, 0.9, -1.1, 3.0, 0.4, 2.7, 0}, 31, 0.080057919984434747, false, 1e-12 * 0.08},
		// With ties (Wikipedia's example; the zero is dropped): |d| =
		// 5,5,7,9,10,12,15,17,20 have midranks 1.5,1.5,3,…,9; W+ = 7 + 1.5
		// + 9 + 8 + 1.5 = 27, μ = 22.5, σ² = 71.25 − 6/48 = 71.125,
		// z = 4/8.4335638 = 0.4742953, p = 0.6352893.
		{"ties", []float64{15, -7, 5, 20, 0, -9, 17, -12, 5, -10}, 27, 0.6352893188352069, false, 1e-12},
		{"all zero", []float64{0, 0}, math.NaN(), math.NaN(), false, 0},
	}
	for _, tt := range tests {
		w, p, exact := signedRank(tt.d)
		if !near(w, tt.w, 0) || !near(p, tt.p, tt.tol) || exact != tt.exact {
			t.Errorf("%s: W+ = %v, p = %.12g, exact %v; want %v, %.12g, %v", tt.name, w, p, exact, tt.w, tt.p, tt.exact)
		}
	}
}

// signs returns the differences 1…n, negated at the given ranks.
func signs(n int, negative ...int) []float64 {
	d := make([]float64, n)
	for i := range d {
		d[i] = float64(i + 1)
	}
	for _, r := range negative {
		d[r-1] = -d[r-1]
	}
	return d
}
