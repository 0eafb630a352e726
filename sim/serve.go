package sim

import "github.com/cisim/cisim/agents"

// serve is the hot loop over enrolled beneficiaries (docs/MODEL.md §7.7):
// progress in each domain from the home's service intensity with
// diminishing returns, empowerment from taking part, readiness against the
// beneficiary's threshold (outcome reached), trust in the partnership from
// the week's fit, and leaving: losing faith, a failed hand-off (one draw
// decides both) or the longest stay. It allocates nothing and visits only
// enrolled beneficiaries.
func (e *Engine) serve(t int) {
	p, pop, b := e.p, e.pop, &e.bens
	rng := e.rs.get(streamProgress)
	rung := p.Engagement.At(e.sc.Governance.BeneficiaryEngagement)
	_, data := e.targeting()
	noise := data * p.Measurement.ItemNoise
	m := b.drift[t]
	pi, half := p.Delivery.ProgressMax, p.Delivery.ProgressHalf
	const se = int(agents.SelfEsteem)
	for h := range b.groupRes {
		b.groupRes[h] = agents.Vec{}
	}
	b.activeRes, b.coverage, b.nCovered = agents.Vec{}, agents.Vec{}, 0
	for k := 0; k < len(b.active); {
		i := int(b.active[k])
		h := pop.Home[i]
		ia, ib := &b.intA[h], &b.intB[h]
		need := pop.Need[i*agents.NumDomains : (i+1)*agents.NumDomains : (i+1)*agents.NumDomains]
		prog := pop.Progress[i*agents.NumDomains : (i+1)*agents.NumDomains : (i+1)*agents.NumDomains]
		zerr := pop.RecordErr[i*agents.NumDomains : (i+1)*agents.NumDomains : (i+1)*agents.NumDomains]
		var cov, res, seen [agents.NumDomains]float64
		made, possible := 0.0, 0.0
		for d := 0; d < agents.NumDomains; d++ {
			nd := need[d] * m[d]
			pr := prog[d]
			r := nd - pr
			if r > 0 {
				x := ia[d] + ib[d]*r*max(0, 1+noise*float64(zerr[d]))
				dp := 0.0
				if x > 0 {
					dp = pi * x / (x + half)
				}
				if d == se {
					dp += rung.Empowerment * nd
				}
				possible += min(r, pi)
				dp = min(dp, r)
				made += dp
				pr += dp
				prog[d] = pr
				r -= dp
			} else {
				r = 0
			}
			res[d] = r
			seen[d] = r * max(0, 1+noise*float64(zerr[d]))
			cov[d] = 1
			if nd > 0 {
				cov[d] = min(1, pr/nd)
			}
		}
		if e.ready.Score(&cov) >= e.thr[i] {
			e.reachOutcome(i, t)
			continue
		}
		fit := 1.0
		if possible > 0 {
			fit = min(1, made/possible)
		}
		tr := p.Beneficiary.Trust(pop.Trust[i], fit, rung.TrustBoost)
		pop.Trust[i] = tr
		if e.leaves(i, t, tr, b.handoff[h], rng.Float64()) {
			continue
		}
		if pop.State[i] == agents.Enrolled && agents.Vec(cov).Sum() >= p.Beneficiary.ProgressingAt*float64(agents.NumDomains) {
			pop.State[i] = agents.Progressing
		}
		g := &b.groupRes[h]
		for d := range res {
			g[d] += seen[d]
			b.activeRes[d] += res[d]
			b.coverage[d] += cov[d]
		}
		b.nCovered++
		k++
	}
}

// reachOutcome records a programme outcome for beneficiary i.
func (e *Engine) reachOutcome(i, t int) {
	pop, b := e.pop, &e.bens
	e.deactivate(i)
	pop.State[i] = agents.OutcomeReached
	pop.ByProgram[i] = true
	pop.Done[i] = int32(t)
	b.count.outcomes++
	b.count.byProgram++
	b.count.partOutcomes++
	b.perTick[t]++
	e.fund.results++
	b.weeksToOut += float64(t - int(pop.Since[i]))
}

// leaves decides with one uniform draw u whether beneficiary i leaves the
// programme this week: u < q_drop (lost faith), else u < q_drop + q_h (lost
// in a hand-off); or after the longest stay. One who leaves keeps their
// progress and goes to the back of the outreach queue.
func (e *Engine) leaves(i, t int, trust, handoff, u float64) bool {
	p, pop, b := e.p, e.pop, &e.bens
	q := p.Beneficiary.Dropout(trust)
	switch {
	case u < q:
		b.count.lostTrust++
	case u < q+handoff:
		b.count.lostHandoff++
	case t-int(pop.Since[i]) >= p.Beneficiary.MaxWeeks:
		b.count.lostLong++
	default:
		return false
	}
	e.deactivate(i)
	pop.State[i] = agents.DroppedOut
	pop.Done[i] = int32(t)
	if !pop.Dropped[i] {
		pop.Dropped[i] = true
		b.count.dropped++
	}
	e.joinOut(i)
	e.pushQueue(i)
	return true
}
