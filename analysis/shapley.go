package analysis

import (
	"math"
	"math/rand/v2"
	"slices"
)

// A coalition is a set of at most 64 players as a bit mask: player i is in
// it when bit i is set.

// ShapleyExact is the Shapley value of each of n players of the game v
// (Shapley 1953):
//
//	φ_i = Σ_{S ⊆ N∖{i}} |S|!·(n − |S| − 1)!/n! · (v(S ∪ {i}) − v(S))
//
// v is called once for each of the 2ⁿ coalitions. The values add up to
// v(N) − v(∅) (efficiency). ShapleyExact panics if n > 30.
func ShapleyExact(n int, v func(mask uint64) float64) []float64 {
	if n > 30 {
		panic("analysis: exact Shapley values of more than 30 players")
	}
	vals := make([]float64, 1<<n)
	for m := range vals {
		vals[m] = v(uint64(m))
	}
	// weight[s] = s!(n−s−1)!/n!, computed in logs to stay finite.
	weight := make([]float64, n)
	lf := func(k int) float64 { x, _ := math.Lgamma(float64(k) + 1); return x }
	for s := range weight {
		weight[s] = math.Exp(lf(s) + lf(n-s-1) - lf(n))
	}
	phi := make([]float64, n)
	for m := range vals {
		s := popcount(uint64(m))
		for i := range n {
			if m&(1<<i) == 0 {
				phi[i] += weight[s] * (vals[m|1<<i] - vals[m])
			}
		}
	}
	return phi
}

// ShapleySampled estimates the Shapley values from the given orderings of
// the players (Castro, Gómez & Tejada 2009): each ordering adds the players
// one by one, and a player's value is its mean marginal contribution
// v(before ∪ {i}) − v(before) over the orderings. Every ordering's
// contributions add up to v(N) − v(∅), so the estimates do too.
func ShapleySampled(orders [][]int, v func(mask uint64) float64) []float64 {
	if len(orders) == 0 {
		return nil
	}
	phi := make([]float64, len(orders[0]))
	for _, order := range orders {
		mask := uint64(0)
		prev := v(0)
		for _, i := range order {
			mask |= 1 << i
			next := v(mask)
			phi[i] += next - prev
			prev = next
		}
	}
	for i := range phi {
		phi[i] /= float64(len(orders))
	}
	return phi
}

// ShapleyOrders draws count orderings of n players for ShapleySampled:
// uniform random permutations in antithetic pairs (each followed by its
// reverse, which lowers the estimates' variance; Mitchell et al. 2022).
// count is rounded up to an even number.
func ShapleyOrders(n, count int, rng *rand.Rand) [][]int {
	var out [][]int
	for len(out) < count {
		p := rng.Perm(n)
		r := slices.Clone(p)
		slices.Reverse(r)
		out = append(out, p, r)
	}
	return out
}

// ShapleyCoalitions lists, in a fixed order without repeats, the coalitions
// whose values ShapleySampled needs for the orderings; with no orderings,
// all 2ⁿ coalitions (what ShapleyExact needs).
func ShapleyCoalitions(n int, orders [][]int) []uint64 {
	if orders == nil {
		out := make([]uint64, 1<<n)
		for m := range out {
			out[m] = uint64(m)
		}
		return out
	}
	seen := map[uint64]bool{0: true}
	out := []uint64{0}
	for _, order := range orders {
		mask := uint64(0)
		for _, i := range order {
			mask |= 1 << i
			if !seen[mask] {
				seen[mask] = true
				out = append(out, mask)
			}
		}
	}
	return out
}

func popcount(m uint64) int {
	n := 0
	for ; m != 0; m &= m - 1 {
		n++
	}
	return n
}
