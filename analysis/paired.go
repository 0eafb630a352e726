package analysis

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat"
)

// PairedResult compares two conditions measured on the same units (for
// cisim, replicates run with common random numbers: a_i and b_i share seed
// i), through the differences d_i = a_i − b_i.
//
// PT, the paired t test, is the headline p-value: it tests the quantity
// reported, the mean difference, and agrees with the interval in Diff (PT <
// 1 − level exactly when the interval excludes 0). PWilcoxon tests instead
// that the differences are symmetric about 0 without assuming they are
// normal; it is there as a check on skewed or heavy-tailed metrics with few
// replicates, where the t test's normality assumption is doubtful. When the
// two disagree, look at the distribution of the differences.
//
// Both p-values are computed in the tail, so they stay accurate however
// small; one below PMin is reported as PMin, meaning p ≤ 1e-300 (see
// PIsBound), never as 0.
type PairedResult struct {
	N    int      // pairs used; a pair with NaN on either side is dropped
	Diff Estimate // mean of d with its Student-t interval (see MeanCI)

	// DZ is Cohen's d for paired data, d_z = d̄ / s_d: the mean difference in
	// units of the SD of the differences. It grows as pairing removes
	// shared noise, so it is not comparable with D.
	DZ float64
	// D is Cohen's d with the SD pooled over the two samples,
	// (ā − b̄) / √((s_a² + s_b²)/2): the difference in units of the spread of
	// a single condition, comparable with unpaired studies.
	D float64
	// A12 is VarghaDelaney(a, b) over the pairs used: the chance that a run
	// of a, taken at random, beats a run of b, ignoring the pairing.
	A12 float64

	// T is the paired t statistic d̄ / (s_d/√N), with N−1 degrees of
	// freedom, and PT its two-sided p-value 2·P(T_{N−1} > |T|), as R's
	// t.test(a, b, paired = TRUE) computes them.
	T  float64
	PT float64

	// W is the Wilcoxon signed-rank statistic W+ (R's V), the sum of the
	// ranks of |d_i| over the positive d_i, and PWilcoxon its two-sided
	// p-value, as R's wilcox.test(a, b, paired = TRUE) computes them with
	// its defaults. Zero differences are dropped before ranking (Wilcoxon's
	// convention, not Pratt's). With fewer than 50 nonzero differences and
	// no ties in |d| or zeros, the p-value is exact and WilcoxonExact is
	// true; otherwise it is the normal approximation with tie and
	// continuity corrections.
	W             float64
	PWilcoxon     float64
	WilcoxonExact bool
}

// Paired compares a and b pair by pair: d_i = a_i − b_i, with the interval
// of the mean difference at the given level (e.g. 0.95), effect sizes and
// the paired t and Wilcoxon signed-rank tests. Pairs where either value is
// NaN are dropped. Statistics that are undefined for the data — any spread
// with fewer than two pairs; DZ, T and PT when all differences are equal;
// D when neither sample varies; W and PWilcoxon when all differences are
// zero — are NaN. Paired panics if a and b
// differ in length or level is not in (0, 1).
func Paired(a, b []float64, level float64) PairedResult {
	if len(a) != len(b) {
		panic(fmt.Sprintf("analysis: Paired of %d and %d values", len(a), len(b)))
	}
	if !(level > 0 && level < 1) {
		panic(fmt.Sprintf("analysis: confidence level %v not in (0, 1)", level))
	}
	var as, bs, ds []float64
	for i := range a {
		if math.IsNaN(a[i]) || math.IsNaN(b[i]) {
			continue
		}
		as = append(as, a[i])
		bs = append(bs, b[i])
		ds = append(ds, a[i]-b[i])
	}
	nan := math.NaN()
	r := PairedResult{N: len(ds), Diff: MeanCI(ds, level), DZ: nan, D: nan, T: nan, PT: nan}
	r.A12 = VarghaDelaney(as, bs)
	r.W, r.PWilcoxon, r.WilcoxonExact = signedRank(ds)
	if r.N < 2 {
		return r
	}
	if pooled := math.Sqrt((stat.Variance(as, nil) + stat.Variance(bs, nil)) / 2); pooled > 0 {
		r.D = r.Diff.Mean / pooled // d̄ = ā − b̄
	}
	if r.Diff.SD > 0 {
		r.DZ = r.Diff.Mean / r.Diff.SD
		r.T = r.Diff.Mean / (r.Diff.SD / math.Sqrt(float64(r.N))) // as R's t.test rounds it
		r.PT = tTwoSided(r.T, float64(r.N-1))
	}
	return r
}
