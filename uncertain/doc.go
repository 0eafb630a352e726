// Package uncertain describes what is not known about a number: a
// distribution with bounds (uniform, triangular, scaled beta, truncated
// log-normal) from which each replicate of a run draws one value, and the
// point value a run uses when uncertainty is switched off.
//
// A value is drawn by inversion, x = F⁻¹(u), from a uniform u that the
// caller derives from the replicate and the parameter's name, so the same
// replicate draws the same value under every design that gives the
// parameter the same distribution (common random numbers), and a larger u
// always gives a larger x (draws of two designs whose distributions differ
// stay coupled).
//
// The package knows nothing of scenario files or of the model; it checks
// a distribution's own consistency and whether its support lies inside a
// range the caller allows.
package uncertain
