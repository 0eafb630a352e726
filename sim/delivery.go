package sim

import "github.com/cisim/cisim/agents"

// setIntensities computes, for the beneficiaries of each home actor h, the
// coefficients of their per-domain service intensity x = A_h,d + B_h,d·r̃
// (r̃ their residual as targeting sees it, agents.Seen): the group's mean
// intensity I_h,d = Σ_i r_hi·O_i,d / L_i, spread between even (1 − ζ) and
// need-targeted (ζ) delivery; and the group's weekly hazard of a failed
// hand-off (DeliveryRule.HandoffHazard).
func (e *Engine) setIntensities() {
	b, n, base := &e.bens, len(e.actors), e.p.Delivery.ReferralBase
	clear(b.load)
	b.referred = 0
	for i := range e.actors {
		b.delivers[i] = e.actors[i].Delivers()
	}
	for h := 0; h < n; h++ {
		nh := float64(e.actors[h].Enrolled)
		ref := b.ref[h*n : (h+1)*n]
		if nh == 0 || !e.actors[h].Member { // r_hi = 0 for every i: nothing to add
			clear(ref)
			continue
		}
		for i := range ref {
			r := 0.0
			if b.delivers[i] {
				r = e.referral(h, i)
			}
			ref[i] = r
			b.load[i] += r * nh
			if i != h && r > base {
				b.referred += (r - base) * nh
			}
		}
	}
	zeta, _ := e.targeting()
	for h := 0; h < n; h++ {
		e.homeIntensity(h, zeta)
	}
}

// referral is r_hi: 1 for the home itself, signposting plus active referral
// (with the referral channel on) for the others.
func (e *Engine) referral(h, i int) float64 {
	if h == i {
		return 1
	}
	if !e.ch.Referral {
		return e.p.Delivery.ReferralBase
	}
	return e.p.Delivery.Referral(e.trust.Mutual(h, i), e.plan.coord.Quality)
}

// targeting is this week's ζ and the part of it that rests on records.
func (e *Engine) targeting() (zeta, data float64) {
	if !e.ch.Targeting {
		return e.p.Targeting.Base, 0
	}
	return e.p.Targeting.Targeting(e.sc.Governance.BeneficiaryEngagement, e.plan.maturity)
}

// homeIntensity sets A, B and the hand-off hazard of home h's group.
func (e *Engine) homeIntensity(h int, zeta float64) {
	b, n, base := &e.bens, len(e.actors), e.p.Delivery.ReferralBase
	nh := e.actors[h].Enrolled
	b.intA[h], b.intB[h], b.handoff[h] = agents.Vec{}, agents.Vec{}, 0
	if nh == 0 {
		return
	}
	var in agents.Vec
	total, risk := 0.0, 0.0
	ref := b.ref[h*n : (h+1)*n]
	for i, r := range ref {
		load := b.load[i]
		if r == 0 || load == 0 {
			continue
		}
		output := &e.actors[i].Output // held, so the loop does not reload it for each domain
		out := 0.0
		for d := range in {
			x := r * output[d] / load
			in[d] += x
			out += x
		}
		total += out
		if i != h && r > base {
			risk += agents.HandoffTerm(out*(r-base)/r, e.trust.Mutual(h, i))
		}
	}
	if total > 0 {
		hold := e.p.Steering.Hold * e.sc.Governance.SteeringStyle
		f := 1 - (1-e.plan.followUp)*(1-hold)
		b.handoff[h] = e.p.Delivery.HandoffHazard(risk/total, f)
	}
	for d := range in {
		mean := b.groupRes[h][d] / float64(nh)
		if mean > 0 {
			b.intA[h][d] = in[d] * (1 - zeta)
			b.intB[h][d] = in[d] * zeta / mean
		} else {
			b.intA[h][d] = in[d]
		}
	}
}
