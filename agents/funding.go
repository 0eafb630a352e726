package agents

import "math"

// FundingRule holds the parameters of funding and investment (docs/MODEL.md
// §7.5): funders' contributions to a pooled fund, competitive grants, and
// what funders learn from results.
type FundingRule struct {
	CoopBase         float64 `yaml:"coop_base"`         // α of Pledge
	CoopSlope        float64 `yaml:"coop_slope"`        // β of Pledge: below 1, a self-serving bias
	CoopTrust        float64 `yaml:"coop_trust"`        // γ of Pledge
	OpeningShare     float64 `yaml:"opening_share"`     // s̄_0: the share funders expect of each other in the first round
	PlanCredibility  float64 `yaml:"plan_credibility"`  // δ_P: added to a pledge once a plan is agreed
	ResultsWeight    float64 `yaml:"results_weight"`    // ω_R: how far a pledge follows results against expectation
	ExpectedCost     float64 `yaml:"expected_cost"`     // E_0: SEK per programme outcome funders expect at first
	ExpectationRate  float64 `yaml:"expectation_rate"`  // η_E: how far expectation moves toward what was seen, per round
	Sharpness        float64 `yaml:"sharpness"`         // β_G of Allocate: competition's sharpness
	GoalDrift        float64 `yaml:"goal_drift"`        // χ of GoalDrift
	ReportNoise      float64 `yaml:"report_noise"`      // σ_R of log reported results
	ApplicationHours float64 `yaml:"application_hours"` // hours one grant application costs an applicant
	ApplicationWeeks int     `yaml:"application_weeks"` // weeks over which an application is written
	RampWeeks        float64 `yaml:"ramp_weeks"`        // T_ramp: weeks for new funding to become staff capacity
	Specialisation   float64 `yaml:"specialisation"`    // q of PooledShare
	PoolAdminHours   float64 `yaml:"pool_admin_hours"`  // coordination hours a week a pooled fund needs
}

// Pledge is the share of its budget a funder puts into a pooled fund, as
// conditional cooperation in a public-goods game (Fischbacher & Gächter
// 2010) that also answers to the plan and to results:
//
//	s_f = clamp(α + β·s̄ + γ·(τ̄_f − ½) + δ_P·[plan agreed] + ω_R·(min(σ_f, 2) − 1), 0, 1)
//
// s̄ is the mean share of the other funders last round (a lone funder's own
// last share; the opening share in the first round), τ̄_f its mean trust in
// the other members, and σ_f = E_f / C its satisfaction: the cost per
// programme outcome it expected over the cost it saw (1 before any result).
// A disappointed funder cuts its share; a satisfied one raises it.
func (r *FundingRule) Pledge(others, meanTrust float64, agreed bool, satisfaction float64) float64 {
	s := r.CoopBase + r.CoopSlope*others + r.CoopTrust*(meanTrust-0.5) + r.ResultsWeight*(min(satisfaction, 2)-1)
	if agreed {
		s += r.PlanCredibility
	}
	return clamp01(s)
}

// Satisfaction is σ = E / C, a funder's expected cost per programme outcome
// over the cost it saw last round; 1 when nothing was spent, and 0 when
// money was spent without any outcome.
func Satisfaction(expected, spent, outcomes float64) float64 {
	switch {
	case spent <= 0:
		return 1
	case outcomes <= 0:
		return 0
	}
	return expected / (spent / outcomes)
}

// Expect moves a funder's expectation toward the cost per outcome it saw,
// E' = E + η_E·(C − E), when there was an outcome.
func (r *FundingRule) Expect(expected, spent, outcomes float64) float64 {
	if spent <= 0 || outcomes <= 0 {
		return expected
	}
	return expected + r.ExpectationRate*(spent/outcomes-expected)
}

// ReportedScore is what a funder sees of a grantee when it picks grantees
// alone: the grantee's reported result on the funder's own KPIs per SEK,
//
//	score_j = Σ_d k_f,d·μ_d·R_j,d / cost_j
//
// where R_j,d is output reported since the last round and μ_d how
// measurable progress in domain d is (jobs and exams show; belief in
// oneself does not).
func ReportedScore(funderKPI, measurability, reported Vec, cost float64) float64 {
	if cost <= 0 {
		return 0
	}
	s := 0.0
	for d := range reported {
		s += funderKPI[d] * measurability[d] * reported[d]
	}
	return s / cost
}

// Allocate splits a grant budget among applicants in proportion to their
// score raised to the competition's sharpness β_G, without giving anyone
// more than it can absorb:
//
//	G_j = min(cap_j, λ·(score_j/score_max)^β_G)
//
// with λ set so that Σ G_j is the budget or every applicant is at its cap
// (water-filling: what a capped applicant cannot take goes to the others).
// A negative score marks a non-applicant. If no applicant scores above 0,
// the budget is split evenly among those with score 0 (a first round with
// nothing reported). dst[j] is added to; caps are reduced by what is given.
// It returns the part of the budget nobody could absorb.
func Allocate(dst, scores, caps []float64, total, sharpness float64, weights []float64) (left float64) {
	best := 0.0
	for _, s := range scores {
		best = math.Max(best, s)
	}
	for j, s := range scores {
		weights[j] = 0
		switch {
		case best <= 0 && s == 0:
			weights[j] = 1
		case best > 0 && s > 0:
			weights[j] = math.Exp(sharpness * math.Log(s/best))
		}
	}
	return WaterFill(dst, weights, caps, total)
}

// WaterFill gives total to the entries in proportion to their weights,
// none beyond its cap: dst[j] += G_j, caps[j] −= G_j. Entries at their cap
// drop out and the rest is shared again among the others. It returns what
// is left when every weighted entry is at its cap (or none has weight).
func WaterFill(dst, weights, caps []float64, total float64) (left float64) {
	left = total
	for round := 0; round <= len(weights) && left > 1e-9*total; round++ {
		sum := 0.0
		for j, w := range weights {
			if w > 0 && caps[j] > 0 {
				sum += w
			}
		}
		if sum == 0 {
			break
		}
		give := left
		for j, w := range weights {
			if w <= 0 || caps[j] <= 0 {
				continue
			}
			g := min(caps[j], give*w/sum)
			dst[j] += g
			caps[j] -= g
			left -= g
		}
	}
	if left < 1e-9*total {
		left = 0
	}
	return left
}

// GoalDrift pulls a grantee's own priorities toward its funders' KPIs in
// proportion to how much of its money the grant is (competition for grants
// pulls grantees' goals; seeds 002, 004):
//
//	k_j' = k_j + χ·g·(k_f − k_j),   g = grant / total funding of j
func (r *FundingRule) Drift(own, funder Vec, grantShare float64) Vec {
	for d := range own {
		own[d] += r.GoalDrift * grantShare * (funder[d] - own[d])
	}
	return own
}

// PerceptionRule holds how well partners and funders know what each
// delivering actor can do. What is believed starts off by a log-normal
// error and improves with trust (partners get to know each other) and with
// shared measurement (results per partner become visible).
type PerceptionRule struct {
	Noise float64 `yaml:"noise"` // σ_c: spread of the log error with no knowledge
	Trust float64 `yaml:"trust"` // ω_τ: share of the error removed at full trust in the actor
	Data  float64 `yaml:"data"`  // ω_M: share of the error removed at full measurement maturity
}

// Perceived is the capability the others believe actor j has in a domain:
//
//	ĉap = cap·exp(σ_c·(1 − ω_τ·τ̄_j)·(1 − ω_M·M)·z)
//
// with z a standard normal drawn once per actor and domain (the world's
// first impression, the same under every design), τ̄_j the others' mean
// trust in j and M the maturity of shared measurement.
func (r *PerceptionRule) Perceived(capability, z, trustIn, maturity float64) float64 {
	return capability * math.Exp(r.Noise*(1-r.Trust*trustIn)*(1-r.Data*maturity)*z)
}

// PooledShare is the share of a domain's pooled money that goes to actor j:
// the fund buys each domain's work from those believed best at it (mutually
// reinforcing activities),
//
//	share_j,d = ĉap_j,d^q / Σ_i ĉap_i,d^q
//
// where the sum runs over delivering members and q sets how strongly the
// fund specialises. The caller passes ĉap_j,d^q and the sum.
func PooledShare(capJ, capSum float64) float64 {
	if capSum <= 0 {
		return 0
	}
	return capJ / capSum
}
