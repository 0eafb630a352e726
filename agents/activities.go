package agents

// DeliveryRule holds the parameters of service delivery: how hours become
// services, how services reach beneficiaries across partners, and what a
// failed hand-off costs.
type DeliveryRule struct {
	ReferralBase     float64 `yaml:"referral_base"`     // ρ_0: ordinary signposting
	ReferralStrength float64 `yaml:"referral_strength"` // ρ: active referral at full mutual trust and coordination
	ReferralHours    float64 `yaml:"referral_hours"`    // coordination hours a week per actively referred beneficiary
	HandoffLoss      float64 `yaml:"handoff_loss"`      // λ_H: weekly chance of losing a young person per unit of actively referred service at no trust
	ProgressMax      float64 `yaml:"progress_max"`      // π: most progress a week in one domain, need units
	ProgressHalf     float64 `yaml:"progress_half"`     // K: intensity giving half of π
	HoursPerPlace    float64 `yaml:"hours_per_place"`   // a home actor's hours a week per enrolled beneficiary
	NewEfficiency    float64 `yaml:"new_efficiency"`    // η_new: efficiency of hours beyond routine
	RoutineWeeks     float64 `yaml:"routine_weeks"`     // T_R of AdaptRoutine
}

// EffortShares splits an actor's free hours over domains. A member
// committed to an agreed agenda puts the share m of its hours on the agenda
// and the rest on its own priorities (partners are restricted by their own
// KPIs):
//
//	x_d = (1 − m)·k_d + m·z_d,   z_d ∝ a_d·(Q·rel_d + (1 − Q))
//
// z is the agenda's work as coordination assigns it: with coordination
// quality Q each partner takes the domains where it is believed relatively
// strong (rel_d: its perceived capability over the members' mean); without,
// everyone does a bit of everything. Without an agreed agenda m is 0.
func EffortShares(priority, agenda, rel Vec, m, quality float64) Vec {
	var z Vec
	for d := range z {
		z[d] = agenda[d] * (quality*rel[d] + 1 - quality)
	}
	z = z.Normalized()
	var x Vec
	for d := range x {
		x[d] = (1-m)*priority[d] + m*z[d]
	}
	return x
}

// Referral is the share of actor i's services that reach the beneficiaries
// enrolled with actor h. An actor serves its own fully; others' through
// ordinary signposting ρ_0 (anyone can walk into the job centre) and through
// active referral, which needs mutual trust and coordination:
//
//	r_hi = 1 if h = i,   r_hi = ρ_0 + ρ·τ_hi·τ_ih·Q otherwise
func (r *DeliveryRule) Referral(mutualTrust, quality float64) float64 {
	return r.ReferralBase + r.ReferralStrength*mutualTrust*quality
}

// HandoffHazard is the weekly chance that a beneficiary of home h is lost in
// a hand-off (they never arrive, or give up between services):
//
//	q_h = λ_H·Σ_{i≠h} a_hi·(1 − τ_hi·τ_ih)·(1 − f)
//
// a_hi is the share of h's beneficiaries' service that comes from i
// through active referral, τ_hi·τ_ih the partners' mutual trust and f the
// share of failures that follow-up between the services prevents (the
// backbone's coverage, and operational steering). The caller sums over i
// with HandoffTerm.
func (r *DeliveryRule) HandoffHazard(sum, followUp float64) float64 {
	return r.HandoffLoss * sum * (1 - followUp)
}

// HandoffTerm is one partner's term a_hi·(1 − τ_hi·τ_ih) of HandoffHazard.
func HandoffTerm(activeShare, mutualTrust float64) float64 {
	return activeShare * (1 - mutualTrust)
}

// Output is the effective service an actor delivers in one domain from
// hours h, with routine R (the hours it is set up for there): hours beyond
// routine are new work, done at efficiency η_new until they become routine
// (established services resist change, seed 004):
//
//	O = cap·prod·(min(h, R) + η_new·max(0, h − R))
func (r *DeliveryRule) Output(hours, routine, capability, productivity float64) float64 {
	est := min(hours, routine)
	return capability * productivity * (est + r.NewEfficiency*(hours-est))
}

// AdaptRoutine moves routine toward the hours actually worked, with time
// constant T_R weeks: R' = R + (h − R)/T_R.
func (r *DeliveryRule) AdaptRoutine(routine, hours float64) float64 {
	return routine + (hours-routine)/r.RoutineWeeks
}

// Progress is the weekly progress of one beneficiary in one domain from
// service intensity x (effective hours a week), with diminishing returns:
//
//	Δp = π·x/(x + K)
//
// capped by the caller at the residual need. K is the intensity at which
// half the maximum weekly progress π is reached.
func (r *DeliveryRule) Progress(x float64) float64 {
	if x <= 0 {
		return 0
	}
	return r.ProgressMax * x / (x + r.ProgressHalf)
}
