package sensitivity

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/stat"

	"github.com/cisim/cisim/analysis"
)

// Index is a sensitivity index with its percentile bootstrap confidence
// interval.
type Index struct {
	Value  float64 // estimate from all the runs
	Lo, Hi float64 // bootstrap interval; NaN where no resample gives a value
}

// SobolIndex holds one factor's first-order and total Sobol indices.
type SobolIndex struct {
	S1 Index // share of the output variance due to the factor alone
	ST Index // share due to the factor and all its interactions
}

// SaltelliDesign returns the N(k+2) input rows, scaled to the k factors'
// ranges, whose outputs SobolIndices takes, in SALib's order (its
// saltelli/sobol sampler without second order): for each base row
// j = 0 … n−1 in turn, the block of k+2 rows
//
//	A_j, A_B^(1)_j, …, A_B^(k)_j, B_j
//
// where A_j and B_j are dimensions 1…k and k+1…2k of point skip+j of the
// 2k-dimensional Sobol sequence, and A_B^(i) is A with column i taken from
// B. Blocks let a run cut short be analysed on its first whole blocks.
//
// Use n a power of two and skip = 0 (or a multiple of n): the base rows are
// then a (t, m, 2k)-net. SALib's old sampler skipped 2^m ≥ n points to avoid
// the origin; Owen (2020) shows dropping it loses that balance, and the
// estimators are fine with it, so the default here keeps it. SaltelliDesign
// panics if n < 1, skip < 0, or 2k is not in [2, MaxDim].
func SaltelliDesign(n int, factors []Factor, skip int) [][]float64 {
	k := len(factors)
	if n < 1 || skip < 0 || k < 1 || 2*k > MaxDim {
		panic(fmt.Sprintf("sensitivity: Saltelli design of %d base rows from point %d for %d factors (at most %d)", n, skip, k, MaxDim/2))
	}
	base := SobolPoints(n, 2*k, skip)
	unit := make([][]float64, 0, n*(k+2))
	flat := make([]float64, n*k*k)
	for _, p := range base {
		a, b := p[:k], p[k:]
		unit = append(unit, a)
		for i := range k {
			ab := flat[:k:k]
			flat = flat[k:]
			copy(ab, a)
			ab[i] = b[i]
			unit = append(unit, ab)
		}
		unit = append(unit, b)
	}
	return Scale(unit, factors)
}

// saltelliRuns holds the outputs of a Saltelli design split by matrix.
type saltelliRuns struct {
	a, b []float64
	ab   [][]float64 // ab[i][j]: f(A_B^(i)) at base row j
	buf  []float64   // scratch for the f(A) and f(B) of a resample
}

func splitSaltelli(y []float64, n, k int) saltelliRuns {
	if n < 1 || k < 1 || len(y) != n*(k+2) {
		panic(fmt.Sprintf("sensitivity: %d outputs for %d base rows of %d factors, want %d", len(y), n, k, n*(k+2)))
	}
	r := saltelliRuns{a: make([]float64, n), b: make([]float64, n), ab: make([][]float64, k), buf: make([]float64, 0, 2*n)}
	for i := range r.ab {
		r.ab[i] = make([]float64, n)
	}
	for j := range n {
		block := y[j*(k+2) : (j+1)*(k+2)]
		r.a[j], r.b[j] = block[0], block[k+1]
		for i := range k {
			r.ab[i][j] = block[1+i]
		}
	}
	return r
}

// indices returns factor i's S1 and ST over the base rows rows (repeats
// allowed, as in a bootstrap resample), or over all rows if rows is nil.
func (r *saltelliRuns) indices(i int, rows []int) (s1, st float64) {
	n := len(r.a)
	if rows != nil {
		n = len(rows)
	}
	ab := r.buf[:0]
	var first, total float64
	for j := range n {
		row := j
		if rows != nil {
			row = rows[j]
		}
		fa, fb, fab := r.a[row], r.b[row], r.ab[i][row]
		ab = append(ab, fa, fb)
		first += fb * (fab - fa)
		total += (fa - fab) * (fa - fab)
	}
	r.buf = ab
	v := stat.PopVariance(ab, nil)
	return first / float64(n) / v, total / float64(n) / (2 * v)
}

// SobolIndices estimates each factor's first-order and total Sobol indices
// from the outputs y of the rows of SaltelliDesign(n, factors, skip), in
// that order, for k factors. With V the variance of the 2N outputs f(A) and
// f(B) (divisor 2N, as SALib),
//
//	S1_i = mean_j f(B_j)·(f(A_B^(i)_j) − f(A_j)) / V      (Saltelli et al. 2010)
//	ST_i = mean_j (f(A_j) − f(A_B^(i)_j))² / (2V)         (Jansen 1999)
//
// Each interval is analysis.BootstrapIndexCI's percentile interval at level
// over resamples resamples of the n base rows (the k+2 outputs of a row
// stay together). The bootstrap treats the rows as independent, so for Sobol
// points it overstates the error. Draws come only from rng: a seed gives
// the same intervals. Constant outputs, or any NaN output, give NaN
// indices. SobolIndices panics if len(y) ≠ n(k+2) or on BootstrapIndexCI's
// conditions.
func SobolIndices(y []float64, n, k, resamples int, level float64, rng *rand.Rand) []SobolIndex {
	runs := splitSaltelli(y, n, k)
	out := make([]SobolIndex, k)
	if slices.ContainsFunc(y, math.IsNaN) {
		// A run without a value leaves the design unbalanced; leaving its
		// row out would bias the bootstrap, so nothing is estimated.
		nan := Index{math.NaN(), math.NaN(), math.NaN()}
		for i := range out {
			out[i] = SobolIndex{nan, nan}
		}
		return out
	}
	for i := range out {
		s1, st := runs.indices(i, nil)
		out[i].S1.Value, out[i].ST.Value = s1, st
		out[i].S1.Lo, out[i].S1.Hi = analysis.BootstrapIndexCI(n, func(rows []int) float64 {
			s1, _ := runs.indices(i, rows)
			return s1
		}, level, resamples, rng)
		out[i].ST.Lo, out[i].ST.Hi = analysis.BootstrapIndexCI(n, func(rows []int) float64 {
			_, st := runs.indices(i, rows)
			return st
		}, level, resamples, rng)
	}
	return out
}
