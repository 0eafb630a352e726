package analysis

import "math"

// RankSum is the Wilcoxon rank-sum (Mann–Whitney) test of whether a tends
// to lie above or below b, unpaired: W = R_a − m(m+1)/2, the number of
// pairs (a_i, b_j) with a_i > b_j, ties counting ½, and the two-sided
// p-value of its normal approximation with continuity and tie corrections,
//
//	σ² = m·n/12 · (N + 1 − Σ(t³ − t)/(N(N − 1))),  z = (W − m·n/2 − ½·sign)/σ
//
// (Hollander & Wolfe 1999, §4.1; R's wilcox.test with exact = FALSE).
// It is meant for the larger samples of runs (a few tens upward) where the
// approximation holds. NaN values are left out; with an empty sample, or
// every value tied, p is NaN.
func RankSum(a, b []float64) (w, p float64) {
	a, b = finite(a), finite(b)
	m, n := float64(len(a)), float64(len(b))
	if m == 0 || n == 0 {
		return math.NaN(), math.NaN()
	}
	ranks, ties := midranks(append(a, b...))
	var ra float64
	for _, r := range ranks[:len(a)] {
		ra += r
	}
	w = ra - m*(m+1)/2
	N := m + n
	sd := math.Sqrt(m * n / 12 * (N + 1 - ties/(N*(N-1))))
	dev := math.Abs(w - m*n/2)
	if dev > 0 {
		dev = math.Max(dev-0.5, 0)
	}
	if sd == 0 {
		return w, math.NaN()
	}
	return w, normalTwoSided(dev / sd)
}
