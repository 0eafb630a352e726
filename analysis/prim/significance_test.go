package prim

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

func TestTailAtLeast(t *testing.T) {
	// Where 1 − CDF is still accurate the two agree; a direct sum of the
	// probabilities checks the far tail.
	for _, tt := range []struct {
		c, n int
		p    float64
	}{{3, 10, 0.2}, {50, 100, 0.45}, {0, 5, 0.3}, {5, 5, 0.3}} {
		got := tailAtLeast(tt.c, tt.n, tt.p)
		want := 1.0
		if tt.c > 0 {
			want = distuv.Binomial{N: float64(tt.n), P: tt.p}.Survival(float64(tt.c - 1))
		}
		if math.Abs(got-want) > 1e-12 {
			t.Errorf("P(X ≥ %d | %d, %v) = %v, gonum says %v", tt.c, tt.n, tt.p, got, want)
		}
	}
	b := distuv.Binomial{N: 200, P: 0.1}
	sum := 0.0
	for x := 200.0; x >= 100; x-- {
		sum += b.Prob(x)
	}
	if got := tailAtLeast(100, 200, 0.1); math.Abs(got-sum) > 1e-9*sum {
		t.Errorf("far tail %v, summed %v", got, sum)
	}
}

func TestQuasiPAndPrune(t *testing.T) {
	// The true box plus a restriction on x1 that cases do not depend on:
	// dropping x0 or x2 lets in many non-cases, dropping x1 changes
	// nothing systematic.
	d := knownBox(t, 2, 0.05)
	b := d.FullBox()
	b.Lo[0], b.Hi[1], b.Hi[2] = 0.6, 0.8, 0.3
	ps := d.QuasiP(b)
	if len(ps) != 3 {
		t.Fatalf("%d quasi-p-values for 3 restrictions", len(ps))
	}
	if ps[0] > 1e-10 || ps[2] > 1e-10 || ps[1] < 0.05 {
		t.Errorf("quasi-p x0 %g, x1 %g, x2 %g; want x0 and x2 tiny, x1 not significant", ps[0], ps[1], ps[2])
	}
	s := d.Prune(b, 0.05)
	if got := s.Box.String(); got != "x0 ≥ 0.6 and x2 ≤ 0.3" {
		t.Errorf("pruned to %q", got)
	}
	if s.Stats != d.Stats(s.Box) || b.Hi[1] != 0.8 {
		t.Error("Prune measured wrongly or changed its argument")
	}
}
