package sensitivity

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Factor is a model input (a lever) varied over [Lo, Hi]. An Integer factor
// takes the whole numbers Lo, Lo+1, …, Hi (Lo and Hi whole); a bool lever is
// the Integer factor 0–1.
type Factor struct {
	Name    string
	Lo, Hi  float64
	Integer bool
}

// Scale maps u in the unit interval to the factor's range: Lo + u·(Hi − Lo),
// or for an Integer factor floor(u·(Hi − Lo + 1)) + Lo, capped at Hi for
// u = 1, so that each of the Hi − Lo + 1 values gets an equal share of
// [0, 1) (an engagement rung 0–4 gets u in [0, .2) → 0, [.2, .4) → 1, …).
func (f Factor) Scale(u float64) float64 {
	if !f.Integer {
		return f.Lo + u*(f.Hi-f.Lo)
	}
	return min(math.Floor(u*(f.Hi-f.Lo+1))+f.Lo, f.Hi)
}

// Scale returns the rows of a unit-cube design mapped to the factors'
// ranges, one column per factor, in new rows. It panics if a row's length
// is not len(factors).
func Scale(unit [][]float64, factors []Factor) [][]float64 {
	k := len(factors)
	out := make([][]float64, len(unit))
	flat := make([]float64, len(unit)*k)
	for i, u := range unit {
		if len(u) != k {
			panic(fmt.Sprintf("sensitivity: row %d has %d values for %d factors", i, len(u), k))
		}
		out[i] = flat[i*k : (i+1)*k : (i+1)*k]
		for j, f := range factors {
			out[i][j] = f.Scale(u[j])
		}
	}
	return out
}

// Levels returns steps values evenly spaced from lo to hi inclusive (lo
// alone for one step), as a sweep's LO,HI,STEPS lever gives them. It panics
// if steps < 1.
func Levels(lo, hi float64, steps int) []float64 {
	if steps < 1 {
		panic(fmt.Sprintf("sensitivity: %d levels", steps))
	}
	vs := make([]float64, steps)
	for i := range vs {
		if steps == 1 {
			vs[i] = lo
			continue
		}
		// lo + i·(hi−lo)/(steps−1) would miss hi by rounding.
		t := float64(i) / float64(steps-1)
		vs[i] = lo*(1-t) + hi*t
	}
	return vs
}

// Grid returns the full factorial design of the given levels, one list per
// factor: every combination once, the last factor varying fastest (as
// nested loops in factor order would give them), ∏ len(levels[j]) rows.
// With no factors, or a factor without levels, there are no rows.
func Grid(levels ...[]float64) [][]float64 {
	k := len(levels)
	n := 1
	for _, l := range levels {
		n *= len(l)
	}
	if k == 0 || n == 0 {
		return nil
	}
	rows := make([][]float64, n)
	flat := make([]float64, n*k)
	idx := make([]int, k)
	for i := range rows {
		rows[i] = flat[i*k : (i+1)*k : (i+1)*k]
		for j, l := range levels {
			rows[i][j] = l[idx[j]]
		}
		for j := k - 1; j >= 0; j-- {
			if idx[j]++; idx[j] < len(levels[j]) {
				break
			}
			idx[j] = 0
		}
	}
	return rows
}

// LHS returns a Latin hypercube sample of n points in the k-dimensional unit
// cube: in each coordinate the intervals [i/n, (i+1)/n) hold one point each,
// at a uniform place within it, the intervals matched across coordinates by
// independent random permutations. Map it to levers with Scale. This is the
// algorithm of gonum's samplemv.LatinHypercube, written here because
// samplemv's import of distmv would add golang.org/x/tools to the module.
// LHS panics if n or k < 1 or rng is nil.
func LHS(n, k int, rng *rand.Rand) [][]float64 {
	if n < 1 || k < 1 || rng == nil {
		panic(fmt.Sprintf("sensitivity: LHS of %d points in %d dimensions needs a random source", n, k))
	}
	rows := make([][]float64, n)
	flat := make([]float64, n*k)
	for i := range rows {
		rows[i] = flat[i*k : (i+1)*k : (i+1)*k]
	}
	for j := range k {
		for i, stratum := range rng.Perm(n) {
			rows[i][j] = (float64(stratum) + rng.Float64()) / float64(n)
		}
	}
	return rows
}
