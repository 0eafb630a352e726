package abc

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
)

// Summary describes a weighted sample of d-dimensional points, such as a
// generation's particles in z or, mapped by the caller, in the parameters'
// own units.
type Summary struct {
	Mean       []float64   // weighted mean per dimension
	SD         []float64   // weighted standard deviation per dimension, √Covariance[k][k]
	Quantiles  [][]float64 // Quantiles[k][j]: dimension k's quantile at probability ps[j]
	Covariance [][]float64 // Σ_kl = Σ_i w_i (x_ik − μ_k)(x_il − μ_l) / Σ_i w_i
	ESS        float64     // (Σ w_i)² / Σ w_i²
}

// Summarize describes the points x[i] with weights w[i] ≥ 0 and the
// quantiles at probabilities ps in [0, 1]. The covariance and SD are the
// plug-in (weighted "population") ones, without a small-sample correction:
// a correction of 1/(1 − 1/ESS) is below 0.1% at the ESS a run keeps. The
// quantile at p is the inverse of the weighted empirical distribution
// function: the smallest x_ik whose cumulative weight, in ascending order,
// reaches p·Σ w (gonum's stat.Empirical). Points of zero weight play no
// part. It panics if no weight is positive or the shapes disagree.
func Summarize(x [][]float64, w []float64, ps []float64) Summary {
	if len(x) != len(w) || len(x) == 0 {
		panic(fmt.Sprintf("abc: Summarize of %d points with %d weights", len(x), len(w)))
	}
	d := len(x[0])
	cov, mean := covariance(x, w, d)
	s := Summary{Mean: mean, SD: make([]float64, d), Quantiles: make([][]float64, d), Covariance: make([][]float64, d), ESS: ess(w)}
	for k := range d {
		s.SD[k] = math.Sqrt(cov.At(k, k))
		s.Covariance[k] = make([]float64, d)
		for l := range d {
			s.Covariance[k][l] = cov.At(k, l)
		}
		s.Quantiles[k] = quantiles(column(x, w, k), ps)
	}
	return s
}

// Summary describes pop's particles in latent z.
func (p Population) Summary(ps []float64) Summary {
	return Summarize(points(p.Particles), weights(p.Particles), ps)
}

// covariance is the plug-in weighted covariance of the points x (d each)
// and their weighted mean. Weights need not sum to 1; at least one must be
// positive.
func covariance(x [][]float64, w []float64, d int) (*mat.SymDense, []float64) {
	var total float64
	for _, v := range w {
		total += v
	}
	if !(total > 0) {
		panic("abc: covariance of points with no positive weight")
	}
	// Rows of c are dimensions, columns points: c_ki = √w_i (x_ik − μ_k),
	// so Σ = c cᵀ / Σ w.
	c := mat.NewDense(d, len(x), nil)
	mean := make([]float64, d)
	col := make([]float64, len(x))
	for k := range d {
		for i, p := range x {
			col[i] = p[k]
		}
		mean[k] = stat.Mean(col, w)
		for i, p := range x {
			c.Set(k, i, math.Sqrt(w[i])*(p[k]-mean[k]))
		}
	}
	cov := mat.NewSymDense(d, nil)
	cov.SymOuterK(1/total, c)
	return cov, mean
}

// weighted is one value and its weight.
type weighted struct{ x, w float64 }

// column is dimension k of the points of positive weight, ascending.
func column(x [][]float64, w []float64, k int) []weighted {
	var c []weighted
	for i, p := range x {
		if w[i] > 0 {
			c = append(c, weighted{p[k], w[i]})
		}
	}
	slices.SortFunc(c, func(a, b weighted) int {
		switch {
		case a.x < b.x:
			return -1
		case a.x > b.x:
			return 1
		}
		return 0
	})
	return c
}

// quantiles of a sorted weighted column at ps (see Summarize). p = 1 is
// the largest value, which gonum's search could miss on rounding.
func quantiles(c []weighted, ps []float64) []float64 {
	x := make([]float64, len(c))
	w := make([]float64, len(c))
	for i, v := range c {
		x[i], w[i] = v.x, v.w
	}
	q := make([]float64, len(ps))
	for j, p := range ps {
		if p == 1 {
			q[j] = x[len(x)-1]
			continue
		}
		q[j] = stat.Quantile(p, stat.Empirical, x, w)
	}
	return q
}
