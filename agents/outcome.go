package agents

import "math"

// tableSize is the resolution of the readiness lookup table over [0,1].
const tableSize = 1024

// Readiness turns a beneficiary's coverage of needs per domain (progress
// over need, in [0,1]) into readiness for a job or studies with a CES
// (constant elasticity of substitution) aggregate, equal weights:
//
//	R = (Σ_d c_d^ρ / D)^(1/ρ),   ρ = 1 − κ/(1 − κ)
//
// κ in [0,1] is the complementarity of needs: κ = 0 gives ρ = 1 (needs are
// substitutes: R is the mean coverage), κ = ½ gives the geometric mean, and
// κ → 1 gives ρ → −∞ (strict complements: R is the lowest coverage). A
// beneficiary reaches the outcome when R ≥ θ_b.
//
// For speed the comparison is done on a transformed scale G with c^ρ from a
// lookup table, so no power is computed in the hot loop. Coverage below one
// table step is transformed directly (floored at 1e-12 so that ln 0 and 0^ρ
// stay finite or go to −∞ without NaN). Beyond ρ = −40 (κ > 0.976) the CES
// aggregate is within a factor 5^(1/40) ≈ 1.04 of the minimum and the
// minimum is used: larger |ρ| would overflow.
type Readiness struct {
	kappa    float64
	built    bool
	rho      float64
	leontief bool
	table    [tableSize + 2]float64
}

// NewReadiness builds the readiness rule for complementarity κ.
func NewReadiness(kappa float64) Readiness {
	var r Readiness
	r.Set(kappa)
	return r
}

// Set rebuilds the rule for complementarity κ, in place.
func (r *Readiness) Set(kappa float64) {
	r.kappa, r.built = kappa, true
	r.rho = math.Inf(-1)
	if kappa < 1 {
		r.rho = 1 - kappa/(1-kappa)
	}
	r.leontief = r.rho < -40
	if r.leontief {
		return
	}
	for k := 0; k <= tableSize+1; k++ {
		c := math.Min(1, float64(k)/tableSize)
		r.table[k] = r.transform(c)
	}
}

// Kappa returns the complementarity κ the rule was built for.
func (r *Readiness) Kappa() float64 { return r.kappa }

// Built reports whether Set has been called.
func (r *Readiness) Built() bool { return r.built }

// Rho returns the CES exponent ρ.
func (r *Readiness) Rho() float64 { return r.rho }

// transform maps coverage to the scale on which readiness is a mean and
// that increases with coverage: c^ρ (ρ > 0), ln c (ρ = 0), −c^ρ (ρ < 0).
// Coverage is floored at 1e-12.
func (r *Readiness) transform(c float64) float64 {
	c = math.Max(c, 1e-12)
	switch {
	case r.rho > 1e-9:
		return math.Pow(c, r.rho)
	case r.rho < -1e-9:
		return -math.Pow(c, r.rho)
	default:
		return math.Log(c)
	}
}

// Threshold returns θ on the transformed scale.
func (r *Readiness) Threshold(theta float64) float64 {
	if r.leontief {
		return theta
	}
	return r.transform(theta)
}

// Score returns readiness on the transformed scale for coverages c
// (each in [0,1]); compare it with Threshold. Linear interpolation in the
// table keeps the error below 1e-3 in coverage terms.
func (r *Readiness) Score(c *[NumDomains]float64) float64 {
	if r.leontief {
		m := 1.0
		for _, x := range c {
			m = math.Min(m, x)
		}
		return m
	}
	s := 0.0
	for _, x := range c {
		if t, ok := r.Term(x); ok { // 1 ≤ k ≤ tableSize: the table
			s += t
			continue
		}
		if k := int(x * tableSize); k > tableSize {
			s += r.table[tableSize]
			continue
		}
		s += r.transform(x) // rare: almost no coverage
	}
	return s / float64(NumDomains)
}

// Term is one domain's term of Score for coverage x, and true; or false
// where x needs Score's own handling (almost no coverage, beyond full, or a
// Leontief rule). Score is the mean of the domains' Terms summed in domain
// order from 0, so a caller that sums them gets Score's number. Small
// enough to be inlined in a hot loop.
func (r *Readiness) Term(x float64) (float64, bool) {
	f := x * tableSize
	k := int(f)
	if r.leontief || uint(k-1) >= tableSize { // not 1 ≤ k ≤ tableSize
		return 0, false
	}
	// At full coverage (k = tableSize) the slope is table[tableSize+1] −
	// table[tableSize] = 0, so the interpolation gives table[tableSize]
	// exactly, without a branch that full and partial domains would mispredict.
	return r.table[k] + (f-float64(k))*(r.table[k+1]-r.table[k]), true
}

// Value returns readiness R itself on the coverage scale (for reporting and
// tests; slower than Score).
func (r *Readiness) Value(c *[NumDomains]float64) float64 {
	if r.leontief {
		return r.Score(c)
	}
	s := 0.0
	for _, x := range c {
		s += r.transform(x)
	}
	s /= float64(NumDomains)
	switch {
	case r.rho > 1e-9:
		return math.Pow(s, 1/r.rho)
	case r.rho < -1e-9:
		return math.Pow(-s, 1/r.rho) // −s = +Inf (a zero coverage) gives 0
	default:
		return math.Exp(s)
	}
}
