package targets

import (
	"math"

	"github.com/cisim/cisim/analysis"
)

// Scales returns each target's scale for the distance: the median
// absolute deviation (× 1.4826, the normal's consistency constant) of its
// statistic over the prior's simulations, stats[particle][target], so
// that targets in different units weigh alike (Prangle 2017 makes the
// same choice for ABC). A target whose statistic did not vary falls back
// to its interval's width, then to a tenth of its value, then to 1.
func Scales(ts []Target, stats [][]float64) []float64 {
	out := make([]float64, len(ts))
	col := make([]float64, 0, len(stats))
	for k := range ts {
		col = col[:0]
		for _, s := range stats {
			if !math.IsInf(s[k], 0) {
				col = append(col, s[k])
			}
		}
		med := analysis.QuantilesType7(col, []float64{0.5}, nil)[0]
		dev := make([]float64, len(col))
		for i, x := range col {
			dev[i] = math.Abs(x - med)
		}
		out[k] = 1.4826 * analysis.QuantilesType7(dev, []float64{0.5}, nil)[0]
		switch t := &ts[k]; {
		case out[k] > 0:
		case t.Hi > t.Lo:
			out[k] = t.Hi - t.Lo
		case t.Lo != 0:
			out[k] = math.Abs(t.Lo) / 10
		default:
			out[k] = 1
		}
	}
	return out
}

// Distance is how far a particle's statistics lie from the targets: the
// weighted root mean square of each target's miss in units of its scale,
// √(Σ w_k (miss_k / scale_k)² / Σ w_k). It is 0 when every statistic is
// inside its target's interval, +Inf when one could not be computed.
func Distance(ts []Target, stats, scales []float64) float64 {
	sum, weight := 0.0, 0.0
	for k := range ts {
		if ts[k].Weight == 0 {
			continue
		}
		z := ts[k].Miss(stats[k]) / scales[k]
		sum += ts[k].Weight * z * z
		weight += ts[k].Weight
	}
	if weight == 0 {
		return 0
	}
	return math.Sqrt(sum / weight)
}
