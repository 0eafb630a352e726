package sim

import "github.com/cisim/cisim/agents"

// WeeksPerYear is the number of ticks in a year: a tick is one week.
const WeeksPerYear = 52

// HoursPerFTEWeek is the hours one full-time member of staff works a week.
const HoursPerFTEWeek = 40

// Params are the mechanism constants of docs/MODEL.md, the same for every
// governance design, one rule's parameters per field. DefaultParams gives
// the documented point values; paramTable (paramspec.go) their allowed
// range, their uncertainty and their source.
type Params struct {
	Trust        agents.TrustRule        `yaml:"trust"`
	Meetings     MeetingRule             `yaml:"meetings"`
	Conflict     agents.ConflictRule     `yaml:"conflict"`
	Decisions    agents.DecisionRule     `yaml:"decisions"`
	Agenda       agents.AgendaRule       `yaml:"agenda"`
	Values       agents.ValueRule        `yaml:"values"`
	Commitment   agents.CommitmentRule   `yaml:"commitment"`
	Steering     agents.SteeringRule     `yaml:"steering"`
	Agreements   agents.AgreementRules   `yaml:"agreements"`
	Host         agents.HostRule         `yaml:"host"`
	Engagement   agents.EngagementRule   `yaml:"engagement"`
	Targeting    agents.TargetingRule    `yaml:"targeting"`
	Population   agents.PopulationRule   `yaml:"population"`
	Beneficiary  agents.BeneficiaryRule  `yaml:"beneficiary"`
	Funding      agents.FundingRule      `yaml:"funding"`
	Perception   agents.PerceptionRule   `yaml:"perception"`
	Delivery     agents.DeliveryRule     `yaml:"delivery"`
	Measurement  agents.MeasurementRule  `yaml:"measurement"`
	Coordination agents.CoordinationRule `yaml:"coordination"`
	Membership   agents.MembershipRule   `yaml:"membership"`
	Innovation   agents.InnovationRule   `yaml:"innovation"`
	Phases       agents.PhaseRule        `yaml:"phases"`
	Events       agents.EventRates       `yaml:"events"`
}

// MeetingRule holds the parameters of steering meetings.
type MeetingRule struct {
	AttendBase float64 `yaml:"attend_base"` // a_0: attendance probability at zero commitment (rises to 1 at full)
	Hours      float64 `yaml:"hours"`       // hours each attendee spends in one meeting
	PrepHours  float64 `yaml:"prep_hours"`  // coordination hours per member per meeting
}

// DefaultParams returns the documented point values (docs/MODEL.md §8).
// Almost all are assumptions; paramTable gives each its range.
func DefaultParams() Params {
	return Params{
		Trust: agents.TrustRule{InitMean: 0.3, InitSpread: 0.1, Gain: 0.05, Loss: 0.15, Neutral: 0.5, Noise: 0.15,
			Decay: 0.0125, Floor: 0.1, ExitBreach: 0.3, Contacts: 4},
		Meetings: MeetingRule{AttendBase: 0.6, Hours: 3, PrepHours: 8},
		Conflict: agents.ConflictRule{Rate: 0.03, PowerWeight: 1, Shock: 0.15, Resolve: 0.02, ResolveBroker: 0.05,
			ResolveTrust: 0.05, Repair: 0.05, Hours: 2},
		Decisions: agents.DecisionRule{AgreeTrust: 0.45, FitExponent: 1, ApprovalWeeks: 8, PendingHours: 2,
			NoChampion: 0.25, Unfunded: 0.3, NoUrgency: 0.3},
		Agenda:     agents.AgendaRule{Rate: 0.5, DataWeight: 0.25},
		Values:     agents.ValueRule{Confidence: 0.35, Rate: 0.05},
		Commitment: agents.CommitmentRule{InitMean: 0.5, InitSpread: 0.1, Rate: 0.05, Pressure: 0.5},
		Steering:   agents.SteeringRule{OperationalHours: 1, Hold: 0.4, SeniorMandate: 0.3},
		Agreements: agents.AgreementRules{
			Letter:   agents.Terms{SetupHours: 10, Bond: 0.05, ExitCost: 0.05, Flexibility: 1},
			Contract: agents.Terms{SetupHours: 60, Bond: 0.15, ExitCost: 0.2, Flexibility: 0.5},
			Clause:   0.5,
		},
		Host: agents.HostRule{Pull: 0.2, Convening: 0.3, Suspicion: 0.1},
		Engagement: agents.EngagementRule{
			Rungs: [5]agents.Rung{
				{},
				{TrustBoost: 0.03, Hours: 0.1},
				{Voice: 0.1, Sample: 10, TrustBoost: 0.05, Empowerment: 0.002, Hours: 0.25, Indicators: 0.25},
				{Voice: 0.25, Sample: 25, TrustBoost: 0.08, Empowerment: 0.004, Hours: 0.5, Indicators: 0.5},
				{Voice: 0.4, Sample: 50, TrustBoost: 0.10, Empowerment: 0.006, Hours: 0.8, Indicators: 0.75},
			},
			Effect: 1, Cost: 1, SampleHalf: 20, ReviewBoost: 2,
		},
		Targeting: agents.TargetingRule{Base: 0.3, Voice: 0.3, Data: 0.3},
		Population: agents.PopulationRule{PriorTrustMean: 0.43, PriorTrustConc: 7, VoiceMean: 0.4, VoiceConc: 5,
			ThresholdMean: 0.7, ThresholdConc: 20, NeedConc: 6, NaturalRate: 0.03, AtRiskNeed: 0.4,
			AgeLow: 15, AgeOut: 30, EntryAgeHigh: 20},
		Beneficiary: agents.BeneficiaryRule{TrustGain: 0.05, TrustLoss: 0.15, ExpectedFit: 0.35, DropoutMax: 0.03,
			TakeUpBase: 0.6, MaxWeeks: 104, ReentryWeeks: 26, ProgressingAt: 0.25},
		Funding: agents.FundingRule{CoopBase: 0.1, CoopSlope: 0.8, CoopTrust: 0.6, OpeningShare: 0.5,
			PlanCredibility: 0.1, ResultsWeight: 0.3, ExpectedCost: 350000, ExpectationRate: 0.5,
			Sharpness: 2, GoalDrift: 0.3, ReportNoise: 0.2, ApplicationHours: 80, ApplicationWeeks: 4,
			RampWeeks: 13, Specialisation: 2, PoolAdminHours: 8},
		Perception: agents.PerceptionRule{Noise: 0.3, Trust: 0.5, Data: 0.5},
		Delivery: agents.DeliveryRule{ReferralBase: 0.15, ReferralStrength: 0.5, ReferralHours: 0.3, HandoffLoss: 0.015,
			ProgressMax: 0.02, ProgressHalf: 1, HoursPerPlace: 5, NewEfficiency: 0.5, RoutineWeeks: 26},
		Measurement: agents.MeasurementRule{MaturityRate: 0.02, Hours: 0.3, CycleWeeks: 13, SampleMax: 100,
			ItemNoise: 0.3, IndicatorBias: 0.5, LearningRate: 0.05},
		Coordination: agents.CoordinationRule{PartnerQuality: 0.4, PartnerEfficiency: 0.5, FollowUp: 0.5, FollowUpHours: 1},
		Membership: agents.MembershipRule{ReviewWeeks: 13, RefTrust: 0.4, ExitHazard: 0.25, JoinBase: 0.3,
			OutsideOptionHigh: 0.15, ConflictWeight: 0.05, VoiceWeight: 0.2},
		Innovation: agents.InnovationRule{Alone: 0.0005, Together: 0.01, TrialHours: 4, TrialWeeks: 13,
			EffectMean: 0.02, EffectSD: 0.05, NoiseOwn: 0.05, NoiseShared: 0.03, Floor: 0.7, Cap: 1.5},
		Phases: agents.PhaseRule{RedesignShift: 0.1, Growth: 1.1, ExpInnovations: 2, Spread: 0.5},
		Events: agents.EventRates{ChampionLeaves: 0.1, ChampionEmerges: 0.3, FunderCut: 0.05, CutLow: 0.2, CutHigh: 0.5,
			FunderWithdraws: 0.02, PolicyChange: 0.1, PolicyShift: 0.3, StaffTurnover: 0.15, TurnoverLoss: 0.5},
	}
}
