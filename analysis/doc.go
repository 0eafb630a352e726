// Package analysis holds the statistics cisim reports over replicates:
// means with Student t confidence intervals (MeanCI), paired differences
// of two designs run on common random numbers with their interval, the
// paired t and Wilcoxon signed-rank tests and the effect sizes
// Vargha–Delaney A12 and Cohen's d (Paired), Welch's test, sample
// quantiles, and percentile bootstrap intervals of any statistic
// (BootstrapCI, and BootstrapIndexCI for observations that are rows or
// pairs). Its subpackages hold sensitivity analysis (sensitivity) and
// scenario discovery (prim).
//
// The tests follow R's defaults (t.test; wilcox.test with exact = NULL and
// correct = TRUE) and are checked against R 4.2.2's output, saved with the
// R script that made it in testdata/. Their p-values are computed in the
// tail, so they keep their digits however small; one too small for any
// float64 to hold is reported as the bound PMin (1e-300), never as 0 — see
// PIsBound. Quantiles are Hyndman–Fan type 4 (Quantiles, as gonum's
// stat.LinInterp) or type 7 (QuantilesType7, R's and numpy's default).
//
// It uses gonum's stat and distuv where gonum is accurate enough, and its
// own code where gonum is not: the normal tail (gonum's Normal.Survival is
// 1 − erf, which reaches 0 at z ≈ 8.38) and the Student-t tail at large
// degrees of freedom.
//
// It knows nothing about the model, its runs or the files they write:
// it takes numbers.
package analysis
