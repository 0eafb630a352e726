package analysis

import (
	"fmt"
	"math"
)

// PMin is the smallest p-value the tests of this package report. A p-value
// below it — including one too small for a float64, which would otherwise
// read 0 — is returned as PMin itself and then means p ≤ 1e-300: an upper
// bound, not an estimate. PIsBound tells such a bound from a computed value.
// Above PMin a p-value is computed in the tail directly (no 1 − F
// subtraction), so it keeps about 12 significant digits however small it is.
//
// Every float64 at or above PMin is a normal number, with full precision;
// below about 2.2e-308 they thin out to subnormals and then 0. R returns 0
// there (2*pnorm(-40) is 0 in R); reporting 0 would claim a certainty no
// test gives.
const PMin = 1e-300

// PIsBound reports whether the p-value p is the bound PMin ("p ≤ 1e-300")
// rather than a computed value. Writers should print it as such, e.g.
// "< 1e-300" in a table meant for people; a numeric column can keep 1e-300
// and say what it means.
func PIsBound(p float64) bool { return p <= PMin }

// boundP returns p, or PMin if p is below it (0 included); NaN stays NaN.
func boundP(p float64) float64 {
	if p < PMin {
		return PMin
	}
	return p
}

// normalTwoSided is the two-sided p-value of a standard normal statistic z,
//
//	p = 2·Φ(−|z|) = erfc(|z|/√2),
//
// bounded below by PMin. erfc is computed in the tail directly with relative
// accuracy (math.Erfc, from FreeBSD's s_erf.c), unlike 1 − erf(|z|/√2),
// which is how gonum's distuv.Normal.Survival computes it: that subtraction
// returns multiples of 2⁻⁵³ below about 1e-14 and 0 beyond |z| ≈ 8.38. The
// division by √2 rounds |z| once, which moves p by about z²·2⁻⁵³ relative
// (1.5e-13 at z = 37, the largest z whose p is above PMin).
func normalTwoSided(z float64) float64 {
	if math.IsNaN(z) {
		return math.NaN()
	}
	return boundP(math.Erfc(math.Abs(z) / math.Sqrt2))
}

// tTwoSided is the two-sided p-value of a t statistic with df degrees of
// freedom, 2·P(T_df > |t|), bounded below by PMin. It is the regularized
// incomplete beta function
//
//	p = I_x(df/2, ½) = 1 − I_{1−x}(½, df/2),  x = df/(df + t²)
//
// (Abramowitz & Stegun 26.7.1 with 26.5.27; R's pt computes the same
// through pbeta, i.e. TOMS 708). It is evaluated by one of three methods,
// chosen as TOMS 708 chooses among its own, so that none is used where it
// is ill-conditioned:
//
//   - df ≥ 30 and x > 0.7: the asymptotic expansion for large df/2
//     (tTailLargeDF), where the continued fraction is ill-conditioned;
//   - t² ≥ 3·df/(df + 2): I_x(df/2, ½) by its continued fraction (incBeta),
//     in the tail directly, without a 1 − F;
//   - otherwise p > 0.08, and 1 − I_{1−x}(½, df/2) loses nothing.
//
// gonum's distuv.StudentsT.Survival (Cephes' incbet, mathext.RegIncBeta)
// computes the tail directly too, but its relative error grows with df:
// 1.6e-12 at df = 1999, 3e-10 at df = 1e5, 4e-9 at df = 1e7, against 2e-13,
// 7e-14 and 7e-14 here (mpmath at 40 digits, on a grid of t from 0.01 to
// 10¹⁰). NaN t or df gives NaN; df must be positive.
func tTwoSided(t, df float64) float64 {
	if math.IsNaN(t) || math.IsNaN(df) {
		return math.NaN()
	}
	q := t * t / df                                  // t²/df, so x = 1/(1 + q)
	logX, log1mX := -math.Log1p(q), -math.Log1p(1/q) // log x, log(1 − x)
	switch {
	case df >= 30 && q < 3.0/7: // x > 0.7
		return boundP(tTailLargeDF(df/2, logX))
	case t*t*(df+2) >= 3*df:
		return boundP(incBeta(df/2, 0.5, 1/(1+q), logX, log1mX))
	}
	return 1 - incBeta(0.5, df/2, q/(1+q), log1mX, logX)
}

// tTailLargeDF is I_x(a, ½) for a ≥ 15, given log x, by the asymptotic
// expansion of DiDonato & Morris (1992, "Algorithm 708", ACM TOMS 18:360,
// §9; TOMS 708's bgrat) with b = ½:
//
//	T = a − ¼ (= a + (b − 1)/2),  u = −T·log x,  L = (log x / 2)²,
//	I_x(a, b) = Γ(a + b)/(Γ(a)·T^b) · Σ_{n≥0} p_n·K_n,
//	K_0 = Q(b, u) = erfc(√u),  r = e^(−u)·u^b/Γ(b),
//	K_n = ((b + 2n − 2)(b + 2n − 1)·K_{n−1} + (u + b + 2n − 1)·L^(n−1)·r) / (4T²),
//	p_0 = 1,  p_n = (b − 1)/(2n + 1)! + (1/n)·Σ_{i=1}^{n−1} (i·b − n)·p_{n−i}/(2i + 1)!
//
// (K_n is their J_n times r, which keeps every term finite). The terms
// fall off like powers of L and 1/T², and where tTwoSided uses the
// expansion (x > 0.7, so L < 0.032) at most 8 of them reach float64
// precision. u is computed from log x, which the caller has as
// −log1p(t²/df), so p keeps its relative accuracy as df grows. With
// u > 700, p ≈ erfc(√u) < 3e-306 and 0 is returned.
func tTailLargeDF(a, logX float64) float64 {
	const b, maxTerms = 0.5, 30
	T := a - 0.25
	u := -T * logX
	if u > 700 {
		return 0
	}
	l := logX * logX / 4
	r := math.Exp(-u) * math.Sqrt(u/math.Pi)
	k := math.Erfc(math.Sqrt(u))
	sum := k
	var p, fact [maxTerms + 1]float64 // p_n and 1/(2n + 1)!
	p[0], fact[0] = 1, 1
	ln := 1.0 // L^(n−1)
	for n := 1; n <= maxTerms; n++ {
		nf := float64(n)
		fact[n] = fact[n-1] / ((2 * nf) * (2*nf + 1))
		s := 0.0
		for i := 1; i < n; i++ {
			s += (float64(i)*b - nf) * p[n-i] * fact[i]
		}
		p[n] = (b-1)*fact[n] + s/nf
		k = ((b+2*nf-2)*(b+2*nf-1)*k + (u+b+2*nf-1)*ln*r) / (4 * T * T)
		ln *= l
		term := p[n] * k
		sum += term
		if math.Abs(term) <= 0x1p-53*sum {
			break
		}
	}
	return math.Exp(lgammaHalfRatio(a)-0.5*math.Log(T)) * sum
}

// incBeta is the regularized incomplete beta function I_x(a, b), given x
// with log x and log(1 − x) (which the caller can compute more accurately
// than from x), for x < (a + 1)/(a + b + 2), where its continued fraction
// converges fast (Numerical Recipes, 3rd ed., §6.4):
//
//	I_x(a, b) = x^a·(1 − x)^b / (a·B(a, b)) · betaCF(a, b, x)
//
// b must be ½ or a must be ½ (see lbetaHalf). The prefactor is summed in
// logs and exponentiated once, so it neither underflows early nor loses
// digits: Cephes instead takes lgamma(a + b) − lgamma(a) − lgamma(b), whose
// terms grow like a·log a and cancel, leaving their rounding (about
// a·log a·2⁻⁵³) as relative error in the result. For large a and x near 1
// the fraction itself is ill-conditioned (its value is about
// df/(t² + 1), and the rounding of x is amplified about as much), which
// is why tTwoSided takes tTailLargeDF there.
func incBeta(a, b, x, logX, log1mX float64) float64 {
	half := a
	if b != 0.5 {
		half = b
	}
	lpre := a*logX + b*log1mX - lbetaHalf(half) - math.Log(a)
	return math.Exp(lpre + math.Log(betaCF(a, b, x)))
}

// lbetaHalf is log B(a, ½) = log Γ(a) + log Γ(½) − log Γ(a + ½).
func lbetaHalf(a float64) float64 {
	const logSqrtPi = 0.5723649429247000870717136756 // log Γ(½) = ½·log π
	return logSqrtPi - lgammaHalfRatio(a)
}

// lgammaHalfRatio is log Γ(a + ½) − log Γ(a). For a ≥ 15 it comes from
// Stirling's series,
//
//	log Γ(z) = (z − ½)·log z − z + ½·log 2π + S(z),
//	S(z) = 1/(12z) − 1/(360z³) + 1/(1260z⁵) − 1/(1680z⁷) + 1/(1188z⁹) − …,
//
// as a·log1p(1/(2a)) − ½ + ½·log a + S(a + ½) − S(a), which never subtracts
// two large numbers (math.Lgamma's values grow like a·log a, and their
// difference would keep their rounding); the first omitted term changes it
// by less than 1e-16 there. Below 15 the two math.Lgamma values are small
// enough to subtract.
func lgammaHalfRatio(a float64) float64 {
	if a < 15 {
		la, _ := math.Lgamma(a)
		lah, _ := math.Lgamma(a + 0.5)
		return lah - la
	}
	s := func(z float64) float64 {
		z2 := z * z
		return (1.0/12 - (1.0/360-(1.0/1260-(1.0/1680-1.0/(1188*z2))/z2)/z2)/z2) / z
	}
	return a*math.Log1p(0.5/a) - 0.5 + 0.5*math.Log(a) + (s(a+0.5) - s(a))
}

// betaCF evaluates the continued fraction of I_x(a, b) by the modified
// Lentz method (Numerical Recipes, 3rd ed., §6.4, betacf):
//
//	1/(1 + d₁/(1 + d₂/(1 + …))),
//	d_{2m+1} = −(a + m)(a + b + m)·x / ((a + 2m)(a + 2m + 1)),
//	d_{2m}   = m(b − m)·x / ((a + 2m − 1)(a + 2m)),
//
// stopping when a step changes it by less than 2⁻⁵². It takes O(√max(a, b))
// steps at worst, and where tTwoSided uses it (a or b below 15, or x ≤ 0.7)
// never more than 30 on a grid of t in steps of 0.01; betaCF panics after
// 1000, which would be a bug in the caller's choice of method.
func betaCF(a, b, x float64) float64 {
	const tiny, eps, maxSteps = 1e-300, 0x1p-52, 1000
	guard := func(v float64) float64 {
		if math.Abs(v) < tiny {
			return tiny
		}
		return v
	}
	c, d := 1.0, 1/guard(1-(a+b)*x/(a+1))
	h := d
	for m := 1.0; m <= maxSteps; m++ {
		even := m * (b - m) * x / ((a + 2*m - 1) * (a + 2*m))
		d = 1 / guard(1+even*d)
		c = guard(1 + even/c)
		h *= d * c
		odd := -(a + m) * (a + b + m) * x / ((a + 2*m) * (a + 2*m + 1))
		d = 1 / guard(1+odd*d)
		c = guard(1 + odd/c)
		step := d * c
		h *= step
		if math.Abs(step-1) < eps {
			return h
		}
	}
	panic(fmt.Sprintf("analysis: incomplete beta I_%v(%v, %v) did not converge", x, a, b))
}
