package agents

import (
	"math"
	"testing"
)

// tol is the tolerance for results computed from decimal inputs such as 0.3,
// which binary floating point cannot hold exactly. Each rule does at most a
// few dozen operations on numbers of order one, so rounding stays many
// orders of magnitude below 1e-12; a larger error means a wrong formula.
const tol = 1e-12

// near reports whether a and b differ by at most eps.
func near(a, b, eps float64) bool { return math.Abs(a-b) <= eps }

// vecNear reports whether a and b differ by at most eps in every domain.
func vecNear(a, b Vec, eps float64) bool {
	for d := range a {
		if !near(a[d], b[d], eps) {
			return false
		}
	}
	return true
}

// valuesNear reports whether a and b differ by at most eps on every value
// dimension.
func valuesNear(a, b Values, eps float64) bool {
	for k := range a {
		if !near(a[k], b[k], eps) {
			return false
		}
	}
	return true
}

// checkNear fails the test if got is not within eps of want.
func checkNear(t *testing.T, name string, got, want, eps float64) {
	t.Helper()
	if !near(got, want, eps) {
		t.Errorf("%s = %.17g, want %.17g (±%g)", name, got, want, eps)
	}
}

// uniform is the flat distribution over domains.
func uniform() Vec {
	var u Vec
	for d := range u {
		u[d] = 1 / float64(NumDomains)
	}
	return u
}
