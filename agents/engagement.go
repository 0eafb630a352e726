package agents

// Rung describes one step of the participation ladder (Hart 1992; Arnstein
// 1969) for beneficiary engagement: 0 none, 1 informed, 2 consulted,
// 3 co-design, 4 shared decisions.
type Rung struct {
	Voice       float64 `yaml:"voice"`       // ω_B: seat of beneficiaries' voice in agenda formation
	Sample      float64 `yaml:"sample"`      // beneficiaries heard a month about their needs
	TrustBoost  float64 `yaml:"trust_boost"` // γ_L: added to a beneficiary's experience each week (being heard)
	Empowerment float64 `yaml:"empowerment"` // weekly self-esteem progress from taking part, as a share of that need
	Hours       float64 `yaml:"hours"`       // staff hours a week per enrolled beneficiary, from actors with reach
	Indicators  float64 `yaml:"indicators"`  // ι: share of the shared indicators' blind spot closed by beneficiaries helping build them
}

// RevealNeeds updates the need profile the partnership believes in from a
// sample of m beneficiaries' own account of their remaining needs:
//
//	ν' = (1−φ)·ν + φ·obs,   φ = m/(m + m₀)
//
// so a larger sample moves the belief further; m₀ is the sample size at
// which belief and evidence weigh the same.
func RevealNeeds(belief, observed Vec, sample, halfSample float64) Vec {
	if sample <= 0 {
		return belief
	}
	phi := sample / (sample + halfSample)
	for d := range belief {
		belief[d] = (1-phi)*belief[d] + phi*observed[d]
	}
	return belief
}

// Targeting is how far services follow each beneficiary's own needs rather
// than being spread evenly:
//
//	ζ = ζ₀ + (1−ζ₀)·(L/4 + M)/2
//
// with ζ₀ the targeting of an ordinary case assessment, L the engagement
// rung and M the maturity of shared measurement.
func Targeting(base float64, rung int, maturity float64) float64 {
	return base + (1-base)*(float64(rung)/4+maturity)/2
}

// BeneficiaryTrust updates a beneficiary's trust in the partnership after a
// week in the programme, slow to build and fast to break:
//
//	s = fit + γ_L − θ_b
//	T' = T + λ⁺·max(0,s)·(1−T) − λ⁻·max(0,−s)·T
//
// where fit in [0,1] is the share of the progress they could have made this
// week that they did make, and θ_b the fit they expect.
func BeneficiaryTrust(t, fit, boost, expected, gainRate, lossRate float64) float64 {
	return UpdateTrust(t, fit+boost-expected, gainRate, lossRate)
}

// DropoutProbability is the weekly chance that an enrolled beneficiary
// leaves the programme: q = q_max·(1 − T)².
func DropoutProbability(trust, max float64) float64 {
	x := 1 - trust
	return max * x * x
}

// TakeUp is the chance that a beneficiary who is reached enrols:
// u = min(1, u₀·(T₀ + γ_L)/½), with T₀ their prior trust in institutions.
func TakeUp(prior, boost, base float64) float64 {
	u := base * (prior + boost) * 2
	if u > 1 {
		return 1
	}
	return u
}
