package analysis

import (
	"math"
	"slices"
	"testing"
)

func TestQuantiles(t *testing.T) {
	// 1…20 shuffled with NaNs. LinInterp gives x_(k) at p = k/n and is
	// linear between: p = 0.05 → x_(1) = 1, 0.5 → x_(10) = 10,
	// 0.525 → halfway from x_(10) to x_(11) = 10.5, 0.95 → x_(19) = 19;
	// below 1/n it is flat at x_(1).
	xs := []float64{7, 20, 1, 13, math.NaN(), 2, 19, 8, 14, 3, 12, 9, 18, 4, 11, 15, math.NaN(), 5, 17, 10, 16, 6}
	orig := slices.Clone(xs)
	ps := []float64{0, 0.01, 0.05, 0.5, 0.525, 0.95, 1}
	want := []float64{1, 1, 1, 10, 10.5, 19, 20}
	dst := make([]float64, 0, 10)
	got := Quantiles(xs, ps, dst)
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-12 {
			t.Errorf("p=%v: %v, want %v", ps[i], got[i], want[i])
		}
	}
	if len(got) != len(ps) || &got[0] != &dst[:1][0] {
		t.Errorf("len %d or dst not reused", len(got))
	}
	if !slices.EqualFunc(xs, orig, func(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }) {
		t.Errorf("xs modified")
	}
	// The median of {1,2,3,4} is x_(2) under LinInterp.
	if got := Quantiles([]float64{4, 1, 3, 2}, []float64{0.5}, nil); got[0] != 2 {
		t.Errorf("p50 of 1…4 = %v, want 2", got[0])
	}
	if got := Quantiles([]float64{math.NaN()}, []float64{0.05, 0.95}, nil); !math.IsNaN(got[0]) || !math.IsNaN(got[1]) {
		t.Errorf("no values: %v, want NaN", got)
	}
	defer func() {
		if recover() == nil {
			t.Error("p = 1.5: no panic")
		}
	}()
	Quantiles([]float64{1}, []float64{1.5}, nil)
}

func TestQuantilesType7(t *testing.T) {
	// 1…20 shuffled with NaNs, as above. Type 7 puts x_(k) at
	// p = (k − 1)/19: p = 0.05 → h = 1.95, 0.05·1 + 0.95·2 = 1.95;
	// p = 0.5 → h = 10.5, 10.5; p = 0.95 → h = 19.05, 19.05; the ends are
	// x_(1) and x_(20) exactly. On 1…20 Q(p) = 1 + 19p.
	xs := []float64{7, 20, 1, 13, math.NaN(), 2, 19, 8, 14, 3, 12, 9, 18, 4, 11, 15, math.NaN(), 5, 17, 10, 16, 6}
	orig := slices.Clone(xs)
	ps := []float64{0, 0.01, 0.05, 0.5, 0.95, 1}
	dst := make([]float64, 0, 10)
	got := QuantilesType7(xs, ps, dst)
	for i, p := range ps {
		if want := 1 + 19*p; math.Abs(got[i]-want) > 1e-12 {
			t.Errorf("p=%v: %v, want %v", p, got[i], want)
		}
	}
	if len(got) != len(ps) || &got[0] != &dst[:1][0] {
		t.Errorf("len %d or dst not reused", len(got))
	}
	if !slices.EqualFunc(xs, orig, func(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }) {
		t.Errorf("xs modified")
	}
	// The median of {1,2,3,4}: 2.5 by type 7, 2 by type 4.
	if got := QuantilesType7([]float64{4, 1, 3, 2}, []float64{0.5}, nil); got[0] != 2.5 {
		t.Errorf("p50 of 1…4 = %v, want 2.5", got[0])
	}
	// Equal neighbours are returned as they are, not interpolated: R's
	// rule, which keeps ±Inf from turning into NaN.
	inf := math.Inf(1)
	if got := QuantilesType7([]float64{1, inf, inf}, []float64{0.75}, nil); got[0] != inf {
		t.Errorf("p75 of {1, Inf, Inf} = %v, want +Inf", got[0])
	}
	if got := QuantilesType7([]float64{math.NaN()}, []float64{0.05, 0.95}, nil); !math.IsNaN(got[0]) || !math.IsNaN(got[1]) {
		t.Errorf("no values: %v, want NaN", got)
	}
	defer func() {
		if recover() == nil {
			t.Error("p = -0.1: no panic")
		}
	}()
	QuantilesType7([]float64{1}, []float64{-0.1}, nil)
}
