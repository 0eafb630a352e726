package analysis

import (
	"math"
)

// VarghaDelaney returns the Vargha–Delaney A12 effect size of a over b: the
// probability that a value drawn at random from a exceeds one drawn from b,
// ties counting ½, over all m·n pairs:
//
//	A12 = (#{a_i > b_j} + ½·#{a_i = b_j}) / (m·n) = (R_a/m − (m+1)/2) / n
//
// where R_a is the sum of the midranks of a in the pooled sample. The samples
// are unpaired and may differ in length. A12 = 0.5 means no tendency either
// way. NaN values are left out; with an empty sample the result is NaN.
func VarghaDelaney(a, b []float64) float64 {
	a, b = finite(a), finite(b)
	m, n := len(a), len(b)
	if m == 0 || n == 0 {
		return math.NaN()
	}
	ranks, _ := midranks(append(a, b...))
	var ra float64
	for _, r := range ranks[:m] {
		ra += r
	}
	return (ra/float64(m) - float64(m+1)/2) / float64(n)
}

// A12Magnitude names the size of a Vargha–Delaney A12 effect by |A12 − 0.5|,
// with the thresholds of Vargha & Delaney (2000), which correspond to Cohen's
// d of 0.2, 0.5 and 0.8:
//
//	< 0.06 negligible, < 0.14 small, < 0.21 medium, otherwise large
//
// (A12 = 0.56, 0.64 and 0.71, or 0.44, 0.36 and 0.29 the other way). The
// comparison allows 1e-9 for rounding, so A12 = 0.71 is "large". A NaN A12
// is "undefined".
func A12Magnitude(a12 float64) string {
	const slack = 1e-9
	d := math.Abs(a12 - 0.5)
	switch {
	case math.IsNaN(d):
		return "undefined"
	case d < 0.06-slack:
		return "negligible"
	case d < 0.14-slack:
		return "small"
	case d < 0.21-slack:
		return "medium"
	default:
		return "large"
	}
}
