package analysis

import (
	"math"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// Welch returns Welch's unequal-variance t test of mean(a) = mean(b):
//
//	t  = (ā − b̄) / √(s_a²/m + s_b²/n)
//	df = (s_a²/m + s_b²/n)² / ((s_a²/m)²/(m−1) + (s_b²/n)²/(n−1))   (Welch–Satterthwaite)
//
// and the two-sided p-value 2·P(T_df > |t|). The samples are unpaired; NaN
// values are left out. With fewer than two values in either sample, or no
// variance in both, all three are NaN.
func Welch(a, b []float64) (t, df, p float64) {
	a, b = finite(a), finite(b)
	if len(a) < 2 || len(b) < 2 {
		return math.NaN(), math.NaN(), math.NaN()
	}
	ma, va := stat.MeanVariance(a, nil)
	mb, vb := stat.MeanVariance(b, nil)
	m, n := float64(len(a)), float64(len(b))
	ea, eb := va/m, vb/n // squared standard errors of the two means
	if ea+eb == 0 {
		return math.NaN(), math.NaN(), math.NaN()
	}
	t = (ma - mb) / math.Sqrt(ea+eb)
	df = (ea + eb) * (ea + eb) / (ea*ea/(m-1) + eb*eb/(n-1))
	return t, df, tTwoSided(t, df)
}

// exactSignedRankMax is the largest number of nonzero differences for which
// the signed-rank p-value comes from the exact null distribution.
const exactSignedRankMax = 25

// signedRank is the two-sided Wilcoxon signed-rank test of the differences
// d (NaN-free) having a median of zero. Zero differences are dropped before
// ranking (Wilcoxon's convention, not Pratt's); |d| are ranked with midranks
// and w is W+, the sum of the ranks of the positive differences.
//
// With n ≤ 25 nonzero differences and no ties in |d| the p-value is exact,
// 2·min(P(W+ ≤ w), P(W+ ≥ w)) capped at 1, under the null distribution of W+:
// each of the 2ⁿ sign patterns equally likely, the number of patterns with
// rank sum s counted by dynamic programming over the ranks 1…n. Otherwise it
// is the normal approximation with tie and continuity corrections:
//
//	z = max(|w − n(n+1)/4| − ½, 0) / √(n(n+1)(2n+1)/24 − Σ(t³−t)/48)
//
// With no nonzero difference both are NaN.
func signedRank(d []float64) (w, p float64) {
	abs := make([]float64, 0, len(d))
	for _, x := range d {
		if x != 0 {
			abs = append(abs, math.Abs(x))
		}
	}
	n := len(abs)
	if n == 0 {
		return math.NaN(), math.NaN()
	}
	ranks, ties := midranks(abs)
	k := 0
	for _, x := range d {
		if x == 0 {
			continue
		}
		if x > 0 {
			w += ranks[k]
		}
		k++
	}
	if n <= exactSignedRankMax && ties == 0 {
		return w, exactSignedRankP(n, int(w))
	}
	nf := float64(n)
	mean := nf * (nf + 1) / 4
	sd := math.Sqrt(nf*(nf+1)*(2*nf+1)/24 - ties/48)
	z := math.Max(math.Abs(w-mean)-0.5, 0) / sd
	return w, 2 * distuv.UnitNormal.Survival(z)
}

// exactSignedRankP is the exact two-sided p-value of W+ = w with n untied
// nonzero differences. count[s] is the number of subsets of the ranks {1…n}
// summing to s, built one rank at a time as in a 0/1 knapsack; counts stay
// below 2²⁵ for n ≤ 25, so float64 holds them exactly.
func exactSignedRankP(n, w int) float64 {
	top := n * (n + 1) / 2
	count := make([]float64, top+1)
	count[0] = 1
	for r := 1; r <= n; r++ {
		for s := top; s >= r; s-- {
			count[s] += count[s-r]
		}
	}
	var below, above float64 // patterns with W+ ≤ w and W+ ≥ w
	for s, c := range count {
		if s <= w {
			below += c
		}
		if s >= w {
			above += c
		}
	}
	return math.Min(1, 2*math.Min(below, above)/math.Ldexp(1, n))
}
