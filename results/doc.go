// Package results turns runs into records: the per-run metrics of
// PRODUCT.md under their stable output names, in a fixed column order, so
// that every writer (terminal table, CSV, JSON) and reader agrees on them.
// It knows the engine's Summary but not how runs are scheduled.
package results
