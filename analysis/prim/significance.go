package prim

import (
	"math"

	"gonum.org/v1/gonum/mathext"
)

// QuasiP returns, for each limit of b.Restricted() in that order, the
// EMA Workbench's quasi-p-value of the restriction: with the box holding
// n points of which c are cases, and p the density of the box with that
// one restriction dropped, the one-sided binomial tail P(X ≥ c) for
// X ~ Binomial(n, p) — how likely the box would be this dense by chance
// if the restriction added nothing. It is "quasi" because the box was
// chosen on these same data; read small values as "matters", not as a
// test.
func (d *Data) QuasiP(b Box) []float64 {
	s := d.Stats(b)
	var ps []float64
	for _, j := range b.restricted() {
		wider := b.clone()
		wider.Lo[j], wider.Hi[j] = math.Inf(-1), math.Inf(1)
		p := d.Stats(wider).Density
		ps = append(ps, tailAtLeast(s.Cases, s.Points, p))
	}
	return ps
}

// tailAtLeast is P(X ≥ c) for X ~ Binomial(n, p), as the regularized
// incomplete beta I_p(c, n − c + 1): the same tail as gonum's
// distuv.Binomial{N: n, P: p}.Survival(c − 1), which is 1 − CDF and so
// cannot go below about 1e-16, kept accurate down to the tiny values a
// restriction that matters gets.
func tailAtLeast(c, n int, p float64) float64 {
	switch {
	case c <= 0:
		return 1
	case c > n:
		return 0
	}
	return mathext.RegIncBeta(float64(c), float64(n-c+1), p)
}

// Prune drops from b, one at a time, the restriction with the largest
// quasi-p-value while that value exceeds maxP (e.g. 0.05), and returns the
// box left with its statistics: restrictions that peeling took on noise
// go, the ones that carry the density stay.
func (d *Data) Prune(b Box, maxP float64) Step {
	b = b.clone()
	for {
		js, ps := b.restricted(), d.QuasiP(b)
		worst := -1
		for i, p := range ps {
			if p > maxP && (worst < 0 || p > ps[worst]) {
				worst = i
			}
		}
		if worst < 0 {
			return Step{Box: b, Stats: d.Stats(b)}
		}
		b.Lo[js[worst]], b.Hi[js[worst]] = math.Inf(-1), math.Inf(1)
	}
}
