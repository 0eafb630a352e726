// Package experiments holds cisim's experiment designs and their analyses:
// a Plan of scenarios run on common random numbers, over a pool of workers
// that parallelises across replicates (Run, Resume, shards and Merge), with
// a precision target for comparisons; the comparison of designs; sweeps
// over levers (grids, Latin hypercubes, Saltelli and Morris designs, the
// factorial of the conditions of collective impact, the hypotheses H1–H3,
// whose lever ranges are defined here); and what each design's analysis
// writes: sensitivity indices, factorial effects, hypothesis effects and
// conclusions, scenario discovery with PRIM, their plots and report pages.
//
// It builds on package results for the records, accumulators, manifests
// and files a run leaves, and on package analysis for the statistics. It
// knows nothing of the command line: flags and their names are cmd/cisim's.
package experiments
