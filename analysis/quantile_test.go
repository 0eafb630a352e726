package analysis

import (
	"math"
	"slices"
	"testing"
)

// oneToTwenty is 1…20 shuffled, with NaNs that every quantile leaves out.
var oneToTwenty = []float64{7, 20, 1, 13, math.NaN(), 2, 19, 8, 14, 3, 12, 9, 18, 4, 11, 15, math.NaN(), 5, 17, 10, 16, 6}

func TestQuantilesByHand(t *testing.T) {
	// nearly is equality up to rounding; ±Inf must be equal.
	nearly := func(got, want float64) bool { return got == want || math.Abs(got-want) <= 1e-12 }
	// On 1…20: type 4 (LinInterp) gives x_(k) at p = k/n and is linear
	// between, flat at x_(1) below 1/n: p = 0.05 → x_(1) = 1, 0.5 →
	// x_(10) = 10, 0.525 → halfway from x_(10) to x_(11) = 10.5. Type 7
	// puts x_(k) at p = (k − 1)/19, so Q(p) = 1 + 19p: p = 0.05 → h = 1.95,
	// 0.05·1 + 0.95·2 = 1.95.
	for _, tt := range []struct{ p, type4, type7 float64 }{
		{0, 1, 1}, {0.01, 1, 1.19}, {0.05, 1, 1.95}, {0.5, 10, 10.5},
		{0.525, 10.5, 10.975}, {0.95, 19, 19.05}, {1, 20, 20},
	} {
		ps := []float64{tt.p}
		if q4, q7 := Quantiles(oneToTwenty, ps, nil)[0], QuantilesType7(oneToTwenty, ps, nil)[0]; !nearly(q4, tt.type4) || !nearly(q7, tt.type7) {
			t.Errorf("1…20, p = %v: type 4 %v, type 7 %v; want %v, %v", tt.p, q4, q7, tt.type4, tt.type7)
		}
	}
	// The median of {1,2,3,4}: x_(2) = 2 by type 4, 2.5 by type 7.
	if q4, q7 := Quantiles([]float64{4, 1, 3, 2}, []float64{0.5}, nil)[0], QuantilesType7([]float64{4, 1, 3, 2}, []float64{0.5}, nil)[0]; q4 != 2 || q7 != 2.5 {
		t.Errorf("median of 1…4: type 4 %v, type 7 %v; want 2, 2.5", q4, q7)
	}
	// Equal neighbours are returned as they are, not interpolated: R's
	// rule, which keeps (1 − h)·Inf + h·Inf from being computed.
	if q := QuantilesType7([]float64{1, math.Inf(1), math.Inf(1)}, []float64{0.75}, nil)[0]; !math.IsInf(q, 1) {
		t.Errorf("p75 of {1, Inf, Inf} = %v, want +Inf", q)
	}
}

// TestQuantilesContract checks what both quantile functions promise
// besides their values: dst reused when large enough, xs left as it was,
// NaN with no values, and a panic on p outside [0, 1].
func TestQuantilesContract(t *testing.T) {
	for name, q := range map[string]func(xs, ps, dst []float64) []float64{
		"Quantiles": Quantiles, "QuantilesType7": QuantilesType7,
	} {
		xs := slices.Clone(oneToTwenty)
		dst := make([]float64, 0, 10)
		got := q(xs, []float64{0.05, 0.5, 0.95}, dst)
		if len(got) != 3 || &got[0] != &dst[:1][0] {
			t.Errorf("%s: len %d or dst not reused", name, len(got))
		}
		if !slices.EqualFunc(xs, oneToTwenty, func(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }) {
			t.Errorf("%s: xs modified", name)
		}
		if got := q([]float64{math.NaN()}, []float64{0.05, 0.95}, nil); !math.IsNaN(got[0]) || !math.IsNaN(got[1]) {
			t.Errorf("%s: no values: %v, want NaN", name, got)
		}
		for _, p := range []float64{-0.1, 1.5, math.NaN()} {
			func() {
				defer func() {
					if recover() == nil {
						t.Errorf("%s: p = %v: no panic", name, p)
					}
				}()
				q([]float64{1}, []float64{p}, nil)
			}()
		}
	}
}
