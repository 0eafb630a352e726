package analysis

import (
	"math"
	"testing"
)

func TestVarghaDelaney(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name string
		a, b []float64
		want float64 // counted by hand over all m·n pairs, wins + ½·ties
	}{
		// 1 < 2,2,4: 0; 2 ties 2,2 and loses to 4: 1; 3 beats 2,2: 2.
		// 3/9.
		{"ties", []float64{1, 2, 3}, []float64{2, 2, 4}, 3.0 / 9},
		{"swapped", []float64{2, 2, 4}, []float64{1, 2, 3}, 6.0 / 9},
		{"all above", []float64{5, 6}, []float64{1, 2, 3}, 1},
		{"all below", []float64{1, 2, 3}, []float64{5, 6}, 0},
		{"identical", []float64{1, 2, 3}, []float64{1, 2, 3}, 0.5},
		// Unequal sizes: 3 beats 1 and 2 (2), ties 3 (½), loses to 4, 5:
		// 2.5/5.
		{"one vs five", []float64{3}, []float64{1, 2, 3, 4, 5}, 0.5},
		// 4 beats 1,3 (2); 7 beats 1,3,6 (3); 7 vs 7 tie (½); 8 beats
		// all 4 (4): 9.5/12. NaN left out.
		{"with NaN", []float64{4, nan, 7, 8}, []float64{1, 3, 6, 7, nan}, 9.5 / 12},
		{"empty", []float64{nan}, []float64{1}, nan},
	}
	for _, tt := range tests {
		if got := VarghaDelaney(tt.a, tt.b); !near(got, tt.want, 1e-12) {
			t.Errorf("%s: A12 = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestVarghaDelaneyMatchesCount(t *testing.T) {
	// The rank formula against the direct count over pairs, on data with
	// many ties.
	a := []float64{3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5}
	b := []float64{2, 7, 1, 8, 2, 8, 1, 8, 2, 8}
	var wins float64
	for _, x := range a {
		for _, y := range b {
			switch {
			case x > y:
				wins++
			case x == y:
				wins += 0.5
			}
		}
	}
	want := wins / float64(len(a)*len(b))
	if got := VarghaDelaney(a, b); math.Abs(got-want) > 1e-12 {
		t.Errorf("A12 = %v, count gives %v", got, want)
	}
	if got := VarghaDelaney(b, a); math.Abs(got-(1-want)) > 1e-12 {
		t.Errorf("A12(b, a) = %v, want 1 − %v", got, want)
	}
}

func TestA12Magnitude(t *testing.T) {
	tests := []struct {
		a12  float64
		want string
	}{
		{0.5, "negligible"},
		{0.559, "negligible"},
		{0.441, "negligible"},
		{0.56, "small"}, // thresholds are inclusive of the published A12 values
		{0.44, "small"},
		{0.639, "small"},
		{0.64, "medium"},
		{0.36, "medium"},
		{0.709, "medium"},
		{0.71, "large"}, // 0.71 − 0.5 rounds below 0.21 in binary
		{0.29, "large"},
		{1, "large"},
		{0, "large"},
		{math.NaN(), "undefined"},
	}
	for _, tt := range tests {
		if got := A12Magnitude(tt.a12); got != tt.want {
			t.Errorf("A12Magnitude(%v) = %q, want %q", tt.a12, got, tt.want)
		}
	}
}
