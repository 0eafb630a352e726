package agents

import (
	"math"
	"math/rand/v2"
	"testing"
)

// cov builds a coverage array.
func cov(c ...float64) *[NumDomains]float64 {
	var a [NumDomains]float64
	copy(a[:], c)
	return &a
}

func TestReadinessRho(t *testing.T) {
	cases := []struct{ kappa, want, eps float64 }{
		{0, 1, 0},                         // 1 − 0/1
		{0.25, 2.0 / 3, tol},              // 1 − 0.25/0.75 = 1 − 1/3
		{0.5, 0, 0},                       // 1 − 0.5/0.5 = 0 (exact)
		{0.75, -2, 0},                     // 1 − 0.75/0.25 = 1 − 3 (exact)
		{0.9, -8, 1e-9},                   // 1 − 0.9/0.1 = −8 (0.9/0.1 rounds to 9.000000000000002)
		{1, math.Inf(-1), 0},              // strict complements
		{0.9995, 1 - 0.9995/0.0005, 1e-6}, // ρ ≈ −1998: Score and Value use the minimum (ρ < −40)
	}
	for _, c := range cases {
		r := NewReadiness(c.kappa)
		if got := r.Rho(); !(got == c.want || near(got, c.want, c.eps)) {
			t.Errorf("κ=%v: ρ = %v, want %v", c.kappa, got, c.want)
		}
	}
}

func TestReadinessValue(t *testing.T) {
	cases := []struct {
		name  string
		kappa float64
		c     *[NumDomains]float64
		want  float64
		eps   float64
	}{
		// κ=0: mean (0.5 + 1 + 0.25 + 0.75 + 0.5)/5 = 3/5 = 0.6.
		{"mean", 0, cov(0.5, 1, 0.25, 0.75, 0.5), 0.6, tol},
		// κ=½: geometric (0.5·1·0.25·1·1)^(1/5) = 0.125^0.2 = 2^−0.6 = 0.6597539553864471.
		{"geometric", 0.5, cov(0.5, 1, 0.25, 1, 1), math.Pow(2, -0.6), tol},
		{"geometric of equal", 0.5, cov(0.2, 0.2, 0.2, 0.2, 0.2), 0.2, tol},
		// κ=1: min = 0.25 (exact).
		{"min", 1, cov(0.5, 1, 0.25, 0.75, 0.5), 0.25, 0},
		// κ=¾, ρ=−2: ((0.5⁻² + 4·1)/5)^(−½) = (8/5)^(−½) = 1/√1.6 = 0.7905694150420949.
		{"rho −2", 0.75, cov(0.5, 1, 1, 1, 1), 1 / math.Sqrt(1.6), tol},
		// Everything covered: 1 for every κ.
		{"all covered κ=0", 0, cov(1, 1, 1, 1, 1), 1, tol},
		{"all covered κ=0.9", 0.9, cov(1, 1, 1, 1, 1), 1, tol},
		{"all covered κ=1", 1, cov(1, 1, 1, 1, 1), 1, 0},
	}
	for _, c := range cases {
		r := NewReadiness(c.kappa)
		checkNear(t, c.name, r.Value(c.c), c.want, c.eps)
	}
}

// κ = 0, ½ and 1 give the arithmetic mean, the geometric mean and the
// minimum of the coverages (above the table's floor of 1/1024).
func TestReadinessSpecialCases(t *testing.T) {
	arith, geo, leon := NewReadiness(0), NewReadiness(0.5), NewReadiness(1)
	rng := rand.New(rand.NewPCG(7, 8))
	for trial := 0; trial < 2000; trial++ {
		var c [NumDomains]float64
		sum, logSum, m := 0.0, 0.0, 1.0
		for d := range c {
			c[d] = 0.01 + 0.99*rng.Float64()
			sum += c[d]
			logSum += math.Log(c[d])
			m = math.Min(m, c[d])
		}
		checkNear(t, "κ=0 arithmetic mean", arith.Value(&c), sum/float64(NumDomains), tol)
		checkNear(t, "κ=½ geometric mean", geo.Value(&c), math.Exp(logSum/float64(NumDomains)), tol)
		if got := leon.Value(&c); got != m {
			t.Fatalf("κ=1: %v, want min %v", got, m)
		}
		if got := leon.Score(&c); got != m {
			t.Fatalf("κ=1: Score %v, want min %v", got, m)
		}
	}
	if th := leon.Threshold(0.37); th != 0.37 {
		t.Errorf("κ=1: Threshold(0.37) = %v, want 0.37 (no transform)", th)
	}
}

// More complementarity lowers readiness of an unbalanced profile and leaves
// a balanced one alone.
func TestReadinessComplementarityLowersUnbalanced(t *testing.T) {
	unbalanced := cov(1, 1, 1, 1, 0.2)
	balanced := cov(0.6, 0.6, 0.6, 0.6, 0.6)
	kappas := []float64{0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 1}
	prev := math.Inf(1)
	for _, k := range kappas {
		r := NewReadiness(k)
		v := r.Value(unbalanced)
		// Beyond ρ = −40 (κ > 0.976) readiness is the minimum, so it stops
		// falling: from there on, not above.
		if !(v < prev || k > 0.976 && v <= prev) {
			t.Errorf("κ=%v: readiness %v not below %v at lower κ", k, v, prev)
		}
		prev = v
		checkNear(t, "balanced", r.Value(balanced), 0.6, 1e-12)
		switch k {
		case 0:
			checkNear(t, "κ=0", v, 0.84, tol) // (4 + 0.2)/5 = 0.84
		case 0.5:
			checkNear(t, "κ=½", v, math.Pow(0.2, 0.2), tol) // 0.2^(1/5) = 0.72478
		case 1:
			checkNear(t, "κ=1", v, 0.2, 0) // min
		}
	}
}

// Score ≥ Threshold(θ) is the fast form of Value ≥ θ. The table
// interpolates, which the doc bounds at 1e-3 in coverage terms: so a
// "ready" verdict must hold once every coverage is raised by δ = 1e-3, and a
// "not ready" verdict once every coverage is lowered by δ. (All transforms
// are concave, so interpolation errs low and Score ≤ exact; a slack of
// 1e-12 absorbs the rounding of pow/exp in Value.)
func TestReadinessScoreAgreesWithValue(t *testing.T) {
	const delta = 1e-3
	shift := func(c [NumDomains]float64, by float64) *[NumDomains]float64 {
		for d := range c {
			c[d] = math.Min(1, math.Max(0, c[d]+by))
		}
		return &c
	}
	var grid [][NumDomains]float64
	levels := []float64{0, 0.0005, 0.25, 0.5, 0.75, 1}
	var rec func(d int, c [NumDomains]float64)
	rec = func(d int, c [NumDomains]float64) {
		if d == NumDomains {
			grid = append(grid, c)
			return
		}
		for _, x := range levels {
			c[d] = x
			rec(d+1, c)
		}
	}
	rec(0, [NumDomains]float64{})
	rng := rand.New(rand.NewPCG(9, 10))
	for k := 0; k < 3000; k++ {
		var c [NumDomains]float64
		for d := range c {
			switch rng.IntN(8) {
			case 0:
				c[d] = 0
			case 1:
				c[d] = 1
			case 2:
				c[d] = float64(rng.IntN(21)) / 20 // a table-friendly grid value
			default:
				c[d] = rng.Float64()
			}
		}
		grid = append(grid, c)
	}

	for _, kappa := range []float64{0, 0.25, 0.5, 0.6, 0.75, 0.9, 0.95, 0.99, 1} {
		r := NewReadiness(kappa)
		agree, total := 0, 0
		for _, c := range grid {
			score := r.Score(&c)
			exact := r.Value(&c)
			for th := 0.05; th < 1; th += 0.05 {
				ready := score >= r.Threshold(th)
				total++
				if ready == (exact >= th) {
					agree++
				}
				if ready {
					if v := r.Value(shift(c, delta)); v < th-1e-12 {
						t.Fatalf("κ=%v c=%v θ=%.2f: Score says ready, but Value(c+δ) = %v < θ", kappa, c, th, v)
					}
				} else {
					if v := r.Value(shift(c, -delta)); v >= th+1e-12 {
						t.Fatalf("κ=%v c=%v θ=%.2f: Score says not ready, but Value(c−δ) = %v ≥ θ", kappa, c, th, v)
					}
				}
			}
		}
		// The verdicts differ only for readiness within the table's error
		// of the threshold: rare on this grid.
		if float64(agree) < 0.99*float64(total) {
			t.Errorf("κ=%v: Score and Value agree on only %d of %d", kappa, agree, total)
		}
	}
}

// Set rebuilds the rule in place, including after the Leontief case, which
// skips the table.
func TestReadinessSet(t *testing.T) {
	c := cov(0.3, 0.9, 0.5, 0.7, 0.1)
	var r Readiness
	for _, k := range []float64{0, 1, 0.5, 0.75, 1, 0.25} {
		r.Set(k)
		fresh := NewReadiness(k)
		if r.Value(c) != fresh.Value(c) || r.Score(c) != fresh.Score(c) || r.Threshold(0.4) != fresh.Threshold(0.4) {
			t.Errorf("Set(%v) differs from NewReadiness(%v)", k, k)
		}
	}
}

// The doc: κ = ½ gives the geometric mean, which is 0 when any coverage is
// 0. Coverage is floored at 1e-12 to keep ln 0 finite, so R is
// (1e-12)^(1/5) ≈ 4e-3: within 1e-3 of 0 is not asked, but not ready at 0.2.
func TestReadinessGeometricMeanWithZeroCoverage(t *testing.T) {
	r := NewReadiness(0.5)
	c := cov(0, 1, 1, 1, 1)
	checkNear(t, "geometric mean with a zero", r.Value(c), 0, 1e-2)
	if r.Score(c) >= r.Threshold(0.2) {
		t.Error("ready at θ = 0.2 with a domain not covered at all")
	}
}

// For κ near 1, ρ = 1 − κ/(1−κ) is so negative that c^ρ would overflow
// float64 (at κ = 0.998, ρ ≈ −498). Beyond ρ = −40 the minimum is used,
// within a factor 5^(1/40) of the CES value, so no NaN and the documented
// R ≈ 0.1003 is met within 1e-3.
func TestReadinessNearLeontiefDoesNotOverflow(t *testing.T) {
	r := NewReadiness(0.998)
	c := cov(0.1, 1, 1, 1, 1)
	rho := 1 - 0.998/(1-0.998) // ≈ −498
	// R = ((0.1^ρ + 4)/5)^(1/ρ) = 0.1·((1 + 4·0.1^−ρ)/5)^(1/ρ) ≈ 0.1·5^(−1/ρ) ≈ 0.10032.
	want := 0.1 * math.Pow(5, -1/rho)
	checkNear(t, "Value", r.Value(c), want, 1e-3)
	if !(r.Score(c) >= r.Threshold(0.05)) {
		t.Error("not ready at θ = 0.05 although R ≈ 0.1")
	}
	if r.Score(c) >= r.Threshold(0.2) {
		t.Error("ready at θ = 0.2 although R ≈ 0.1")
	}
}
