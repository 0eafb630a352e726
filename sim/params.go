package sim

import "github.com/cisim/cisim/agents"

// Params are the mechanism constants of docs/MODEL.md, the same for every
// governance design. DefaultParams gives the documented defaults; the
// parameter table in docs/MODEL.md gives their range and source.
type Params struct {
	TicksPerYear int `yaml:"ticks_per_year"` // ticks in a year (a tick is a week)

	// Meetings and trust.
	TrustInitLow     float64 `yaml:"trust_init_low"`
	TrustInitHigh    float64 `yaml:"trust_init_high"` // initial pairwise trust, uniform
	TrustGain        float64 `yaml:"trust_gain"`
	TrustLoss        float64 `yaml:"trust_loss"`    // λ⁺ and λ⁻ per interaction
	TrustNeutral     float64 `yaml:"trust_neutral"` // θ: neutral point of the trust signal
	TrustNoise       float64 `yaml:"trust_noise"`   // σ of the trust signal without measurement
	TrustDecay       float64 `yaml:"trust_decay"`
	TrustFloor       float64 `yaml:"trust_floor"`        // δ per week without contact, floor τ_floor
	FollowUp         float64 `yaml:"follow_up"`          // share of decay a fully covering backbone prevents
	ExitBreach       float64 `yaml:"exit_breach"`        // trust lost toward a partner who leaves
	AttendBase       float64 `yaml:"attend_base"`        // attendance probability at zero commitment (rises to 1 at full)
	MeetingHours     float64 `yaml:"meeting_hours"`      // hours per attendee per meeting
	MeetingPrepHours float64 `yaml:"meeting_prep_hours"` // coordination hours per member per meeting

	// Agenda and values.
	AgendaRate        float64 `yaml:"agenda_rate"`         // ρ₀: agenda step per meeting at full trust and mandate
	DataWeight        float64 `yaml:"data_weight"`         // ω_M: seat of measured needs at full maturity
	ValueConfidence   float64 `yaml:"value_confidence"`    // ε: bounded-confidence threshold
	ValueRate         float64 `yaml:"value_rate"`          // μ: value convergence per meeting
	CommitmentRate    float64 `yaml:"commitment_rate"`     // κ per meeting
	CommitInitLow     float64 `yaml:"commit_init_low"`     // initial commitment, uniform low
	CommitInitHigh    float64 `yaml:"commit_init_high"`    // initial commitment, uniform high
	OutsideOptionHigh float64 `yaml:"outside_option_high"` // outside option uniform on [0, this]

	// Beneficiary engagement, one entry per rung 0–4.
	Rungs           [5]agents.Rung `yaml:"rungs"`
	SampleHalf      float64        `yaml:"sample_half"`    // m₀ of RevealNeeds
	IndicatorBias   float64        `yaml:"indicator_bias"` // β of IndicatorView: how far shared indicators miss what is hard to measure
	TargetingBase   float64        `yaml:"targeting_base"` // ζ₀
	BenTrustGain    float64        `yaml:"ben_trust_gain"` // λ⁺ of beneficiaries' trust
	BenTrustLoss    float64        `yaml:"ben_trust_loss"` // λ⁻ of beneficiaries' trust
	ExpectedFit     float64        `yaml:"expected_fit"`   // θ_b
	DropoutMax      float64        `yaml:"dropout_max"`    // q_max per week
	TakeUpBase      float64        `yaml:"take_up_base"`   // u₀
	MaxWeeks        int            `yaml:"max_weeks"`      // longest stay in the programme without outcome
	ProgressingAt   float64        `yaml:"progressing_at"` // share of total need met that marks "progressing"
	PriorTrustA     float64        `yaml:"prior_trust_a"`  // Beta(a, b) of prior trust in institutions
	PriorTrustB     float64        `yaml:"prior_trust_b"`
	VoiceA          float64        `yaml:"voice_a"`
	VoiceB          float64        `yaml:"voice_b"`     // Beta(a, b) of voice
	ThresholdA      float64        `yaml:"threshold_a"` // Beta(a, b) of readiness thresholds
	ThresholdB      float64        `yaml:"threshold_b"`
	NaturalRate     float64        `yaml:"natural_rate"`     // yearly hazard of reaching the outcome without the programme
	NeedConcentrate float64        `yaml:"need_concentrate"` // concentration of the Beta of needs around their mean
	AtRiskNeed      float64        `yaml:"at_risk_need"`     // a need above this counts as "at risk" in that domain

	// Funding and investment.
	CoopBase         float64 `yaml:"coop_base"`
	CoopSlope        float64 `yaml:"coop_slope"`
	CoopTrust        float64 `yaml:"coop_trust"`        // α, β, γ of Contribution
	OpeningShare     float64 `yaml:"opening_share"`     // funders' share expected in the first round
	Sharpness        float64 `yaml:"sharpness"`         // β of AllocateCompetitive
	GoalDriftRate    float64 `yaml:"goal_drift_rate"`   // χ
	ReportNoise      float64 `yaml:"report_noise"`      // σ of log reported results
	ApplicationHours float64 `yaml:"application_hours"` // hours one grant application costs an applicant
	ApplicationWeeks int     `yaml:"application_weeks"` // weeks over which an application is written
	RampWeeks        float64 `yaml:"ramp_weeks"`        // weeks for new funding to become staff capacity
	Specialisation   float64 `yaml:"specialisation"`    // q of PooledShare
	PoolAdminHours   float64 `yaml:"pool_admin_hours"`  // coordination hours a week a pooled fund needs
	AgreeTrust       float64 `yaml:"agree_trust"`       // mean trust at which partners agree a plan the pooled fund pays for

	// Activities and outcome.
	ReferralBase     float64 `yaml:"referral_base"`     // ρ₀ of Referral: ordinary signposting
	ReferralStrength float64 `yaml:"referral_strength"` // ρ of Referral
	ReferralHours    float64 `yaml:"referral_hours"`    // coordination hours a week per actively referred beneficiary
	ProgressMax      float64 `yaml:"progress_max"`      // π: most progress a week in one domain, need units
	ProgressHalf     float64 `yaml:"progress_half"`     // K: intensity giving half of π
	HoursPerPlace    float64 `yaml:"hours_per_place"`   // a home actor's hours a week per enrolled beneficiary
	NewEfficiency    float64 `yaml:"new_efficiency"`    // η of Output: efficiency of hours beyond routine
	RoutineWeeks     float64 `yaml:"routine_weeks"`     // T of AdaptRoutine
	ReentryWeeks     int     `yaml:"reentry_weeks"`     // weeks before a beneficiary who dropped out can be reached again

	// Measurement and learning.
	MaturityRate      float64                `yaml:"maturity_rate"`      // μ per week
	LearningRate      float64                `yaml:"learning_rate"`      // λ per month
	MeasurementHours  float64                `yaml:"measurement_hours"`  // coordination hours a week per enrolled beneficiary
	PartnerQuality    float64                `yaml:"partner_quality"`    // q_p
	PartnerEfficiency float64                `yaml:"partner_efficiency"` // η
	ReviewWeeks       int                    `yaml:"review_weeks"`       // weeks between membership reviews
	RefTrust          float64                `yaml:"ref_trust"`          // τ_ref of StayValue
	ExitHazard        float64                `yaml:"exit_hazard"`        // chance of leaving at a review when V < outside option
	JoinBase          float64                `yaml:"join_base"`          // p₀ of JoinProbability
	InnovateAlone     float64                `yaml:"innovate_alone"`     // ι₀ per week
	InnovateTogether  float64                `yaml:"innovate_together"`  // ι per week
	InnovationGain    float64                `yaml:"innovation_gain"`    // productivity gain of one adopted innovation
	ProductivityCap   float64                `yaml:"productivity_cap"`   // most productivity innovations can give
	Phases            agents.PhaseThresholds `yaml:"phases"`
}

// DefaultParams returns the documented defaults (docs/MODEL.md, parameter
// table). Values marked there as assumptions are the modeller's choice,
// not data.
func DefaultParams() Params {
	return Params{
		TicksPerYear: 52,

		TrustInitLow: 0.2, TrustInitHigh: 0.4,
		TrustGain: 0.05, TrustLoss: 0.15,
		TrustNeutral: 0.5, TrustNoise: 0.15,
		TrustDecay: 0.0125, TrustFloor: 0.1,
		FollowUp: 0.7, ExitBreach: 0.3,
		AttendBase: 0.6, MeetingHours: 3, MeetingPrepHours: 8,

		AgendaRate: 0.5, DataWeight: 0.25,
		ValueConfidence: 0.35, ValueRate: 0.05,
		CommitmentRate: 0.05, CommitInitLow: 0.4, CommitInitHigh: 0.6,
		OutsideOptionHigh: 0.15,

		Rungs: [5]agents.Rung{
			{},
			{TrustBoost: 0.03, Hours: 0.1},
			{Voice: 0.1, Sample: 10, TrustBoost: 0.05, Empowerment: 0.002, Hours: 0.25, Indicators: 0.25},
			{Voice: 0.25, Sample: 25, TrustBoost: 0.08, Empowerment: 0.004, Hours: 0.5, Indicators: 0.5},
			{Voice: 0.4, Sample: 50, TrustBoost: 0.10, Empowerment: 0.006, Hours: 0.8, Indicators: 0.75},
		},
		SampleHalf: 20, IndicatorBias: 0.5, TargetingBase: 0.3,
		BenTrustGain: 0.05, BenTrustLoss: 0.15, ExpectedFit: 0.35,
		DropoutMax: 0.03, TakeUpBase: 0.6, MaxWeeks: 104, ProgressingAt: 0.25,
		PriorTrustA: 3, PriorTrustB: 4, VoiceA: 2, VoiceB: 3,
		ThresholdA: 14, ThresholdB: 6,
		NaturalRate: 0.03, NeedConcentrate: 6, AtRiskNeed: 0.4,

		CoopBase: 0.1, CoopSlope: 0.8, CoopTrust: 0.6, OpeningShare: 0.5,
		Sharpness: 2, GoalDriftRate: 0.3, ReportNoise: 0.2,
		ApplicationHours: 80, ApplicationWeeks: 4, RampWeeks: 13,
		Specialisation: 2, PoolAdminHours: 8, AgreeTrust: 0.45,

		ReferralBase: 0.15, ReferralStrength: 0.5, ReferralHours: 0.3,
		ProgressMax: 0.02, ProgressHalf: 1, HoursPerPlace: 5,
		NewEfficiency: 0.5, RoutineWeeks: 26, ReentryWeeks: 26,

		MaturityRate: 0.02, LearningRate: 0.05, MeasurementHours: 0.3,
		PartnerQuality: 0.4, PartnerEfficiency: 0.5,
		ReviewWeeks: 13, RefTrust: 0.4, ExitHazard: 0.5, JoinBase: 0.3,
		InnovateAlone: 0.0005, InnovateTogether: 0.01,
		InnovationGain: 0.05, ProductivityCap: 1.5,
		Phases: agents.PhaseThresholds{
			RunTrust: 0.6, RunCoherence: 0.6, RedesignShift: 0.05,
			Growth: 1.1, ExpInnovations: 2,
		},
	}
}
