package agents

import "math"

// MeasurementRule holds the parameters of shared measurement: a monitoring
// system that matures with coordinated effort, samples records of the
// enrolled each cycle through indicators that see some domains better
// than others, and publishes the profile one cycle later.
type MeasurementRule struct {
	MaturityRate  float64 `yaml:"maturity_rate"`  // μ_M per week
	Hours         float64 `yaml:"hours"`          // coordination hours a week per enrolled beneficiary
	CycleWeeks    int     `yaml:"cycle_weeks"`    // W_M: weeks between data collections
	SampleMax     float64 `yaml:"sample_max"`     // n_max: records collected a cycle at full maturity
	ItemNoise     float64 `yaml:"item_noise"`     // σ_M: relative error of one record
	IndicatorBias float64 `yaml:"indicator_bias"` // β_M: how far indicators miss what is hard to measure
	LearningRate  float64 `yaml:"learning_rate"`  // λ per month
}

// Mature grows the maturity M of shared measurement by one week.
// Indicators, data collection and the habit of using them take time and
// someone to run them:
//
//	M' = M + μ_M·Q·(1 − M)   with shared measurement
//	M' = M·(1 − μ_M)         without
//
// with Q coordination quality.
func (r *MeasurementRule) Mature(m, quality float64, shared bool) float64 {
	if shared {
		return m + r.MaturityRate*quality*(1-m)
	}
	return m * (1 - r.MaturityRate)
}

// SampleSize is the number of records collected in one cycle,
// n = round(M·n_max), at most the number enrolled.
func (r *MeasurementRule) SampleSize(maturity float64, enrolled int) int {
	return min(enrolled, int(math.Round(maturity*r.SampleMax)))
}

// Record is what one beneficiary's record shows of their remaining need in
// a domain: max(0, v_d·r·(1 + σ_M·z)), with z a standard normal.
func (r *MeasurementRule) Record(residual, view, z float64) float64 {
	return max(0, view*residual*(1+r.ItemNoise*z))
}

// IndicatorView is how much of the remaining need in each domain the shared
// indicators see. Indicators chosen without beneficiaries look at what is
// easy to count (jobs, exams) and miss root issues such as belief in
// oneself (seed 000: "not understanding the beneficiaries' root issues,
// hence looking at the wrong data"); beneficiaries who help build the
// measurement tools close part of that blind spot:
//
//	v_d = 1 − β_M·(1 − μ_d)·(1 − ι_L)
//
// with μ_d the measurability of domain d and ι_L in [0,1] the share of the
// blind spot closed by beneficiaries' part in building the indicators.
func (r *MeasurementRule) IndicatorView(measurability Vec, codesign float64) Vec {
	var v Vec
	for d := range v {
		v[d] = 1 - r.IndicatorBias*(1-measurability[d])*(1-codesign)
	}
	return v
}

// Learn is one Bush–Mosteller step (Bush & Mosteller 1955) on an actor's
// own priorities: the priorities move toward the profile that the actor's
// feedback rewards,
//
//	k' = k + λ·(r − k)
//
// where r (a distribution over domains) blends, by maturity M, the
// collective gaps the shared indicators show where the actor is able to
// help, and its own reported results.
func (r *MeasurementRule) Learn(own, reinforcement Vec) Vec {
	for d := range own {
		own[d] += r.LearningRate * (reinforcement[d] - own[d])
	}
	return own
}

// GapReinforcement is the reinforcement shared indicators give an actor: the
// collective remaining need in each domain weighted by the actor's
// capability there, normalised: g_d ∝ ν_M,d·cap_d.
func GapReinforcement(gap, capability Vec) Vec {
	var r Vec
	for d := range r {
		r[d] = gap[d] * capability[d]
	}
	return r.Normalized()
}

// CoordinationRule holds how coordination that no backbone covers is done.
type CoordinationRule struct {
	PartnerQuality    float64 `yaml:"partner_quality"`    // q_p: quality of coordination run on the side by partners
	PartnerEfficiency float64 `yaml:"partner_efficiency"` // η_p: hours it takes partners per hour of need, inverted
	FollowUp          float64 `yaml:"follow_up"`          // F: share of trust decay and of failed hand-offs a fully covering backbone prevents
	FollowUpHours     float64 `yaml:"follow_up_hours"`    // coordination hours a week per member for follow-up between meetings
}
