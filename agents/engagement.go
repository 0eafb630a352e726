package agents

// Rung describes one step of the participation ladder (Hart 1992; Arnstein
// 1969) for beneficiary engagement: 0 none, 1 informed, 2 consulted,
// 3 co-design, 4 shared decisions.
type Rung struct {
	Voice       float64 `yaml:"voice"`       // ω_B: seat of beneficiaries' voice in agenda formation
	Sample      float64 `yaml:"sample"`      // m_L: beneficiaries heard a month about their needs
	TrustBoost  float64 `yaml:"trust_boost"` // γ_L: added to a beneficiary's experience each week (being heard)
	Empowerment float64 `yaml:"empowerment"` // ε_L: weekly self-esteem progress from taking part, as a share of that need
	Hours       float64 `yaml:"hours"`       // h_L: staff hours a week per enrolled beneficiary, from actors with reach
	Indicators  float64 `yaml:"indicators"`  // ι_L: share of the shared indicators' blind spot closed by beneficiaries helping build them
}

// EngagementRule holds the participation ladder and how needs are heard.
// The rung table's magnitudes are assumptions known up to a factor: Effect
// scales what engagement does (voice, trust, empowerment, indicators) and
// Cost what it takes (hours), so each can carry its own uncertainty.
type EngagementRule struct {
	Rungs       [5]Rung `yaml:"rungs"`
	Effect      float64 `yaml:"effect"`       // s_E: multiplier on voice, trust boost, empowerment and indicators
	Cost        float64 `yaml:"cost"`         // s_H: multiplier on staff hours
	SampleHalf  float64 `yaml:"sample_half"`  // m_0 of RevealNeeds
	ReviewBoost float64 `yaml:"review_boost"` // how many times more beneficiaries are heard in a re-design
}

// At returns rung L with the effect and cost multipliers applied (voice at
// most 0.5, trust boost, empowerment and indicators at most 1).
func (r *EngagementRule) At(level int) Rung {
	g := r.Rungs[level]
	g.Voice = min(0.5, g.Voice*r.Effect)
	g.TrustBoost = min(1, g.TrustBoost*r.Effect)
	g.Empowerment = min(1, g.Empowerment*r.Effect)
	g.Indicators = min(1, g.Indicators*r.Effect)
	g.Hours *= r.Cost
	return g
}

// RevealNeeds updates the need profile the partnership believes in from a
// sample of m beneficiaries' own account of their remaining needs:
//
//	ν_B' = (1−w_h)·ν_B + w_h·obs,   w_h = m/(m + m_0)
//
// so a larger sample moves the belief further; m_0 is the sample size at
// which belief and evidence weigh the same.
func (r *EngagementRule) RevealNeeds(belief, observed Vec, sample float64) Vec {
	if sample <= 0 {
		return belief
	}
	phi := sample / (sample + r.SampleHalf)
	for d := range belief {
		belief[d] = (1-phi)*belief[d] + phi*observed[d]
	}
	return belief
}

// TargetingRule holds how far services follow each beneficiary's own needs
// rather than being spread evenly, and who sees those needs.
type TargetingRule struct {
	Base  float64 `yaml:"base"`  // ζ_0: an ordinary case assessment
	Voice float64 `yaml:"voice"` // ζ_L: added at rung 4 (beneficiaries say what they need)
	Data  float64 `yaml:"data"`  // ζ_M: added at full measurement maturity (individual records)
}

// Targeting is the share ζ of services that follows each beneficiary's own
// residual need rather than being spread evenly, and the part φ_M of it that
// rests on records:
//
//	ζ = min(1, ζ_0 + ζ_L·L/4 + ζ_M·M),   φ_M = ζ_M·M / (ζ_0 + ζ_L·L/4 + ζ_M·M)
//
// Case assessment and beneficiaries' own account see need as it is;
// records carry each person's measurement error, so targeting on data can
// aim services at the wrong people (Seen).
func (r *TargetingRule) Targeting(rung int, maturity float64) (zeta, data float64) {
	a := r.Base + r.Voice*float64(rung)/4
	b := r.Data * maturity
	if a+b > 0 {
		data = b / (a + b)
	}
	return min(1, a+b), data
}

// Seen is the residual need targeting works on: r·max(0, 1 + φ_M·σ_M·z), with
// z the beneficiary's record error in the domain, σ_M the records' relative
// error and φ_M the part of targeting that rests on records.
func Seen(residual, data, itemNoise, z float64) float64 {
	return residual * max(0, 1+data*itemNoise*z)
}

// BeneficiaryRule holds the parameters of a beneficiary's experience of
// the programme: trust, take-up and drop-out.
type BeneficiaryRule struct {
	TrustGain     float64 `yaml:"trust_gain"`     // λ⁺_b
	TrustLoss     float64 `yaml:"trust_loss"`     // λ⁻_b
	ExpectedFit   float64 `yaml:"expected_fit"`   // θ_f: the fit a beneficiary expects
	DropoutMax    float64 `yaml:"dropout_max"`    // q_max per week
	TakeUpBase    float64 `yaml:"take_up_base"`   // u_0
	MaxWeeks      int     `yaml:"max_weeks"`      // W_max: weeks enrolled without outcome after which a beneficiary leaves
	ReentryWeeks  int     `yaml:"reentry_weeks"`  // W_re: weeks before one who left can be enrolled again
	ProgressingAt float64 `yaml:"progressing_at"` // share of total need met that marks "progressing"
}

// Trust updates a beneficiary's trust in the partnership after a week in
// the programme, slow to build and fast to break:
//
//	s = fit + γ_L − θ_f
//	T' = T + min(1, λ⁺_b·max(0,s))·(1−T) − min(1, λ⁻_b·max(0,−s))·T
//
// where fit in [0,1] is the share of the progress they could have made this
// week that they did make.
func (r *BeneficiaryRule) Trust(t, fit, boost float64) float64 {
	s := fit + boost - r.ExpectedFit
	if s >= 0 {
		return t + min(1, r.TrustGain*s)*(1-t)
	}
	return t - min(1, -r.TrustLoss*s)*t
}

// Dropout is the weekly chance that an enrolled beneficiary leaves the
// programme because they lost faith in it: q = q_max·(1 − T)².
func (r *BeneficiaryRule) Dropout(trust float64) float64 {
	x := 1 - trust
	return r.DropoutMax * x * x
}

// TakeUp is the chance that a beneficiary who is reached enrols:
// u = min(1, u_0·(T_0 + γ_L)/½)·(½ + ½·reach), with T_0 their prior trust in
// institutions and reach that of the actor who reaches them.
func (r *BeneficiaryRule) TakeUp(prior, boost, reach float64) float64 {
	return min(1, r.TakeUpBase*(prior+boost)*2) * (0.5 + 0.5*reach)
}
