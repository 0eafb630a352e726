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
		name string
		d    []float64
		w, p float64
		tol  float64
	}{
		// Exact cases: no ties, n ≤ 25. Tables of the null distribution of
		// the smaller rank sum T (e.g. Wilcoxon, Katti & Wilcox 1970) give
		// P(T ≤ 5 | n = 8) = 10/256 = 0.0391 and P(T ≤ 8 | n = 10) =
		// 25/1024 = 0.0244; counting subsets of {1…10} by sum:
		// 1+1+1+2+2+3+4+5+6 = 25 for sums 0…8. Two-sided p doubles it.
		// The rational values are exact in binary, so tol is rounding only.
		{"n=8, T-=5", []float64{1.5, -0.3, 2.2, 0.9, -1.1, 3.0, 0.4, 2.7}, 31, 20.0 / 256, 1e-15},
		{"n=10, T-=8", []float64{-1, 2, 3, 4, 5, 6, -7, 8, 9, 10}, 47, 50.0 / 1024, 1e-15},
		// Mirror image: W+ = 8 is as extreme as W+ = 47.
		{"n=10, T+=8", []float64{1, -2, -3, -4, -5, -6, 7, -8, -9, -10}, 8, 50.0 / 1024, 1e-15},
		// Published critical values for two-sided α = 0.05: T ≤ 52 at
		// n = 20, T ≤ 89 at n = 25 (P = 0.0242 and 0.0241). Counting by
		// the same recurrence independently (Python): 25397 of 2²⁰ and
		// 809709 of 2²⁵ subsets, so p = 2·25397/2²⁰ and 2·809709/2²⁵.
		{"n=20, T-=52", signs(20, 1, 2, 3, 4, 5, 6, 7, 8, 16), 210 - 52, 2 * 25397.0 / (1 << 20), 1e-15},
		{"n=25, T-=89", signs(25, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 23), 325 - 89, 2 * 809709.0 / (1 << 25), 1e-15},
		// Middle of the distribution: p capped at 1 (n = 2, W+ = 1 or 2:
		// P(W+ ≤ 1) = P(W+ ≥ 2) = 2/4, doubled to 1).
		{"cap", []float64{-1, 2}, 2, 1, 0},
		// n = 26 is past the exact limit: normal approximation with
		// continuity correction. Negative ranks 1,3,5,8,13,21 sum to 51,
		// W+ = 351 − 51 = 300, μ = 175.5, σ² = 26·27·53/24 = 1550.25,
		// z = 124/39.373214 = 3.1493492, p = erfc(z/√2) = 0.00163635
		// (Python math.erfc, independent of gonum).
		{"n=26 normal", signs(26, 1, 3, 5, 8, 13, 21), 300, 0.0016363454742639, 1e-12},
		// With ties (Wikipedia's example; the zero is dropped): |d| =
		// 5,5,7,9,10,12,15,17,20 have midranks 1.5,1.5,3,…,9; W+ = 7 + 1.5
		// + 9 + 8 + 1.5 = 27, μ = 22.5, σ² = 71.25 − 6/48 = 71.125,
		// z = 4/8.4335638 = 0.4742953, p = 0.6352893.
		{"ties", []float64{15, -7, 5, 20, 0, -9, 17, -12, 5, -10}, 27, 0.6352893188352069, 1e-12},
		{"all zero", []float64{0, 0}, math.NaN(), math.NaN(), 0},
	}
	for _, tt := range tests {
		w, p := signedRank(tt.d)
		if !near(w, tt.w, 0) || !near(p, tt.p, tt.tol) {
			t.Errorf("%s: W+ = %v, p = %.12g; want %v, %.12g", tt.name, w, p, tt.w, tt.p)
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
