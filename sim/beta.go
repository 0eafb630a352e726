package sim

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/stat/distuv"
)

// betaDraw draws from Beta(α, β) as X/(X + Y), X ~ Gamma(α, 1) and
// Y ~ Gamma(β, 1): the numbers distuv.Beta{Alpha: α, Beta: β, Src: rng}.Rand
// draws, bit for bit and from the same draws of rng, at a fraction of the
// cost (the world's population is drawn from eight of these a young
// person). The difference is only where the work is done: the gamma
// draws' constants are computed once, not at every draw, and rng is called
// directly rather than through a new rand.Rand wrapped around it.
type betaDraw struct{ x, y gammaDraw }

func newBetaDraw(alpha, beta float64) betaDraw {
	return betaDraw{newGammaDraw(alpha), newGammaDraw(beta)}
}

func (b *betaDraw) rand(rng *rand.Rand) float64 {
	x := b.x.rand(rng)
	y := b.y.rand(rng)
	return x / (x + y)
}

// gammaDraw draws from Gamma(α, 1) as distuv.Gamma.Rand does. For α ≥ 0.2
// (gonum's threshold) but α ≠ 1 that is Marsaglia & Tsang's (2000)
// squeeze-and-reject method, with the boost U^(1/α) for α < 1:
//
//	d = α − ⅓ (+1 if α < 1),   c = 1/(3·√d)
//	x ~ N(0,1), v = (1 + c·x)³ > 0, u ~ U(0,1);
//	accept d·v if u < 1 − 0.0331·x⁴ or ln u < x²/2 + d·(1 − v + ln v)
//
// whose constants d, c and 1/α are computed here once. Other α (exactly 1,
// below 0.2, or invalid) are left to gonum.
type gammaDraw struct {
	alpha     float64
	d, c, inv float64 // d, c and 1/α
	boost     bool    // α < 1: the draw is multiplied by U^(1/α)
	gonum     bool    // drawn by distuv.Gamma itself
}

func newGammaDraw(alpha float64) gammaDraw {
	g := gammaDraw{alpha: alpha, gonum: !(alpha >= 0.2) || alpha == 1}
	if g.gonum {
		return g
	}
	g.d = alpha - 1.0/3
	if alpha < 1 {
		g.d += 1.0
		g.boost, g.inv = true, 1/alpha
	}
	g.c = 1 / (3 * math.Sqrt(g.d))
	return g
}

func (g *gammaDraw) rand(rng *rand.Rand) float64 {
	if g.gonum {
		return distuv.Gamma{Alpha: g.alpha, Beta: 1, Src: rng}.Rand()
	}
	m := 1.0
	if g.boost {
		m = math.Pow(rng.Float64(), g.inv)
	}
	d, c := g.d, g.c
	for {
		x := rng.NormFloat64()
		v := 1 + x*c
		if v <= 0.0 {
			continue
		}
		v = v * v * v
		u := rng.Float64()
		if u < 1.0-0.0331*(x*x)*(x*x) {
			return m * d * v
		}
		if math.Log(u) < 0.5*x*x+d*(1-v+math.Log(v)) {
			return m * d * v
		}
	}
}
