package sim

import (
	"fmt"
	"math"

	"github.com/cisim/cisim/agents"
)

// Scenario is everything a run needs: the partnership, the beneficiaries,
// the institutions (governance and funding), the problem, the horizon, the
// economics and the mechanism parameters. Two designs compared on one
// partnership differ only in Governance and Funding.
type Scenario struct {
	Name          string
	Description   string
	Actors        []ActorSpec
	Beneficiaries Beneficiaries
	Governance    Governance
	Funding       Funding
	Problem       Problem
	Horizon       Horizon
	Economics     Economics
	Params        Params
}

// ActorSpec is an organisation as the scenario gives it. Actors with
// Member false are outsiders who may join later.
type ActorSpec struct {
	Name       string
	Sector     agents.Sector
	Capability agents.Vec
	Values     agents.Values
	KPI        agents.Vec
	Budget     float64 // SEK a year
	Staff      float64 // FTE
	Mandate    float64
	Reach      float64
	Member     bool
}

// Beneficiaries describes the population.
type Beneficiaries struct {
	Count    int
	MeanNeed agents.Vec // mean need per domain, in (0,1)
}

// Governance holds the institutions of the partnership (the levers of
// PRODUCT.md under governance.*).
type Governance struct {
	CommonAgenda          bool    `yaml:"common_agenda"`
	SharedMeasurement     bool    `yaml:"shared_measurement"`
	BackboneStaff         float64 `yaml:"backbone_staff"`         // FTE; 0 = none
	MeetingIntervalWeeks  int     `yaml:"meeting_interval_weeks"` // 0 = no meetings
	BeneficiaryEngagement int     `yaml:"beneficiary_engagement"` // rung 0–4
	PowerSharing          float64 `yaml:"power_sharing"`          // 0 = voice follows money … 1 = equal voice
	ExitCost              float64 `yaml:"exit_cost"`              // cost of leaving set by the agreement (letter of intent, contract)
}

// Funding holds how money flows.
type Funding struct {
	Pooled       bool    `yaml:"pooled"`        // a pooled fund allocated on the agenda, versus separate grants
	HorizonYears float64 `yaml:"horizon_years"` // length of a funding commitment
}

// Problem describes the social problem.
type Problem struct {
	Complementarity float64    // κ: 0 needs are substitutes … 1 strict complements
	NeedDrift       float64    // σ per week of the drift of the need profile
	Measurability   agents.Vec // how visible progress in each domain is in reports, in [0,1]
}

// Horizon is how long a run lasts.
type Horizon struct {
	Years float64 `yaml:"years"`
}

// Economics values outcomes and prices hours.
type Economics struct {
	ValuePerOutcome float64 `yaml:"value_per_outcome"` // SEK: societal cost of one young person in lasting exclusion
	ValueSource     string  `yaml:"value_source"`
	AvertedShare    float64 `yaml:"averted_share"` // share of programme outcomes that avert lasting exclusion
	HourlyCost      float64 `yaml:"hourly_cost"`   // SEK per staff hour
}

// Ticks returns the number of ticks of the horizon.
func (s *Scenario) Ticks() int {
	return int(math.Round(s.Horizon.Years * float64(s.Params.TicksPerYear)))
}

// Validate reports the first invalid field as an error naming it by its
// dotted key, with the value and what is allowed. A scenario that passes
// cannot make the engine panic or silently clamp.
func (s *Scenario) Validate() error {
	v := validator{}
	v.intRange("beneficiaries.count", s.Beneficiaries.Count, 1, 10_000_000)
	for d, x := range s.Beneficiaries.MeanNeed {
		v.open01("beneficiaries.mean_need."+agents.Domain(d).String(), x)
	}
	g := &s.Governance
	v.num("governance.backbone_staff", g.BackboneStaff, 0, 1000)
	v.intRange("governance.meeting_interval_weeks", g.MeetingIntervalWeeks, 0, 520)
	v.intRange("governance.beneficiary_engagement", g.BeneficiaryEngagement, 0, 4)
	v.num("governance.power_sharing", g.PowerSharing, 0, 1)
	v.num("governance.exit_cost", g.ExitCost, 0, 1)
	v.num("funding.horizon_years", s.Funding.HorizonYears, 1.0/52, 100)
	v.num("problem.complementarity", s.Problem.Complementarity, 0, 1)
	v.num("problem.need_drift", s.Problem.NeedDrift, 0, 0.2)
	for d, x := range s.Problem.Measurability {
		v.num("problem.measurability."+agents.Domain(d).String(), x, 0, 1)
	}
	v.num("horizon.years", s.Horizon.Years, 1.0/52, 200)
	v.num("economics.value_per_outcome", s.Economics.ValuePerOutcome, 0, 1e12)
	v.num("economics.averted_share", s.Economics.AvertedShare, 0, 1)
	v.num("economics.hourly_cost", s.Economics.HourlyCost, 1e-6, 1e7)
	v.actors(s.Actors)
	v.funder(s)
	v.params(&s.Params)
	return v.err
}

// InvalidError is an invalid scenario field, named by its dotted key.
type InvalidError struct {
	Key     string // dotted key, as in scenario files and --set
	Value   string
	Allowed string
}

func (e *InvalidError) Error() string {
	return fmt.Sprintf("sim: invalid %s: %s (allowed: %s)", e.Key, e.Value, e.Allowed)
}

type validator struct{ err error }

func (v *validator) fail(key string, value any, allowed string) {
	if v.err == nil {
		v.err = &InvalidError{Key: key, Value: fmt.Sprint(value), Allowed: allowed}
	}
}

func (v *validator) num(key string, x, lo, hi float64) {
	if math.IsNaN(x) || x < lo || x > hi {
		v.fail(key, x, bound(lo)+" to "+bound(hi))
	}
}

// bound prints a range end as a person would: one week as 1/52.
func bound(x float64) string {
	if x == 1.0/52 {
		return "1/52 (a week)"
	}
	return fmt.Sprintf("%g", x)
}

func (v *validator) open01(key string, x float64) {
	if math.IsNaN(x) || x <= 0 || x >= 1 {
		v.fail(key, x, "above 0 and below 1")
	}
}

func (v *validator) positive(key string, x float64) {
	if math.IsNaN(x) || math.IsInf(x, 0) || x <= 0 {
		v.fail(key, x, "above 0")
	}
}

func (v *validator) intRange(key string, x, lo, hi int) {
	if x < lo || x > hi {
		v.fail(key, x, fmt.Sprintf("%d to %d", lo, hi))
	}
}

func (v *validator) actors(as []ActorSpec) {
	if len(as) == 0 {
		v.fail("actors.list", 0, "at least one actor")
		return
	}
	if len(as) > 32000 {
		v.fail("actors.list", len(as), "at most 32000 actors")
		return
	}
	seen := map[string]bool{}
	members := 0
	for i := range as {
		a := &as[i]
		key := fmt.Sprintf("actors.list[%d]", i)
		if a.Name == "" {
			v.fail(key+".name", `""`, "a non-empty name")
		}
		if seen[a.Name] {
			v.fail(key+".name", a.Name, "a name no other actor has")
		}
		seen[a.Name] = true
		if a.Member {
			members++
		}
		if a.Sector > agents.BackboneOrg {
			v.fail(key+".sector", a.Sector, "nonprofit, public, private, academia, funder, backbone")
		}
		for d := range a.Capability {
			v.num(key+".capability."+agents.Domain(d).String(), a.Capability[d], 0, 1)
			v.num(key+".kpi."+agents.Domain(d).String(), a.KPI[d], 0, 1)
		}
		if a.KPI.Sum() <= 0 {
			v.fail(key+".kpi", a.KPI, "weights with a positive sum")
		}
		for k, name := range agents.ValueNames() {
			v.num(key+".values."+name, a.Values[k], 0, 1)
		}
		v.num(key+".budget", a.Budget, 0, 1e12)
		v.num(key+".staff", a.Staff, 0, 1e6)
		v.num(key+".mandate", a.Mandate, 0, 1)
		v.num(key+".reach", a.Reach, 0, 1)
	}
	if members == 0 {
		v.fail("actors.list", "no member", "at least one actor who is a member at the start")
	}
}

// funder checks that a pooled fund has someone to fill it: a member funder
// with a budget.
func (v *validator) funder(s *Scenario) {
	if !s.Funding.Pooled {
		return
	}
	for _, a := range s.Actors {
		if a.Member && a.Sector == agents.Funder && a.Budget > 0 {
			return
		}
	}
	v.fail("funding.pooled", true, "a pooled fund only with a member funder that has a budget")
}

func (v *validator) params(p *Params) {
	v.intRange("params.ticks_per_year", p.TicksPerYear, 1, 365)
	v.num("params.trust_init_low", p.TrustInitLow, 0, 1)
	v.num("params.trust_init_high", p.TrustInitHigh, p.TrustInitLow, 1)
	v.num("params.trust_gain", p.TrustGain, 0, 1)
	v.num("params.trust_loss", p.TrustLoss, 0, 1)
	v.num("params.trust_neutral", p.TrustNeutral, 0, 1)
	v.num("params.trust_noise", p.TrustNoise, 0, 1)
	v.num("params.trust_decay", p.TrustDecay, 0, 1)
	v.num("params.trust_floor", p.TrustFloor, 0, 1)
	v.num("params.follow_up", p.FollowUp, 0, 1)
	v.num("params.exit_breach", p.ExitBreach, 0, 1)
	v.num("params.attend_base", p.AttendBase, 0, 1)
	v.num("params.meeting_hours", p.MeetingHours, 0, 40)
	v.num("params.meeting_prep_hours", p.MeetingPrepHours, 0, 40)
	v.num("params.agenda_rate", p.AgendaRate, 0, 1)
	v.num("params.data_weight", p.DataWeight, 0, 0.5)
	v.num("params.value_confidence", p.ValueConfidence, 0, 1)
	v.num("params.value_rate", p.ValueRate, 0, 1)
	v.num("params.commitment_rate", p.CommitmentRate, 0, 1)
	v.num("params.commit_init_low", p.CommitInitLow, 0, 1)
	v.num("params.commit_init_high", p.CommitInitHigh, p.CommitInitLow, 1)
	v.num("params.outside_option_high", p.OutsideOptionHigh, 0, 2)
	for l, r := range p.Rungs {
		k := fmt.Sprintf("params.rungs[%d]", l)
		v.num(k+".voice", r.Voice, 0, 0.5)
		v.num(k+".sample", r.Sample, 0, 1e6)
		v.num(k+".trust_boost", r.TrustBoost, 0, 1)
		v.num(k+".empowerment", r.Empowerment, 0, 1)
		v.num(k+".hours", r.Hours, 0, 40)
		v.num(k+".indicators", r.Indicators, 0, 1)
	}
	v.positive("params.sample_half", p.SampleHalf)
	v.num("params.indicator_bias", p.IndicatorBias, 0, 1)
	v.num("params.targeting_base", p.TargetingBase, 0, 1)
	v.num("params.ben_trust_gain", p.BenTrustGain, 0, 1)
	v.num("params.ben_trust_loss", p.BenTrustLoss, 0, 1)
	v.num("params.expected_fit", p.ExpectedFit, 0, 1)
	v.num("params.dropout_max", p.DropoutMax, 0, 1)
	v.num("params.take_up_base", p.TakeUpBase, 0, 1)
	v.intRange("params.max_weeks", p.MaxWeeks, 1, 10000)
	v.num("params.progressing_at", p.ProgressingAt, 0, 1)
	v.positive("params.prior_trust_a", p.PriorTrustA)
	v.positive("params.prior_trust_b", p.PriorTrustB)
	v.positive("params.voice_a", p.VoiceA)
	v.positive("params.voice_b", p.VoiceB)
	v.positive("params.threshold_a", p.ThresholdA)
	v.positive("params.threshold_b", p.ThresholdB)
	v.num("params.natural_rate", p.NaturalRate, 0, 10)
	v.positive("params.need_concentrate", p.NeedConcentrate)
	v.num("params.at_risk_need", p.AtRiskNeed, 0, 1)
	v.num("params.coop_base", p.CoopBase, -1, 1)
	v.num("params.coop_slope", p.CoopSlope, 0, 2)
	v.num("params.coop_trust", p.CoopTrust, 0, 2)
	v.num("params.opening_share", p.OpeningShare, 0, 1)
	v.num("params.sharpness", p.Sharpness, 0, 10)
	v.num("params.goal_drift_rate", p.GoalDriftRate, 0, 1)
	v.num("params.report_noise", p.ReportNoise, 0, 5)
	v.num("params.application_hours", p.ApplicationHours, 0, 10000)
	v.intRange("params.application_weeks", p.ApplicationWeeks, 1, 52)
	v.num("params.ramp_weeks", p.RampWeeks, 1, 520)
	v.num("params.specialisation", p.Specialisation, 0, 10)
	v.num("params.pool_admin_hours", p.PoolAdminHours, 0, 1000)
	v.num("params.agree_trust", p.AgreeTrust, 0, 1)
	v.num("params.referral_base", p.ReferralBase, 0, 1)
	v.num("params.referral_strength", p.ReferralStrength, 0, 1)
	v.num("params.referral_hours", p.ReferralHours, 0, 40)
	v.num("params.progress_max", p.ProgressMax, 0, 1)
	v.positive("params.progress_half", p.ProgressHalf)
	v.positive("params.hours_per_place", p.HoursPerPlace)
	v.num("params.new_efficiency", p.NewEfficiency, 0, 1)
	v.num("params.routine_weeks", p.RoutineWeeks, 1, 10000)
	v.intRange("params.reentry_weeks", p.ReentryWeeks, 0, 10000)
	v.num("params.maturity_rate", p.MaturityRate, 0, 1)
	v.num("params.learning_rate", p.LearningRate, 0, 1)
	v.num("params.measurement_hours", p.MeasurementHours, 0, 40)
	v.num("params.partner_quality", p.PartnerQuality, 0, 1)
	v.num("params.partner_efficiency", p.PartnerEfficiency, 1e-3, 1)
	v.intRange("params.review_weeks", p.ReviewWeeks, 1, 520)
	v.num("params.ref_trust", p.RefTrust, 0, 1)
	v.num("params.exit_hazard", p.ExitHazard, 0, 1)
	v.num("params.join_base", p.JoinBase, 0, 1)
	v.num("params.innovate_alone", p.InnovateAlone, 0, 1)
	v.num("params.innovate_together", p.InnovateTogether, 0, 1)
	v.num("params.innovation_gain", p.InnovationGain, 0, 1)
	v.num("params.productivity_cap", p.ProductivityCap, 1, 10)
	v.num("params.phases.run_trust", p.Phases.RunTrust, 0, 1)
	v.num("params.phases.run_coherence", p.Phases.RunCoherence, 0, 1)
	v.num("params.phases.redesign_shift", p.Phases.RedesignShift, 0, 1)
	v.num("params.phases.growth", p.Phases.Growth, 0, 100)
	v.intRange("params.phases.exp_innovations", p.Phases.ExpInnovations, 0, 1000)
}
