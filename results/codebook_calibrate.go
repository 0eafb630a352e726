package results

import "strings"

// The files of cisim calibrate, in the codebook.
const (
	PosteriorCSV  = "posterior.csv"
	TolerancesCSV = "tolerances.csv"
	ParametersCSV = "parameters.csv"
	PredictiveCSV = "predictive.csv"
	JointCSV      = "joint.csv"
)

func calibrationCodebook() []Table {
	return []Table{
		{PosteriorCSV, "Calibrate: every generation's particles; the last generation is the posterior --posterior reads", []Column{
			{"generation", Integer, "", nil, "the generation, 0 (the prior) … last"},
			{"particle", Integer, "", nil, "the particle, 1 … N"},
			{"weight", Number, "", nil, "its importance weight (normalised over the generation); 0 for a particle the generation dropped"},
			{"distance", Number, "", nil, "its smallest distance to the targets over its pseudo-datasets (in the targets' scales)"},
			{"within", Integer, "pseudo-datasets", nil, "of its pseudo-datasets, those within the generation's tolerance"},
			{"params.*", Number, "", nil, "its value of a calibrated number, in the number's own units"},
		}},
		{TolerancesCSV, "Calibrate: the tolerance schedule", []Column{
			{"generation", Integer, "", nil, "the generation"},
			{"tolerance", Number, "", nil, "its tolerance ε (Inf at generation 0, the prior)"},
			{"ess", Number, "particles", nil, "the effective sample size of its weights"},
			{"resampled", Boolean, "", nil, "the particles were resampled before its moves"},
			{"proposals", Integer, "particles", nil, "particles moved (those of positive weight)"},
			{"acceptance", Number, "share", nil, "share of the moves accepted"},
		}},
		{ParametersCSV, "Calibrate: each calibrated number's prior against its posterior", []Column{
			{"parameter", Text, "", nil, "the dotted key"},
			{"prior", Text, "", nil, "the prior distribution, as a scenario file writes it"},
			{"prior_p05", Number, "the parameter's", nil, "the prior's 5% quantile"},
			{"prior_p50", Number, "the parameter's", nil, "the prior's median"},
			{"prior_p95", Number, "the parameter's", nil, "the prior's 95% quantile"},
			{"prior_sd", Number, "the parameter's", nil, "the prior's standard deviation"},
			{"posterior_mean", Number, "the parameter's", nil, "the posterior's weighted mean"},
			{"posterior_sd", Number, "the parameter's", nil, "the posterior's weighted standard deviation"},
			{"posterior_p05", Number, "the parameter's", nil, "the posterior's 5% quantile (inverse weighted ECDF)"},
			{"posterior_p50", Number, "the parameter's", nil, "the posterior's median"},
			{"posterior_p95", Number, "the parameter's", nil, "the posterior's 95% quantile"},
			{"shrinkage", Number, "share", nil, "1 − posterior SD / prior SD: how much the targets narrowed it (near 0: nothing learned)"},
		}},
		{PredictiveCSV, "Calibrate: the posterior predictive check of each target", []Column{
			{"target", Text, "", nil, "the target's name"},
			{"kind", Category, "", []string{"observed", "goal", "assumed"}, "what its figure is"},
			{"fitted", Boolean, "", nil, "it was in the distance (goals are not, unless --fit-goals)"},
			{"statistic", Category, "", []string{"mean", "share", "difference", "effect_size", "years_to_phase", "yearly_exit", "participant_effect_size"}, "the model statistic"},
			{"design", Text, "", nil, "the design it is computed on"},
			{"versus", Text, "", nil, "the other design of a comparison; NA otherwise"},
			{"low", Number, "the statistic's", nil, "the figure's lower end (its value, for a single value)"},
			{"high", Number, "the statistic's", nil, "the figure's upper end"},
			{"predicted_p05", Number, "the statistic's", nil, "5% quantile of the statistic over the posterior draws"},
			{"predicted_p50", Number, "the statistic's", nil, "its median"},
			{"predicted_p95", Number, "the statistic's", nil, "its 95% quantile"},
			{"met", Number, "share", nil, "share of draws whose statistic meets the target (inside its figure, or within a quarter of its scale)"},
			{"pass", Boolean, "", nil, "the figure lies within, or overlaps, the predicted 5% to 95% interval"},
		}},
		{JointCSV, "Calibrate: how often the posterior draws meet two targets together", []Column{
			{"target_a", Text, "", nil, "one target"},
			{"target_b", Text, "", nil, "another"},
			{"met_a", Number, "share", nil, "share of draws meeting the first"},
			{"met_b", Number, "share", nil, "share of draws meeting the second"},
			{"met_both", Number, "share", nil, "share meeting both"},
			{"never_together", Boolean, "", nil, "each is met in some draws but never both: the model trades one against the other"},
		}},
	}
}

// Header is a codebook file's fixed columns, in order (a family such as
// params.* is left out: the file adds its own members).
func Header(file string) []string {
	for _, t := range Codebook() {
		if t.File != file {
			continue
		}
		var out []string
		for _, c := range t.Columns {
			if !strings.Contains(c.Name, "*") {
				out = append(out, c.Name)
			}
		}
		return out
	}
	panic("results: no codebook table for " + file)
}
