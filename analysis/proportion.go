package analysis

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// ProportionCI is the share k/n with its Wilson score interval at the
// given level (Wilson 1927; Agresti & Coull 1998 recommend it over the
// normal interval for shares near 0 or 1 and small n):
//
//	(p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n),   z = Φ⁻¹(1 − α/2)
//
// The interval stays within [0, 1], and is checked against R's
// prop.test(k, n, correct = FALSE). With n = 0 every field is NaN.
func ProportionCI(k, n int, level float64) Estimate {
	if n <= 0 {
		return Estimate{Mean: math.NaN(), Lo: math.NaN(), Hi: math.NaN(), SD: math.NaN()}
	}
	p, nf := float64(k)/float64(n), float64(n)
	z := distuv.UnitNormal.Quantile(1 - (1-level)/2)
	centre := (p + z*z/(2*nf)) / (1 + z*z/nf)
	half := z * math.Sqrt(p*(1-p)/nf+z*z/(4*nf*nf)) / (1 + z*z/nf)
	e := Estimate{Mean: p, Lo: max(0, centre-half), Hi: min(1, centre+half), SD: math.Sqrt(p * (1 - p)), N: n}
	// At k = 0 and k = n the bounds are exactly 0 and 1 (rounding leaves
	// a residue).
	if k == 0 {
		e.Lo = 0
	}
	if k == n {
		e.Hi = 1
	}
	return e
}
