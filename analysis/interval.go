package analysis

import (
	"math"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// Estimate is a mean over replicates with a two-sided t confidence interval.
type Estimate struct {
	Mean   float64
	Lo, Hi float64 // confidence interval; NaN with fewer than two values
	SD     float64
	N      int // values used (NaN values are left out)
}

// MeanCI returns the mean of the finite values of xs with a two-sided
// Student-t confidence interval at the given level (e.g. 0.95):
//
//	x̄ ± t_{1−α/2, n−1} · s/√n
//
// NaN values (a metric undefined in a run, such as cost per outcome with no
// outcome) are left out and not counted in N.
func MeanCI(xs []float64, level float64) Estimate {
	vals := make([]float64, 0, len(xs))
	for _, x := range xs {
		if !math.IsNaN(x) {
			vals = append(vals, x)
		}
	}
	e := Estimate{Mean: math.NaN(), Lo: math.NaN(), Hi: math.NaN(), SD: math.NaN(), N: len(vals)}
	if e.N == 0 {
		return e
	}
	e.Mean = stat.Mean(vals, nil)
	if e.N < 2 {
		return e
	}
	e.SD = stat.StdDev(vals, nil)
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(e.N - 1)}.Quantile(1 - (1-level)/2)
	half := t * e.SD / math.Sqrt(float64(e.N))
	e.Lo, e.Hi = e.Mean-half, e.Mean+half
	return e
}

// Clip returns the estimate with its interval cut to [lo, hi], the values
// the mean can take: a t interval on few or skewed values can reach past
// them (a rate's interval above 1).
func (e Estimate) Clip(lo, hi float64) Estimate {
	e.Lo, e.Hi = max(e.Lo, lo), min(e.Hi, hi)
	return e
}
