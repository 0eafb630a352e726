package analysis

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/stat"
)

// Sample quantiles follow one of the definitions of Hyndman & Fan (1996),
// "Sample quantiles in statistical packages", The American Statistician
// 50(4):361–365. With the sorted values x_(1) ≤ … ≤ x_(n), each puts x_(k)
// at a cumulative probability p_k and interpolates linearly in p between:
//
//	type 4: p_k = k/n             (gonum's stat.LinInterp; Quantiles)
//	type 7: p_k = (k − 1)/(n − 1) (R's and numpy's default; QuantilesType7)
//
// Type 4 gives x_(1) for every p below 1/n; type 7 spans x_(1) to x_(n)
// exactly as p goes from 0 to 1. On {1, 2, 3, 4} the median is 2 by type 4
// and 2.5 by type 7. Type 7's position h = 1 + (n − 1)·p is type 4's n·p
// plus 1 − p, so the two differ by less than one step along the sorted
// values, and by little once the values lie close together.

// Quantiles returns the Hyndman–Fan type 4 quantiles of xs at the
// probabilities ps (each in [0, 1]; Quantiles panics otherwise), e.g. p05,
// p50 and p95 of a time series, leaving out NaN values and not modifying xs.
// It uses gonum's stat.Quantile with stat.LinInterp on a sorted copy: with
// n values, p = k/n gives x_(k), values in between are linear in p, and
// p < 1/n gives x_(1) (so the p50 of {1,2,3,4} is 2, not 2.5). Compare
// with R's quantile(x, p, type = 4); for R's and numpy's default use
// QuantilesType7. With no values every quantile is NaN.
//
// The result is written to dst if cap(dst) ≥ len(ps), else to a new slice,
// and returned with length len(ps).
func Quantiles(xs []float64, ps []float64, dst []float64) []float64 {
	return quantiles(xs, ps, dst, quantileSorted)
}

// QuantilesType7 is Quantiles by Hyndman–Fan type 7, the default of R's
// quantile and of numpy's quantile and percentile: with n sorted values and
//
//	h = 1 + (n − 1)·p,  j = ⌊h⌋,  γ = h − j,
//	Q(p) = (1 − γ)·x_(j) + γ·x_(j+1)   (x_(j) alone when γ = 0),
//
// computed with R's operations in R's order, so it returns the same
// float64 as R's quantile(x, p, type = 7) (checked with R 4.2.2). Like Quantiles it
// leaves out NaN values, does not modify xs, writes to dst if it is large
// enough, returns NaN with no values and panics on p outside [0, 1].
func QuantilesType7(xs []float64, ps []float64, dst []float64) []float64 {
	return quantiles(xs, ps, dst, quantileType7)
}

// quantiles is Quantiles and QuantilesType7 with the quantile of sorted
// NaN-free values as q.
func quantiles(xs, ps, dst []float64, q func(p float64, sorted []float64) float64) []float64 {
	if cap(dst) < len(ps) {
		dst = make([]float64, len(ps))
	}
	dst = dst[:len(ps)]
	sorted := finite(xs)
	slices.Sort(sorted)
	for i, p := range ps {
		if !(p >= 0 && p <= 1) {
			panic(fmt.Sprintf("analysis: quantile probability %v not in [0, 1]", p))
		}
		dst[i] = q(p, sorted)
	}
	return dst
}

// quantileSorted is the stat.LinInterp (type 4) quantile p of sorted
// NaN-free values, or NaN if there are none.
func quantileSorted(p float64, sorted []float64) float64 {
	if len(sorted) == 0 {
		return math.NaN()
	}
	return stat.Quantile(p, stat.LinInterp, sorted, nil)
}

// quantileType7 is the type 7 quantile p of sorted NaN-free values, or NaN
// if there are none. It follows R's quantile.default: index = 1 + (n−1)·p,
// and (1 − h)·x[lo] + h·x[hi] only where index > lo and x[hi] ≠ x[lo]. The
// conversions to float64 keep Go from fusing a multiply and an add (which
// the language allows, and R does not do), so each product is rounded as
// in R.
func quantileType7(p float64, sorted []float64) float64 {
	n := len(sorted)
	if n == 0 {
		return math.NaN()
	}
	index := 1 + float64(float64(n-1)*p)
	lo := math.Floor(index)
	q := sorted[int(lo)-1]
	if index > lo && sorted[int(lo)] != q {
		h := index - lo
		q = float64((1-h)*q) + float64(h*sorted[int(lo)])
	}
	return q
}
