package analysis

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

func TestPBound(t *testing.T) {
	tests := []struct {
		name    string
		p, want float64
		bound   bool
	}{
		{"zero", 0, PMin, true},
		{"subnormal", 5e-324, PMin, true},
		{"just below", 0.99e-300, PMin, true},
		{"at the bound", 1e-300, 1e-300, true},
		{"just above", 1.01e-300, 1.01e-300, false},
		{"ordinary", 0.03, 0.03, false},
		{"one", 1, 1, false},
	}
	for _, tt := range tests {
		got := boundP(tt.p)
		if got != tt.want || PIsBound(got) != tt.bound {
			t.Errorf("%s: boundP(%g) = %g, PIsBound %v; want %g, %v", tt.name, tt.p, got, PIsBound(got), tt.want, tt.bound)
		}
	}
	if !math.IsNaN(boundP(math.NaN())) || PIsBound(math.NaN()) {
		t.Error("NaN must stay NaN and not be a bound")
	}
}

// TestTwoSidedExtremes checks the ends of both p-value functions: 1 at a
// statistic of 0, the bound (never 0) where the tail underflows, NaN in,
// NaN out, and the same p for −t as for t.
func TestTwoSidedExtremes(t *testing.T) {
	tests := []struct {
		name      string
		got, want float64
	}{
		{"normal z=0", normalTwoSided(0), 1},
		{"normal z=40", normalTwoSided(40), PMin},
		{"normal z=Inf", normalTwoSided(math.Inf(-1)), PMin},
		{"t=0", tTwoSided(0, 7), 1},
		{"t=0 large df", tTwoSided(0, 1e5), 1},
		{"t=1e200", tTwoSided(1e200, 3), PMin}, // t² overflows
		{"t=Inf", tTwoSided(math.Inf(1), 3), PMin},
		{"t=100, df=1e4", tTwoSided(100, 1e4), PMin},
		{"symmetric", tTwoSided(-2.5, 12), tTwoSided(2.5, 12)},
		{"symmetric large df", tTwoSided(-2.5, 1200), tTwoSided(2.5, 1200)},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: %.17g, want %.17g", tt.name, tt.got, tt.want)
		}
	}
	for _, p := range []float64{normalTwoSided(math.NaN()), tTwoSided(math.NaN(), 3), tTwoSided(1, math.NaN())} {
		if !math.IsNaN(p) {
			t.Errorf("NaN input gave %v", p)
		}
	}
}

// TestTTwoSidedSeams checks that the methods tTwoSided chooses between
// agree where it switches from one to the other: at df = 30 (a = 15, where
// the large-df expansion starts), at t²/df = 3/7 (x = 0.7) and at
// t² = 3·df/(df + 2). Each is accurate to about 1e-14 there (against
// mpmath), so they must agree to 1e-13 relative at the seam itself.
func TestTTwoSidedSeams(t *testing.T) {
	type method func(t, df float64) float64
	large := func(t, df float64) float64 { return tTailLargeDF(df/2, -math.Log1p(t*t/df)) }
	tail := func(t, df float64) float64 {
		q := t * t / df
		return incBeta(df/2, 0.5, 1/(1+q), -math.Log1p(q), -math.Log1p(1/q))
	}
	body := func(t, df float64) float64 {
		q := t * t / df
		return 1 - incBeta(0.5, df/2, q/(1+q), -math.Log1p(1/q), -math.Log1p(q))
	}
	check := func(seam string, t1, df float64, m1, m2 method) {
		t.Helper()
		p1, p2 := m1(t1, df), m2(t1, df)
		if relErr(p2, p1) > 1e-13 {
			t.Errorf("%s, t = %v, df = %v: %.15g and %.15g (off by %.2g)", seam, t1, df, p1, p2, relErr(p2, p1))
		}
	}
	for _, tt := range []float64{1.7, 2, 3, 3.5} { // x > 0.7 and t² ≥ 3df/(df+2)
		check("df = 30", tt, 30, large, tail)
	}
	for _, df := range []float64{30, 100, 1e4, 1e6} {
		check("x = 0.7", math.Sqrt(3.0/7*df), df, large, tail)
	}
	for _, df := range []float64{1, 2.5, 10, 29} {
		check("t² = 3df/(df+2)", math.Sqrt(3*df/(df+2)), df, tail, body)
	}
}

// TestTailAgainstGonum records why the p-values are not gonum's: in the
// far tail gonum's normal survival 0.5·(1 − erf) is 0 (the bug of issue
// 12: the Wilcoxon p at 200 runs written as 0), and its Student-t survival
// agrees only to about 1e-9 at df = 1e7. The reference values are R's,
// also in tails.tsv. If gonum changes, this test shows it.
func TestTailAgainstGonum(t *testing.T) {
	// R: 2*pnorm(-10) = 1.52397060483211e-23.
	if g := 2 * distuv.UnitNormal.Survival(10); g != 0 {
		t.Logf("gonum's normal survival no longer loses the tail: %g", g)
	}
	if p := normalTwoSided(10); relErr(p, 1.52397060483211e-23) > tailDigits {
		t.Errorf("normalTwoSided(10) = %.15g, want R's 1.52397060483211e-23", p)
	}
	// R: 2*pt(-37, 1e7) = 1.2001212322638e-299.
	const want = 1.2001212322638e-299
	g := 2 * distuv.StudentsT{Mu: 0, Sigma: 1, Nu: 1e7}.Survival(37)
	t.Logf("t = 37, df = 1e7: gonum off by %.2g, tTwoSided by %.2g", relErr(g, want), relErr(tTwoSided(37, 1e7), want))
	if p := tTwoSided(37, 1e7); relErr(p, want) > tailDigits {
		t.Errorf("tTwoSided(37, 1e7) = %.15g, want R's %.15g", p, want)
	}
}
