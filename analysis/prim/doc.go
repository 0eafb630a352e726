// Package prim finds scenarios with the Patient Rule Induction Method:
// given sweep points (levers) and which of them are cases of interest, it
// looks for a box — a lower and upper bound on a few levers — that holds
// most of the cases (coverage) and mostly cases (density), so a result
// like "collective impact wins when backbone staff ≥ 2 and complementarity
// ≥ 0.4" can be read off a sweep.
//
// Peel shrinks the box from the full lever space a small step at a time,
// keeping every step as a trajectory to choose from (Trajectory.MinDensity,
// Frontier, Balanced; WriteCSV for a trade-off plot); Data.Paste grows a
// chosen box back where that does not lower density; Data.QuasiP and
// Data.Prune test and drop restrictions that do not matter; Data.Cover
// finds further boxes among the points the earlier ones leave.
//
// References:
//   - J. H. Friedman and N. I. Fisher (1999), Bump hunting in
//     high-dimensional data, Statistics and Computing 9:123–143 (peeling,
//     pasting, covering).
//   - B. P. Bryant and R. J. Lempert (2010), Thinking inside the box: a
//     participatory, computer-assisted approach to scenario discovery,
//     Technological Forecasting and Social Change 77:34–49 (coverage,
//     density, interpretability).
//   - J. H. Kwakkel and M. Jaxa-Rozen (2016), Improving scenario discovery
//     for handling heterogeneous uncertainties and multinomial classified
//     outcomes, Environmental Modelling & Software 79:311–321, and the EMA
//     Workbench (Kwakkel 2017) whose treatment of categorical levers and
//     quasi-p-values this package follows.
package prim
