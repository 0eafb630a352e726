// Package analysis holds the statistics cisim reports over replicates:
// means with Student t confidence intervals (MeanCI), paired differences
// of two designs run on common random numbers with their interval, the
// paired t and Wilcoxon signed-rank tests and the effect sizes
// Vargha–Delaney A12 and Cohen's d (Paired), Welch's test, quantiles, and
// percentile bootstrap intervals of any statistic (BootstrapCI, and
// BootstrapIndexCI for observations that are rows or pairs). Its
// subpackages hold sensitivity analysis (sensitivity) and scenario
// discovery (prim). It uses gonum's stat and distuv for the pieces gonum
// has.
//
// It knows nothing about the model, its runs or the files they write:
// it takes numbers.
package analysis
