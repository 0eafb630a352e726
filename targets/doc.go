// Package targets describes what is known about a partnership's outcomes
// in a form a calibration can use: a targets file lists model statistics
// (a metric at a year, a share of runs with a property, a difference or
// an effect size between two designs, the years to a phase), each with
// the figure the evidence gives — a value or an interval — its kind
// (observed, a goal, or assumed), its source and how the source's measure
// maps to the model's.
//
// The package reads and checks targets files (every problem one line with
// file:line:column), holds the built-in evidence pack, computes each
// statistic from runs with the same columns and estimators the reports
// use (results' per-run columns, analysis.Paired for differences and
// Cohen's d), and measures how far a set of simulated statistics lies
// from the targets. It knows nothing of how runs are scheduled; package
// calibrate does.
package targets
