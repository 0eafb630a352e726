package robust

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// Comparison says where rankings of the same designs disagree.
type Comparison struct {
	// Pairs compares every two rankings, in the order (0, 1), (0, 2), …,
	// (1, 2), …
	Pairs []Pair
	// Firsts[d] lists the rankings (indices) that put design d first,
	// alone or tied: "Laplace prefers B, minimax regret prefers C".
	Firsts [][]int
}

// Pair compares rankings I and J (indices into the rankings compared).
type Pair struct {
	I, J int
	// Tau is Kendall's τ_b between the two rankings' places: 1 when they
	// order every pair of designs alike, −1 when they reverse every
	// one, NaN when either ranks every design equal.
	Tau float64
	// Reversed lists the pairs of designs {d, e}, d < e, that one
	// ranking puts strictly above and the other strictly below: the
	// disagreements to discuss. A pair tied in one ranking only is not
	// reversed, but lowers Tau below 1.
	Reversed [][2]int
	// Same is whether every design has the same place in both.
	Same bool
	// SameFirst is whether both put the same designs first.
	SameFirst bool
}

// Compare compares every pair of rankings and lists, for each design, the
// rankings that put it first. The rankings must all be of the same
// designs; Compare returns an error if their lengths differ.
func Compare(rankings []Ranking) (Comparison, error) {
	if len(rankings) == 0 {
		return Comparison{}, nil
	}
	n := len(rankings[0].Place)
	for i, r := range rankings {
		if len(r.Place) != n {
			return Comparison{}, fmt.Errorf("robust: ranking %d (%v) has %d designs, ranking 0 has %d", i, r.Metric, len(r.Place), n)
		}
	}
	c := Comparison{Firsts: make([][]int, n)}
	for i, r := range rankings {
		for _, d := range r.First() {
			c.Firsts[d] = append(c.Firsts[d], i)
		}
		for j := i + 1; j < len(rankings); j++ {
			c.Pairs = append(c.Pairs, comparePair(i, j, r, rankings[j]))
		}
	}
	return c, nil
}

// comparePair counts, over every pair of designs, whether rankings a and b
// order it alike (concordant), oppositely (discordant) or tie it, and
// returns Kendall's (1945) tie-corrected
//
//	τ_b = (C − D) / √((n₀ − t_a)(n₀ − t_b)),
//
// with C concordant and D discordant pairs, n₀ all pairs and t_a, t_b the
// pairs tied in a and in b. gonum's stat.Kendall is τ_a, and counts a tie
// as concordant or discordant by the sign bit of a zero difference, so it
// does not fit rankings with ties. The counts are whole numbers, so τ_b is
// exact up to the final division and square root.
func comparePair(i, j int, a, b Ranking) Pair {
	p := Pair{I: i, J: j, Same: true}
	var conc, disc, pairs, tiedA, tiedB int
	n := len(a.Place)
	for d := range n {
		if a.Place[d] != b.Place[d] {
			p.Same = false
		}
		for e := d + 1; e < n; e++ {
			pairs++
			sa := cmp.Compare(a.Place[d], a.Place[e])
			sb := cmp.Compare(b.Place[d], b.Place[e])
			switch {
			case sa == 0 || sb == 0:
				tiedA += boolInt(sa == 0)
				tiedB += boolInt(sb == 0)
			case sa == sb:
				conc++
			default:
				disc++
				p.Reversed = append(p.Reversed, [2]int{d, e})
			}
		}
	}
	p.Tau = math.NaN()
	if den := float64(pairs-tiedA) * float64(pairs-tiedB); den > 0 {
		p.Tau = float64(conc-disc) / math.Sqrt(den)
	}
	p.SameFirst = slices.Equal(a.First(), b.First())
	return p
}
