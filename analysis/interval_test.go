package analysis

import (
	"math"
	"testing"
)

func TestMeanCI(t *testing.T) {
	// {1,2,3,4,5}: mean 3, s = √2.5 = 1.58114, t(0.975, 4) = 2.776445,
	// half-width 2.776445·1.58114/√5 = 1.963243.
	e := MeanCI([]float64{1, 2, 3, 4, 5}, 0.95)
	const tol = 1e-6 // t quantile printed to 7 digits
	if e.N != 5 || e.Mean != 3 || math.Abs(e.SD-math.Sqrt(2.5)) > 1e-12 {
		t.Fatalf("got %+v", e)
	}
	if math.Abs(e.Lo-(3-1.963243)) > tol || math.Abs(e.Hi-(3+1.963243)) > tol {
		t.Errorf("CI [%v, %v], want [1.036757, 4.963243]", e.Lo, e.Hi)
	}
	// A 99% interval is wider: t(0.995, 4) = 4.604095.
	e99 := MeanCI([]float64{1, 2, 3, 4, 5}, 0.99)
	if math.Abs((e99.Hi-e99.Mean)-4.604095*math.Sqrt(2.5)/math.Sqrt(5)) > tol {
		t.Errorf("99%% half-width %v", e99.Hi-e99.Mean)
	}
}

func TestMeanCILeavesOutNaN(t *testing.T) {
	e := MeanCI([]float64{2, math.NaN(), 4}, 0.95)
	if e.N != 2 || e.Mean != 3 {
		t.Fatalf("got %+v, want mean 3 of 2 values", e)
	}
	one := MeanCI([]float64{math.NaN(), 7}, 0.95)
	if one.N != 1 || one.Mean != 7 || !math.IsNaN(one.Lo) || !math.IsNaN(one.Hi) {
		t.Errorf("one value: got %+v, want mean 7 and no interval", one)
	}
	none := MeanCI([]float64{math.NaN()}, 0.95)
	if none.N != 0 || !math.IsNaN(none.Mean) {
		t.Errorf("no value: got %+v", none)
	}
}
