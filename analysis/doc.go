// Package analysis holds the statistics cisim reports: means with
// confidence intervals over replicates (and, as the experiment commands
// grow, paired differences and effect sizes). It uses gonum's stat and
// distuv for the pieces gonum has. It knows nothing about the model.
package analysis
