package agents

import "math"

// Contribution is the share of its budget a funder puts into a pooled fund,
// as conditional cooperation in a public-goods game (Fischbacher & Gächter
// 2010): it matches what the others put in last round, with a self-serving
// slope below one, and trusts more when it trusts the others:
//
//	s_f = clamp(α + β·s̄₋f + γ·(τ̄_f − ½), 0, 1)
//
// In the first round s̄₋f is the funders' opening share.
func Contribution(othersMean, meanTrust, base, slope, trustSlope float64) float64 {
	s := base + slope*othersMean + trustSlope*(meanTrust-0.5)
	return math.Min(1, math.Max(0, s))
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

// AllocateCompetitive splits a grant budget among applicants in proportion
// to their score raised to the competition's sharpness β:
//
//	G_j = G·score_j^β / Σ_i score_i^β
//
// computed as (score_j/score_max)^β so that no power over- or underflows.
// dst[j] is set for every applicant; applicants with score ≤ 0 get nothing
// (a negative score marks a non-applicant). If no applicant scores above
// 0, the budget is split evenly among those with score 0 (a first round
// with nothing yet reported).
func AllocateCompetitive(dst, scores []float64, total, sharpness float64) {
	best, zero := 0.0, 0
	for j, s := range scores {
		dst[j] = 0
		best = math.Max(best, s)
		if s == 0 {
			zero++
		}
	}
	if best <= 0 {
		for j, s := range scores {
			if s == 0 {
				dst[j] = total / float64(zero)
			}
		}
		return
	}
	sum := 0.0
	for j, s := range scores {
		if s > 0 {
			dst[j] = math.Exp(sharpness * math.Log(s/best))
			sum += dst[j]
		}
	}
	for j := range dst {
		dst[j] *= total / sum
	}
}

// GoalDrift pulls a grantee's own priorities toward its funder's KPIs in
// proportion to how much of its money the grant is (competition for grants
// pulls grantees' goals):
//
//	k_j' = k_j + χ·g·(k_f − k_j),   g = grant / total funding of j
func GoalDrift(own, funder Vec, grantShare, rate float64) Vec {
	for d := range own {
		own[d] += rate * grantShare * (funder[d] - own[d])
	}
	return own
}

// PooledShare is the share of domain d's pooled money that goes to actor j:
// the fund buys each domain's work from those best at it (mutually
// reinforcing activities),
//
//	share_j,d = cap_j,d^q / Σ_i cap_i,d^q
//
// where the sum runs over delivering members and q sets how strongly the
// fund specialises.
func PooledShare(capJ, capSum float64) float64 {
	if capSum <= 0 {
		return 0
	}
	return capJ / capSum
}
