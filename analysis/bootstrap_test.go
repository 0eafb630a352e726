package analysis

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/stat"
)

func mean(xs []float64) float64 { return stat.Mean(xs, nil) }

func seeded(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0)) }

func normals(rng *rand.Rand, n int) []float64 {
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = 10 + 3*rng.NormFloat64()
	}
	return xs
}

func TestBootstrapCIByHand(t *testing.T) {
	// xs = {0, 1}: a resample's mean is 0, ½ or 1 with chances ¼, ½, ¼.
	// At 95% the 2.5% and 97.5% quantiles fall inside the masses at 0 and
	// 1. At 40% the 30% and 70% quantiles both fall in the mass at ½. With
	// 4000 resamples the share of 0s (or 1s) is 0.25 ± 0.007 (1 SE), so
	// crossing 0.025 or 0.3 would take more than 7 SE.
	tests := []struct {
		level, lo, hi float64
	}{
		{0.95, 0, 1},
		{0.40, 0.5, 0.5},
	}
	for _, tt := range tests {
		lo, hi := BootstrapCI([]float64{0, 1}, mean, tt.level, 4000, seeded(1))
		if lo != tt.lo || hi != tt.hi {
			t.Errorf("level %v: [%v, %v], want [%v, %v]", tt.level, lo, hi, tt.lo, tt.hi)
		}
	}
	// Constant data, one value, and NaNs left out: every resample is the
	// same.
	for _, xs := range [][]float64{{4, 4, 4}, {4}, {math.NaN(), 4, math.NaN()}} {
		if lo, hi := BootstrapCI(xs, mean, 0.95, 100, seeded(1)); lo != 4 || hi != 4 {
			t.Errorf("%v: [%v, %v], want [4, 4]", xs, lo, hi)
		}
	}
	if lo, hi := BootstrapCI([]float64{math.NaN()}, mean, 0.95, 100, seeded(1)); !math.IsNaN(lo) || !math.IsNaN(hi) {
		t.Errorf("no values: [%v, %v], want NaN", lo, hi)
	}
	nanStat := func([]float64) float64 { return math.NaN() }
	if lo, hi := BootstrapCI([]float64{1, 2}, nanStat, 0.95, 100, seeded(1)); !math.IsNaN(lo) || !math.IsNaN(hi) {
		t.Errorf("NaN statistic: [%v, %v], want NaN", lo, hi)
	}
}

func TestBootstrapCIMean(t *testing.T) {
	xs := normals(seeded(7), 200)
	m := mean(xs)
	lo, hi := BootstrapCI(xs, mean, 0.95, 2000, seeded(42))
	if !(lo < m && m < hi) {
		t.Fatalf("[%v, %v] does not contain the sample mean %v", lo, hi, m)
	}
	// Same seed, same interval; another seed, another.
	lo2, hi2 := BootstrapCI(xs, mean, 0.95, 2000, seeded(42))
	if lo2 != lo || hi2 != hi {
		t.Errorf("seed 42 gave [%v, %v] then [%v, %v]", lo, hi, lo2, hi2)
	}
	if lo3, hi3 := BootstrapCI(xs, mean, 0.95, 2000, seeded(43)); lo3 == lo && hi3 == hi {
		t.Errorf("seeds 42 and 43 gave the same interval [%v, %v]", lo, hi)
	}
	// For the mean of 200 normal values the percentile interval should
	// match the t interval. Its ends differ from it by Monte Carlo error
	// (2000 resamples: SE of a 2.5% quantile ≈ √(.025·.975/2000)/φ(1.96)
	// = 0.06 in z units, 3% of the half-width) and by t(0.975,199) = 1.972
	// against the bootstrap's 1.96·√(199/200) = 1.955 (1%); 10% of the
	// half-width is about 3 SE.
	e := MeanCI(xs, 0.95)
	half := e.Hi - e.Mean
	if math.Abs(lo-e.Lo) > 0.1*half || math.Abs(hi-e.Hi) > 0.1*half {
		t.Errorf("bootstrap [%v, %v], t interval [%v, %v]", lo, hi, e.Lo, e.Hi)
	}
}

func TestBootstrapCINarrows(t *testing.T) {
	// The width shrinks as 1/√n: from n = 20 to 2000 by a factor near 10.
	// Requiring only 3 leaves room for sampling error in the n = 20 width.
	rng := seeded(3)
	small, large := normals(rng, 20), normals(rng, 2000)
	slo, shi := BootstrapCI(small, mean, 0.95, 1000, seeded(5))
	llo, lhi := BootstrapCI(large, mean, 0.95, 1000, seeded(5))
	if ws, wl := shi-slo, lhi-llo; !(wl < ws/3) {
		t.Errorf("width %v at n=20, %v at n=2000; want a third or less", ws, wl)
	}
}

func TestBootstrapCIReusesBuffer(t *testing.T) {
	// stat sees the same slice every time, of the data's length, and may
	// sort it.
	var seen []float64
	median := func(b []float64) float64 {
		if seen != nil && &seen[0] != &b[0] {
			t.Fatal("new buffer for a resample")
		}
		seen = b
		slices.Sort(b)
		return b[len(b)/2]
	}
	xs := []float64{5, 1, 4, 2, 3}
	lo, hi := BootstrapCI(xs, median, 0.9, 50, seeded(9))
	if len(seen) != 5 || lo < 1 || hi > 5 || lo > hi {
		t.Errorf("len %d, [%v, %v]", len(seen), lo, hi)
	}
	if !slices.Equal(xs, []float64{5, 1, 4, 2, 3}) {
		t.Errorf("xs modified: %v", xs)
	}
}

func TestBootstrapCIPanics(t *testing.T) {
	for name, f := range map[string]func(){
		"level":     func() { BootstrapCI([]float64{1}, mean, 1, 10, seeded(1)) },
		"resamples": func() { BootstrapCI([]float64{1}, mean, 0.95, 0, seeded(1)) },
		"nil rng":   func() { BootstrapCI([]float64{1}, mean, 0.95, 10, nil) },
		"nil stat":  func() { BootstrapCI([]float64{1}, nil, 0.95, 10, seeded(1)) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			f()
		}()
	}
}
