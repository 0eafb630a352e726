package sim

import "github.com/cisim/cisim/agents"

// Params are the mechanism constants of docs/MODEL.md, the same for every
// governance design. DefaultParams gives the documented defaults; the
// parameter table in docs/MODEL.md gives their range and source.
type Params struct {
	TicksPerYear int // ticks in a year (a tick is a week)

	// Meetings and trust.
	TrustInitLow, TrustInitHigh float64 // initial pairwise trust, uniform
	TrustGain, TrustLoss        float64 // λ⁺ and λ⁻ per interaction
	TrustNeutral                float64 // θ: neutral point of the trust signal
	TrustNoise                  float64 // σ of the trust signal without measurement
	TrustDecay, TrustFloor      float64 // δ per week without contact, floor τ_floor
	FollowUp                    float64 // share of decay a fully covering backbone prevents
	ExitBreach                  float64 // trust lost toward a partner who leaves
	AttendBase                  float64 // attendance probability at zero commitment (rises to 1 at full)
	MeetingHours                float64 // hours per attendee per meeting
	MeetingPrepHours            float64 // coordination hours per member per meeting

	// Agenda and values.
	AgendaRate        float64 // ρ₀: agenda step per meeting at full trust and mandate
	DataWeight        float64 // ω_M: seat of measured needs at full maturity
	ValueConfidence   float64 // ε: bounded-confidence threshold
	ValueRate         float64 // μ: value convergence per meeting
	CommitmentRate    float64 // κ per meeting
	CommitInitLow     float64 // initial commitment, uniform low
	CommitInitHigh    float64 // initial commitment, uniform high
	OutsideOptionHigh float64 // outside option uniform on [0, this]

	// Beneficiary engagement, one entry per rung 0–4.
	Rungs           [5]agents.Rung
	SampleHalf      float64 // m₀ of RevealNeeds
	TargetingBase   float64 // ζ₀
	BenTrustGain    float64 // λ⁺ of beneficiaries' trust
	BenTrustLoss    float64 // λ⁻ of beneficiaries' trust
	ExpectedFit     float64 // θ_b
	DropoutMax      float64 // q_max per week
	TakeUpBase      float64 // u₀
	MaxWeeks        int     // longest stay in the programme without outcome
	ProgressingAt   float64 // share of total need met that marks "progressing"
	PriorTrustA     float64 // Beta(a, b) of prior trust in institutions
	PriorTrustB     float64
	VoiceA, VoiceB  float64 // Beta(a, b) of voice
	ThresholdA      float64 // Beta(a, b) of readiness thresholds
	ThresholdB      float64
	NaturalRate     float64 // yearly hazard of reaching the outcome without the programme
	NeedConcentrate float64 // concentration of the Beta of needs around their mean
	AtRiskNeed      float64 // a need above this counts as "at risk" in that domain

	// Funding and investment.
	CoopBase, CoopSlope, CoopTrust float64 // α, β, γ of Contribution
	OpeningShare                   float64 // funders' share expected in the first round
	Sharpness                      float64 // β of AllocateCompetitive
	GoalDriftRate                  float64 // χ
	ReportNoise                    float64 // σ of log reported results
	ApplicationHours               float64 // hours one grant application costs an applicant
	ApplicationWeeks               int     // weeks over which an application is written
	RampWeeks                      float64 // weeks for new funding to become staff capacity
	Specialisation                 float64 // q of PooledShare
	PoolAdminHours                 float64 // coordination hours a week a pooled fund needs
	AgreeTrust                     float64 // mean trust at which partners agree a plan the pooled fund pays for

	// Activities and outcome.
	ReferralBase     float64 // ρ₀ of Referral: ordinary signposting
	ReferralStrength float64 // ρ of Referral
	ReferralHours    float64 // coordination hours a week per referred beneficiary
	ProgressMax      float64 // π: most progress a week in one domain, need units
	ProgressHalf     float64 // K: intensity giving half of π
	HoursPerPlace    float64 // a home actor's hours a week per enrolled beneficiary
	NewEfficiency    float64 // η of Output: efficiency of hours beyond routine
	RoutineWeeks     float64 // T of AdaptRoutine
	ReentryWeeks     int     // weeks before a beneficiary who dropped out can be reached again

	// Measurement and learning.
	MaturityRate      float64 // μ per week
	LearningRate      float64 // λ per month
	MeasurementHours  float64 // coordination hours a week per enrolled beneficiary
	PartnerQuality    float64 // q_p
	PartnerEfficiency float64 // η
	ReviewWeeks       int     // weeks between membership reviews
	RefTrust          float64 // τ_ref of StayValue
	ExitHazard        float64 // chance of leaving at a review when V < outside option
	JoinBase          float64 // p₀ of JoinProbability
	InnovateAlone     float64 // ι₀ per week
	InnovateTogether  float64 // ι per week
	InnovationGain    float64 // productivity gain of one adopted innovation
	ProductivityCap   float64 // most productivity innovations can give
	Phases            agents.PhaseThresholds
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
			{Voice: 0.1, Sample: 10, TrustBoost: 0.05, Empowerment: 0.002, Hours: 0.25},
			{Voice: 0.25, Sample: 25, TrustBoost: 0.08, Empowerment: 0.004, Hours: 0.5},
			{Voice: 0.4, Sample: 50, TrustBoost: 0.10, Empowerment: 0.006, Hours: 0.8},
		},
		SampleHalf: 20, TargetingBase: 0.3,
		BenTrustGain: 0.05, BenTrustLoss: 0.15, ExpectedFit: 0.35,
		DropoutMax: 0.03, TakeUpBase: 0.6, MaxWeeks: 104, ProgressingAt: 0.25,
		PriorTrustA: 3, PriorTrustB: 4, VoiceA: 2, VoiceB: 3,
		ThresholdA: 14, ThresholdB: 6,
		NaturalRate: 0.03, NeedConcentrate: 6, AtRiskNeed: 0.3,

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
