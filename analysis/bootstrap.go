package analysis

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// BootstrapCI returns the percentile bootstrap interval of stat over xs at
// the given level (e.g. 0.95): stat is computed on each of resamples
// resamples of len(xs) values drawn from xs with replacement, and the
// interval is the α/2 and 1 − α/2 quantiles of those values (α = 1 − level,
// quantiles as in Quantiles: Hyndman–Fan type 4).
//
// NaN values of xs are left out before resampling, and resamples on which
// stat is NaN are left out of the quantiles; with nothing left both ends are
// NaN. Draws come only from rng, so a given seed gives the same interval.
// One buffer holds every resample in turn: stat may reorder it but must not
// keep it. BootstrapCI panics if level is not in (0, 1), resamples < 1, or
// stat or rng is nil.
func BootstrapCI(xs []float64, stat func([]float64) float64, level float64, resamples int, rng *rand.Rand) (lo, hi float64) {
	if stat == nil {
		panic("analysis: BootstrapCI needs a statistic and a random source")
	}
	vals := finite(xs)
	buf := make([]float64, len(vals))
	return BootstrapIndexCI(len(vals), func(idx []int) float64 {
		for i, j := range idx {
			buf[i] = vals[j]
		}
		return stat(buf)
	}, level, resamples, rng)
}

// BootstrapIndexCI is the percentile bootstrap interval of a statistic of
// n observations that are not single numbers (rows of a design, pairs):
// stat gets each resample as the indices, in [0, n), of the n
// observations drawn with replacement, and the interval is the α/2 and
// 1 − α/2 quantiles of its values (α = 1 − level), leaving out resamples on
// which it is NaN. With n = 0, or no value left, both ends are NaN. Draws
// come only from rng, the same draws BootstrapCI makes for n values. One
// buffer holds every resample in turn: stat may reorder it but must not
// keep it. BootstrapIndexCI panics if level is not in (0, 1), resamples
// < 1, or stat or rng is nil.
func BootstrapIndexCI(n int, stat func(idx []int) float64, level float64, resamples int, rng *rand.Rand) (lo, hi float64) {
	switch {
	case !(level > 0 && level < 1):
		panic(fmt.Sprintf("analysis: confidence level %v not in (0, 1)", level))
	case resamples < 1:
		panic(fmt.Sprintf("analysis: %d bootstrap resamples", resamples))
	case stat == nil || rng == nil:
		panic("analysis: a bootstrap needs a statistic and a random source")
	}
	if n == 0 {
		return math.NaN(), math.NaN()
	}
	idx := make([]int, n)
	stats := make([]float64, 0, resamples)
	for range resamples {
		for i := range idx {
			idx[i] = rng.IntN(n)
		}
		if s := stat(idx); !math.IsNaN(s) {
			stats = append(stats, s)
		}
	}
	if len(stats) == 0 {
		return math.NaN(), math.NaN()
	}
	slices.Sort(stats)
	alpha := 1 - level
	return quantileSorted(alpha/2, stats), quantileSorted(1-alpha/2, stats)
}
