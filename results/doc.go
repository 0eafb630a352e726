// Package results is what a run leaves in its output folder and how it is
// read back: the per-run records of summary.csv under their stable column
// names (one table of columns gives the record, its header and its
// reader), the exact, order-free aggregation of per-tick series
// (Accumulator) and its saved state, the manifest that describes a folder
// (with the design points of a sweep), the joining of an experiment's
// shards, timeseries.csv and comparison.csv, and the helpers every writer
// of files, tables, plots and reports shares.
//
// It knows the engine's Summary and metric series, but not how runs are
// scheduled, which experiments there are or how they are analysed: those
// are package experiments, which builds on this one. Nor does it know the
// command line.
package results
