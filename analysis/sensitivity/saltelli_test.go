package sensitivity

import (
	"math"
	"slices"
	"testing"
)

func TestSaltelliDesignLayout(t *testing.T) {
	const n, k, skip = 8, 3, 8
	factors := []Factor{{Lo: 0, Hi: 1}, {Lo: 10, Hi: 20}, {Lo: 0, Hi: 4, Integer: true}}
	rows := SaltelliDesign(n, factors, skip)
	if len(rows) != n*(k+2) {
		t.Fatalf("%d rows, want %d", len(rows), n*(k+2))
	}
	base := SobolPoints(n, 2*k, skip)
	for j, p := range base {
		a := make([]float64, k)
		b := make([]float64, k)
		for i, f := range factors {
			a[i], b[i] = f.Scale(p[i]), f.Scale(p[k+i])
		}
		block := rows[j*(k+2) : (j+1)*(k+2)]
		if !slices.Equal(block[0], a) || !slices.Equal(block[k+1], b) {
			t.Fatalf("block %d: A = %v, B = %v, want %v, %v", j, block[0], block[k+1], a, b)
		}
		for i := range k {
			want := slices.Clone(a)
			want[i] = b[i]
			if !slices.Equal(block[1+i], want) {
				t.Errorf("block %d: A_B^(%d) = %v, want %v", j, i+1, block[1+i], want)
			}
		}
	}
	mustPanic(t, "33 factors", func() { SaltelliDesign(n, make([]Factor, MaxDim/2+1), 0) })
	mustPanic(t, "no rows", func() { SaltelliDesign(0, factors, 0) })
}

func TestSobolIndicesByHand(t *testing.T) {
	// n = 2, k = 1: blocks (A, A_B, B) = (1, 2, 3) and (4, 6, 5).
	// V = variance of {1, 3, 4, 5} = 51/4 − (13/4)² = 35/16.
	// S1 = mean(3·(2−1), 5·(6−4))/V = 6.5/V; ST = mean(1², 2²)/(2V).
	y := []float64{1, 2, 3, 4, 6, 5}
	v := 35.0 / 16
	got := SobolIndices(y, 2, 1, 10, 0.9, seeded(1))
	if s1 := got[0].S1.Value; math.Abs(s1-6.5/v) > 1e-12 {
		t.Errorf("S1 = %v, want %v", s1, 6.5/v)
	}
	if st := got[0].ST.Value; math.Abs(st-2.5/2/v) > 1e-12 {
		t.Errorf("ST = %v, want %v", st, 2.5/2/v)
	}
	mustPanic(t, "wrong length", func() { SobolIndices(y[:5], 2, 1, 10, 0.9, seeded(1)) })
	// Constant output: no variance to share out.
	if flat := SobolIndices(make([]float64, 6), 2, 1, 10, 0.9, seeded(1)); !math.IsNaN(flat[0].S1.Value) {
		t.Errorf("constant output: S1 = %v, want NaN", flat[0].S1.Value)
	}
	y[3] = math.NaN()
	got = SobolIndices(y, 2, 1, 10, 0.9, seeded(1))
	if g := got[0]; !math.IsNaN(g.S1.Value) || !math.IsNaN(g.S1.Lo) || !math.IsNaN(g.ST.Hi) {
		t.Errorf("NaN output: %+v, want NaN throughout", g)
	}
}

// checkSobol compares estimated indices with analytic ones. The estimates
// come from N = 4096 base rows of the Sobol sequence. With independent
// random rows the estimators' standard error would be about 0.01 to 0.02
// for these functions (the bootstrap, which assumes independence, gives 95%
// half-widths of 0.02 to 0.04); Sobol points converge faster, and the
// errors here are below 0.002. A tolerance of 0.01 leaves five times that
// for the quasi-random error while still catching slips such as f(A) in
// place of f(B) in S1 (which gives −ST, off by more than 0.2 on Ishigami) or
// a missing ½ in ST. Each bootstrap interval must also cover the analytic
// value.
func checkSobol(t *testing.T, name string, got []SobolIndex, s1, st []float64) {
	t.Helper()
	const tol = 0.01
	for i, g := range got {
		for _, c := range []struct {
			what string
			est  Index
			want float64
		}{{"S1", g.S1, s1[i]}, {"ST", g.ST, st[i]}} {
			if math.Abs(c.est.Value-c.want) > tol {
				t.Errorf("%s x%d: %s = %.4f, analytic %.4f (tolerance %v)", name, i+1, c.what, c.est.Value, c.want, tol)
			}
			if !(c.est.Lo <= c.want && c.want <= c.est.Hi) {
				t.Errorf("%s x%d: %s interval [%.4f, %.4f] misses analytic %.4f", name, i+1, c.what, c.est.Lo, c.est.Hi, c.want)
			}
		}
	}
}

func TestSobolIndicesIshigami(t *testing.T) {
	const n = 4096
	y := evaluate(ishigami, SaltelliDesign(n, ishigamiFactors, 0))
	got := SobolIndices(y, n, 3, 500, 0.95, seeded(1))
	s1, st := ishigamiIndices()
	checkSobol(t, "Ishigami", got, s1, st)
	for i, g := range got {
		t.Logf("x%d: S1 %.4f [%.4f, %.4f] (analytic %.4f), ST %.4f [%.4f, %.4f] (analytic %.4f)",
			i+1, g.S1.Value, g.S1.Lo, g.S1.Hi, s1[i], g.ST.Value, g.ST.Lo, g.ST.Hi, st[i])
	}
	// Same seed, same intervals.
	again := SobolIndices(y, n, 3, 500, 0.95, seeded(1))
	if !slices.Equal(got, again) {
		t.Error("seed 1 gave two answers")
	}
}

func TestSobolIndicesGFunction(t *testing.T) {
	const n = 4096
	a := []float64{0, 1, 4.5, 9, 99, 99, 99, 99}
	factors := make([]Factor, len(a))
	for i := range factors {
		factors[i] = Factor{Lo: 0, Hi: 1}
	}
	y := evaluate(gFunction(a), SaltelliDesign(n, factors, 0))
	got := SobolIndices(y, n, len(a), 500, 0.95, seeded(2))
	s1, st := gIndices(a)
	checkSobol(t, "g-function", got, s1, st)
	// Total indices rank the factors as a does (the four a = 99 factors
	// tie analytically at 1.0e-4; only the first four are ordered).
	for i := range 3 {
		if !(got[i].ST.Value > got[i+1].ST.Value) {
			t.Errorf("ST x%d = %.4f not above ST x%d = %.4f", i+1, got[i].ST.Value, i+2, got[i+1].ST.Value)
		}
	}
	for i := range a {
		t.Logf("x%d (a=%v): S1 %.4f (analytic %.4f), ST %.4f (analytic %.4f)", i+1, a[i], got[i].S1.Value, s1[i], got[i].ST.Value, st[i])
	}
}
