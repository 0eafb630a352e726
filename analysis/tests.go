package analysis

import (
	"math"

	"gonum.org/v1/gonum/stat"
)

// Welch returns Welch's unequal-variance t test of mean(a) = mean(b):
//
//	t  = (ā − b̄) / √(s_a²/m + s_b²/n)
//	df = (s_a²/m + s_b²/n)² / ((s_a²/m)²/(m−1) + (s_b²/n)²/(n−1))   (Welch–Satterthwaite)
//
// and the two-sided p-value 2·P(T_df > |t|), as R's t.test(a, b) computes
// them; a p-value below PMin is reported as PMin (see PIsBound). The
// samples are unpaired; NaN values are left out. With fewer than two values
// in either sample, or no variance in both, all three are NaN.
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

// exactSignedRankBelow is R's limit for the exact signed-rank test: with
// fewer nonzero differences than this, and no ties or zeros among them, the
// p-value comes from the exact null distribution (wilcox.test with its
// default exact = NULL: exact when n < 50).
const exactSignedRankBelow = 50

// signedRank is the two-sided Wilcoxon signed-rank test of the differences
// d (NaN-free) having a median of zero, as R's wilcox.test(x, y, paired =
// TRUE) computes it with its defaults (exact = NULL, correct = TRUE). Zero
// differences are dropped before ranking (Wilcoxon's convention, not
// Pratt's), |d| are ranked with midranks, and w is W+ (R's V), the sum of
// the ranks of the positive differences (Hollander & Wolfe 1999,
// Nonparametric Statistical Methods, 2nd ed., §3.1).
//
// With n < 50 nonzero differences, no ties in |d| and no zero dropped, p is
// exact (exactSignedRankP) and exact is true; otherwise it is the normal
// approximation with tie and continuity corrections (signedRankNormalP). R
// switches to the approximation when there are ties or zeros because the
// exact null distribution assumes untied ranks 1…n. SciPy's wilcoxon
// (method 'auto', checked in SciPy 1.10.1) also takes the exact distribution
// without zeros, but up to n ≤ 50 and even with ties; cisim follows R.
//
// With no nonzero difference w and p are NaN.
func signedRank(d []float64) (w, p float64, exact bool) {
	abs := make([]float64, 0, len(d))
	zeros := false
	for _, x := range d {
		if x == 0 {
			zeros = true
			continue
		}
		abs = append(abs, math.Abs(x))
	}
	n := len(abs)
	if n == 0 {
		return math.NaN(), math.NaN(), false
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
	if n < exactSignedRankBelow && ties == 0 && !zeros {
		return w, exactSignedRankP(n, w), true
	}
	return w, signedRankNormalP(n, w, ties), false
}

// exactSignedRankP is the exact two-sided p-value of W+ = w with n untied
// nonzero differences. Under the null hypothesis each of the 2ⁿ sign
// patterns is equally likely, and W+ is symmetric about n(n+1)/4, so
//
//	p = min(1, 2·P(W+ ≤ k)),  k = min(w, n(n+1)/2 − w),
//
// the same as R's min(1, 2·psignrank(…)) on the nearer tail. count[s] is the
// number of subsets of the ranks {1…n} summing to s ≤ k, built one rank at a
// time as in a 0/1 knapsack (the recurrence of R's csignrank). For n < 50
// the counts and their sum stay below 2⁵³, so p is 2·Σcount·2⁻ⁿ rounded once.
func exactSignedRankP(n int, w float64) float64 {
	k := int(math.Min(w, float64(n*(n+1)/2)-w))
	count := make([]float64, k+1)
	count[0] = 1
	for r := 1; r <= n; r++ {
		for s := k; s >= r; s-- {
			count[s] += count[s-r]
		}
	}
	var below float64 // sign patterns with W+ ≤ k
	for _, c := range count {
		below += c
	}
	return math.Min(1, math.Ldexp(2*below, -n))
}

// signedRankNormalP is the two-sided p-value of W+ = w with n nonzero
// differences whose |d| have the tie term ties = Σ(t³ − t), from the normal
// approximation with R's continuity correction:
//
//	μ = n(n+1)/4,  σ² = n(n+1)(2n+1)/24 − Σ(t³ − t)/48,
//	z = (w − μ − ½·sign(w − μ)) / σ,  p = 2·Φ(−|z|)
//
// (Hollander & Wolfe 1999, §3.1; R's wilcox.test with
// correct = TRUE). It is bounded below by PMin, like every p-value here.
func signedRankNormalP(n int, w, ties float64) float64 {
	nf := float64(n)
	dev := math.Abs(w - nf*(nf+1)/4)
	if dev > 0 {
		dev -= 0.5
	}
	sd := math.Sqrt(nf*(nf+1)*(2*nf+1)/24 - ties/48)
	return normalTwoSided(dev / sd)
}
