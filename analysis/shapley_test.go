package analysis

import (
	"math"
	"math/rand/v2"
	"testing"
)

// squareGame is v(S) = (Σ_{i∈S} w_i)²: a player's marginal contribution to
// S is 2·w(S)·w_i + w_i², and over random orderings the weight before i
// averages (W − w_i)/2, so φ_i = w_i·W exactly, W = Σ w.
func squareGame(w []float64) func(uint64) float64 {
	return func(m uint64) float64 {
		s := 0.0
		for i, x := range w {
			if m&(1<<i) != 0 {
				s += x
			}
		}
		return s * s
	}
}

func TestShapleyExactOnAGameWithKnownValues(t *testing.T) {
	w := []float64{1, 2, 3, 4}
	phi := ShapleyExact(len(w), squareGame(w))
	for i, x := range w {
		if math.Abs(phi[i]-x*10) > 1e-12 { // W = 10
			t.Errorf("φ_%d = %v, want %v", i, phi[i], x*10)
		}
	}
}

func TestShapleySampledIsExactOverAllOrderings(t *testing.T) {
	w := []float64{1, 2, 3}
	var all [][]int
	for _, p := range [][]int{{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}} {
		all = append(all, p)
	}
	phi := ShapleySampled(all, squareGame(w))
	for i, x := range w {
		if math.Abs(phi[i]-x*6) > 1e-12 {
			t.Errorf("φ_%d = %v, want %v", i, phi[i], x*6)
		}
	}
	// Any sample of orderings adds up to v(N) − v(∅) = 36.
	orders := ShapleyOrders(3, 3, rand.New(rand.NewPCG(1, 2)))
	if len(orders) != 4 {
		t.Fatalf("%d orderings, want 4 (antithetic pairs, rounded up)", len(orders))
	}
	sum := 0.0
	for _, x := range ShapleySampled(orders, squareGame(w)) {
		sum += x
	}
	if math.Abs(sum-36) > 1e-12 {
		t.Errorf("sampled values add up to %v, want 36", sum)
	}
}

func TestShapleyCoalitions(t *testing.T) {
	if c := ShapleyCoalitions(3, nil); len(c) != 8 {
		t.Errorf("exact: %d coalitions, want 8", len(c))
	}
	// {0,1,2} then {2,1,0}: ∅, {0}, {0,1}, {0,1,2}, {2}, {1,2}.
	c := ShapleyCoalitions(3, [][]int{{0, 1, 2}, {2, 1, 0}})
	want := []uint64{0, 1, 3, 7, 4, 6}
	if len(c) != len(want) {
		t.Fatalf("coalitions %v, want %v", c, want)
	}
	for i := range want {
		if c[i] != want[i] {
			t.Fatalf("coalitions %v, want %v", c, want)
		}
	}
}
