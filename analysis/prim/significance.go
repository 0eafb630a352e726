package prim

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// QuasiP returns, for each limit of b.Restricted() in that order, the
// EMA Workbench's quasi-p-value of the restriction: with the box holding
// n points of which c are cases, and p the density of the box with that
// one restriction dropped, the one-sided binomial tail P(X ≥ c) for
// X ~ Binomial(n, p) — how likely the box would be this dense by chance
// if the restriction added nothing. It is "quasi" because the box was
// chosen on these same data; read small values as "matters", not as a
// test. Values below about 1e-15 read as 0 (gonum's survival function is
// 1 − CDF).
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

// tailAtLeast is P(X ≥ c) for X ~ Binomial(n, p).
func tailAtLeast(c, n int, p float64) float64 {
	if c <= 0 {
		return 1
	}
	return distuv.Binomial{N: float64(n), P: p}.Survival(float64(c - 1))
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
