package analysis

import (
	"cmp"
	"math"
	"slices"
)

// finite returns the values of xs that are not NaN, in order, in a new slice.
func finite(xs []float64) []float64 {
	vals := make([]float64, 0, len(xs))
	for _, x := range xs {
		if !math.IsNaN(x) {
			vals = append(vals, x)
		}
	}
	return vals
}

// midranks returns the ranks (1-based) of vs, tied values sharing the mean
// of the ranks they span, and the tie term Σ(t³ − t) over groups of t tied
// values used by rank tests' variance corrections.
func midranks(vs []float64) (ranks []float64, ties float64) {
	order := make([]int, len(vs))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(i, j int) int { return cmp.Compare(vs[i], vs[j]) })
	ranks = make([]float64, len(vs))
	for lo := 0; lo < len(order); {
		hi := lo + 1
		for hi < len(order) && vs[order[hi]] == vs[order[lo]] {
			hi++
		}
		r := float64(lo+1+hi) / 2 // mean of ranks lo+1 … hi
		for _, k := range order[lo:hi] {
			ranks[k] = r
		}
		if t := float64(hi - lo); t > 1 {
			ties += t*t*t - t
		}
		lo = hi
	}
	return ranks, ties
}
