// Package sensitivity designs the runs of a parameter sweep and measures
// which levers the model's outputs are sensitive to. The caller runs the
// model on each design row and hands the outputs back in row order; the
// package never runs the model, and draws randomness only from the
// *rand.Rand it is given.
//
// Designs: Grid (full factorial of given Levels), LHS (Latin hypercube),
// SobolPoints (the low-discrepancy sequence of Joe & Kuo 2008, direction
// numbers new-joe-kuo-6.21201, Gray-code order), SaltelliDesign and
// MorrisDesign. Unit-cube rows become lever values through Factor.Scale.
//
// Measures:
//   - SobolIndices: first-order S1 by the estimator of Saltelli et al.
//     (2010), "Variance based sensitivity analysis of model output. Design
//     and estimator for the total sensitivity index", Comput. Phys. Commun.
//     181, 259–270, and total ST by that of Jansen (1999), "Analysis of
//     variance designs for model output", Comput. Phys. Commun. 117, 35–43.
//   - MorrisIndices: the elementary effects of Morris (1991), "Factorial
//     sampling plans for preliminary computational experiments",
//     Technometrics 33, 161–174, summarised by μ, σ and the μ* of
//     Campolongo, Cariboni & Saltelli (2007), "An effective screening design
//     for sensitivity analysis of large models", Environ. Model. Softw. 22,
//     1509–1518; Morris.Spread keeps the most spread trajectories of many
//     candidates, Campolongo et al.'s design, by the greedy search of Ruano,
//     Ribes, Seco & Ferrer (2012), "An improved sampling strategy based on
//     trajectory design for application of the Morris method to systems
//     with many input factors", Environ. Model. Softw. 37, 103–109.
//
// Conventions follow SALib (Herman & Usher 2017), the reference
// implementation: the same Saltelli row order, variance and Morris σ, and
// unscrambled Sobol points equal to SciPy's. The Sobol sequence keeps its
// first point (the origin), as SciPy and Owen (2020) advise. Results agree
// with the analytic Ishigami and g-function indices (see the tests).
// Confidence intervals are percentile bootstrap intervals from
// analysis.BootstrapCI (Morris) and analysis.BootstrapIndexCI (Sobol, over
// the rows of the design).
package sensitivity
