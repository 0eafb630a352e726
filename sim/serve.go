package sim

import (
	"github.com/cisim/cisim/agents"
)

// serve is the hot loop over enrolled beneficiaries: progress in each domain
// from the home's service intensity with diminishing returns, empowerment
// from taking part, readiness against the beneficiary's threshold (outcome
// reached), trust in the partnership from the week's fit, and drop-out.
// It allocates nothing and visits only enrolled beneficiaries.
func (e *Engine) serve(t int) {
	p, pop := e.p, e.pop
	rng := e.rs.get(streamProgress)
	rung := p.Rungs[e.sc.Governance.BeneficiaryEngagement]
	m := e.drift[t]
	pi, half := p.ProgressMax, p.ProgressHalf
	const se = int(agents.SelfEsteem)
	for h := range e.groupRes {
		e.groupRes[h] = agents.Vec{}
	}
	e.activeRes, e.coverage, e.nCovered = agents.Vec{}, agents.Vec{}, 0
	for k := 0; k < len(e.active); {
		b := int(e.active[k])
		h := pop.Home[b]
		ia, ib := &e.intA[h], &e.intB[h]
		need := pop.Need[b*agents.NumDomains : (b+1)*agents.NumDomains : (b+1)*agents.NumDomains]
		prog := pop.Progress[b*agents.NumDomains : (b+1)*agents.NumDomains : (b+1)*agents.NumDomains]
		var cov, res [agents.NumDomains]float64
		made, possible, total, needSum := 0.0, 0.0, 0.0, 0.0
		for d := 0; d < agents.NumDomains; d++ {
			nd := need[d] * m[d]
			pr := prog[d]
			r := nd - pr
			if r > 0 {
				x := ia[d] + ib[d]*r
				dp := 0.0
				if x > 0 {
					dp = pi * x / (x + half)
				}
				if d == se {
					dp += rung.Empowerment * nd
				}
				possible += min(r, pi)
				if dp > r {
					dp = r
				}
				made += dp
				pr += dp
				prog[d] = pr
				r -= dp
			} else {
				r = 0
			}
			res[d] = r
			total += pr
			needSum += nd
			if nd > 0 {
				cov[d] = min(1, pr/nd)
			} else {
				cov[d] = 1
			}
		}
		if e.ready.Score(&cov) >= e.thr[b] {
			e.deactivate(b)
			pop.State[b] = agents.OutcomeReached
			pop.ByProgram[b] = true
			pop.Done[b] = int32(t)
			e.outcomes++
			e.byProgram++
			e.perTick[t]++
			e.weeksToOut += float64(t - int(pop.Since[b]))
			continue
		}
		fit := 1.0
		if possible > 0 {
			fit = min(1, made/possible)
		}
		tr := agents.BeneficiaryTrust(pop.Trust[b], fit, rung.TrustBoost, p.ExpectedFit, p.BenTrustGain, p.BenTrustLoss)
		pop.Trust[b] = tr
		if rng.Float64() < agents.DropoutProbability(tr, p.DropoutMax) || t-int(pop.Since[b]) >= p.MaxWeeks {
			e.deactivate(b)
			pop.State[b] = agents.DroppedOut
			pop.Done[b] = int32(t)
			if !pop.Dropped[b] {
				pop.Dropped[b] = true
				e.dropped++
			}
			e.joinOut(b)
			e.pushQueue(b)
			continue
		}
		if pop.State[b] == agents.Enrolled && total >= p.ProgressingAt*needSum {
			pop.State[b] = agents.Progressing
		}
		g := &e.groupRes[h]
		for d := range res {
			g[d] += res[d]
			e.activeRes[d] += res[d]
			e.coverage[d] += cov[d]
		}
		e.nCovered++
		k++
	}
}
