package uncertain

import (
	"errors"
	"math"
	"testing"
)

func TestQuantileByHand(t *testing.T) {
	for _, c := range []struct {
		name string
		d    Dist
		u    float64
		want float64
	}{
		{"uniform 0.25 of [2, 6]", Uni(2, 6), 0.25, 3},
		// c = (1−0)/(4−0) = 0.25; u = 0.0625 < c: 0 + √(0.0625·4·1) = 0.5
		{"triangular below mode", Tri(0, 1, 4), 0.0625, 0.5},
		// u = 0.25 = c: 4 − √(0.75·4·3) = 4 − 3 = 1, the mode
		{"triangular at mode", Tri(0, 1, 4), 0.25, 1},
		// 4 − √(0.25·4·3) = 4 − √3
		{"triangular above mode", Tri(0, 1, 4), 0.75, 4 - math.Sqrt(3)},
		// Beta(1,1) is uniform: 10 + 10·0.3
		{"beta(1,1) scaled", ScaledBeta(1, 1, 10, 20), 0.3, 13},
		// Beta(2,1) has F(x) = x²: F⁻¹(0.25) = 0.5
		{"beta(2,1)", ScaledBeta(2, 1, 0, 1), 0.25, 0.5},
		// untruncated in effect: the median at u = ½
		{"lognormal median", LogNorm(0.05, 0.5, 1e-9, 1e9), 0.5, 0.05},
		// truncated symmetric in the log: [m/e, m·e] with σ = 1, u = ½ is still the median
		{"lognormal truncated symmetric", LogNorm(2, 1, 2/math.E, 2*math.E), 0.5, 2},
	} {
		if got := c.d.Quantile(c.u); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("%s: Quantile(%g) = %.12g, want %.12g", c.name, c.u, got, c.want)
		}
	}
}

func TestQuantileStaysInBoundsAndIncreases(t *testing.T) {
	for _, d := range []Dist{Uni(0, 1), Tri(0.1, 0.2, 0.9), ScaledBeta(0.5, 3, 1, 2), LogNorm(1, 2, 0.5, 3)} {
		prev := math.Inf(-1)
		for k := 1; k < 1000; k++ {
			x := d.Quantile(float64(k) / 1000)
			if x < d.Low || x > d.High || x < prev {
				t.Fatalf("%v: Quantile(%g) = %g (previous %g)", d, float64(k)/1000, x, prev)
			}
			prev = x
		}
	}
}

func TestPoint(t *testing.T) {
	for _, c := range []struct {
		d    Dist
		want float64
	}{
		{Uni(2, 6), 4}, {Tri(0, 1, 4), 1}, {ScaledBeta(2, 6, 0, 8), 2}, {LogNorm(3, 1, 1, 9), 3},
	} {
		if got := c.d.Point(); got != c.want {
			t.Errorf("%v: Point = %g, want %g", c.d, got, c.want)
		}
	}
}

func TestCheckRefusesInconsistent(t *testing.T) {
	for _, d := range []Dist{
		Uni(1, 1), Uni(2, 1), Tri(0, 2, 1), ScaledBeta(0, 1, 0, 1), ScaledBeta(1, -1, 0, 1),
		LogNorm(1, 0, 0.5, 2), LogNorm(1, -1, 0.5, 2), LogNorm(3, 1, 0.5, 2), Uni(math.NaN(), 1), {},
	} {
		if err := d.Check(); !errors.Is(err, ErrInvalid) {
			t.Errorf("%+v: Check = %v, want ErrInvalid", d, err)
		}
	}
}

func TestFromSpec(t *testing.T) {
	lo, hi := 0.1, 0.9
	d, err := FromSpec("beta", []float64{2, 5}, &lo, &hi)
	if err != nil || d != ScaledBeta(2, 5, 0.1, 0.9) {
		t.Fatalf("beta: %+v %v", d, err)
	}
	for _, c := range []struct {
		family string
		nums   []float64
		lo, hi *float64
	}{
		{"gamma", []float64{1, 2}, nil, nil},
		{"uniform", []float64{1}, nil, nil},
		{"uniform", []float64{0, 1}, &lo, nil},
		{"triangular", []float64{0.5, 0.1, 0.9}, nil, nil},
		{"lognormal", []float64{1, 0.5}, &lo, nil},
		{"lognormal", []float64{1, -0.5}, &lo, &hi},
	} {
		if _, err := FromSpec(c.family, c.nums, c.lo, c.hi); err == nil {
			t.Errorf("FromSpec(%s, %v) accepted", c.family, c.nums)
		}
	}
}

func TestWithin(t *testing.T) {
	if err := Tri(0, 0.5, 1).Within(0, 1); err != nil {
		t.Error(err)
	}
	if err := Tri(0, 0.5, 1.5).Within(0, 1); !errors.Is(err, ErrInvalid) {
		t.Errorf("support beyond the range: %v", err)
	}
}
