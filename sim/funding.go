package sim

import (
	"math"

	"github.com/cisim/cisim/agents"
)

// fundingRound opens a funding commitment (docs/MODEL.md §7.5), logged as
// a funding_round event with the funders' money for it, a year: funders
// weigh last round's results and decide what to pool, the backbone is paid
// first, the pooled fund buys each domain's work from the partners believed
// best at it, the rest goes out as competitive grants on reported results,
// and grantees' goals drift toward their funders'. Amounts are SEK a year
// for the whole round; no partner is given more than its staff can absorb.
func (e *Engine) fundingRound(first bool) {
	f := &e.fund
	e.event(agents.FundingRound, -1, -1, 0, roundCause[btoi(first)])
	round := len(e.log) - 1
	if !first {
		e.openReview("the plan's period ended with the funding commitment")
	}
	e.pledge(first)
	e.log[round].Value = f.round
	e.payBackbone()
	clear(f.caps)
	for j := range e.actors {
		f.grants[j], f.pooled[j], f.apps[j] = 0, agents.Vec{}, 0
		if e.actors[j].Delivers() {
			f.caps[j] = max(0, staffHours(&e.actors[j])*WeeksPerYear*e.hourly()-e.actors[j].Budget)
		}
	}
	e.allocatePool()
	e.awardGrants(first)
	if e.ch.Competition {
		e.driftGoals()
	}
	for j := range e.actors {
		a := &e.actors[j]
		a.Reported, f.spend[j], f.appLeft[j] = agents.Vec{}, 0, 0
		if f.apps[j] > 0 {
			f.appLeft[j] = e.p.Funding.ApplicationWeeks
		}
	}
	f.cost, f.results = 0, 0
}

// The causes of a funding round's event: a renewal, the first round.
var roundCause = [2]string{"a commitment ended and the next began", "the first commitment"}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// notePoolStart logs the pooled fund's first payout of the run
// (PooledFundStarted), with what it pays the members a year: on a common
// agenda once a plan is agreed to spend it on, without one at once, as the
// funders allocate it themselves (payWeek).
func (e *Engine) notePoolStart(paid float64) {
	if paid <= 0 || e.fund.started {
		return
	}
	e.fund.started = true
	cause := "a plan is agreed to spend it on"
	if !e.sc.Governance.CommonAgenda {
		cause = "the funders allocate it themselves"
	}
	e.event(agents.PooledFundStarted, -1, -1, paid, cause)
}

// pledge sets each member funder's pooled share for the round, after
// weighing what it saw against what it expected (Pledge).
func (e *Engine) pledge(first bool) {
	f, r := &e.fund, &e.p.Funding
	funders, sumShare := e.pledgers()
	f.round = 0
	for i := range e.actors {
		f.scores[i], f.sep[i] = 0, 0
		if !e.funds(i) {
			continue
		}
		sat := e.satisfaction(i, first)
		if !first && e.ch.FunderLearning {
			f.expect[i] = r.Expect(f.expect[i], f.cost, f.results)
		}
		if e.sc.Funding.Pooled {
			score, played := e.pledgedShare(i, e.pledgeRule(i, first, funders, sumShare, sat))
			f.scores[i] = score
			switch {
			case played && !first && score < f.share[i]-0.05:
				e.event(agents.PledgeCut, i, -1, score, "its players cut the pledge")
			case !played && !first && score < f.share[i]-0.05 && sat < 1:
				e.event(agents.PledgeCut, i, -1, score, "results fell short of what the funder expected")
			}
		}
		f.round += e.actors[i].Budget
	}
	for i := range e.actors {
		f.share[i] = f.scores[i]
	}
}

// pledgers counts the member funders and sums their pooled shares.
func (e *Engine) pledgers() (funders int, sumShare float64) {
	for i := range e.actors {
		if e.funds(i) {
			funders++
			sumShare += e.fund.share[i]
		}
	}
	return funders, sumShare
}

// satisfaction is funder i's satisfaction with the results since the last
// round, against what it expected (1 at the first round, or without
// funder learning).
func (e *Engine) satisfaction(i int, first bool) float64 {
	if first || !e.ch.FunderLearning {
		return 1
	}
	return agents.Satisfaction(e.fund.expect[i], e.fund.cost, e.fund.results)
}

// pledgeRule is funder i's pooled share by the Pledge rule: the others'
// mean share last round (the opening share at the first), its trust, a
// plan agreed and its satisfaction sat.
func (e *Engine) pledgeRule(i int, first bool, funders int, sumShare, sat float64) float64 {
	f, r := &e.fund, &e.p.Funding
	others := r.OpeningShare
	switch {
	case !first && funders > 1:
		others = (sumShare - f.share[i]) / float64(funders-1)
	case !first:
		others = f.share[i]
	}
	return r.Pledge(others, e.meanTrustOf(i), e.plan.agreed, sat)
}

// funds reports whether actor i is a member funder with a budget.
func (e *Engine) funds(i int) bool {
	return e.actors[i].Member && e.actors[i].IsFunder() && e.actors[i].Budget > 0
}

// payBackbone pays the backbone's yearly cost: a funder that hosts it pays
// first from its own budget, then the pool, then the funders' separate
// money pro rata. What paid it leaves the pool and the grants.
func (e *Engine) payBackbone() {
	f := &e.fund
	need := e.sc.Governance.BackboneStaff * HoursPerFTEWeek * WeeksPerYear * e.hourly()
	host := 0.0
	if h := f.host; h >= 0 && e.funds(h) {
		host = min(need, e.actors[h].Budget)
	}
	pool, sep := 0.0, 0.0
	for i := range e.actors {
		if !e.funds(i) {
			continue
		}
		rest := e.actors[i].Budget
		if i == f.host {
			rest -= host
		}
		pool += f.share[i] * rest
		f.sep[i] = (1 - f.share[i]) * rest
		sep += f.sep[i]
	}
	fromPool := min(pool, need-host)
	f.poolYear = pool - fromPool
	fromSep := min(sep, need-host-fromPool)
	if sep > 0 {
		for i := range f.sep {
			f.sep[i] -= fromSep * f.sep[i] / sep
		}
	}
	f.bbPaid, f.paid, f.left = host+fromPool+fromSep, 1, 0
	if need > 0 {
		f.paid = f.bbPaid / need
	}
	if need > 0 && f.paid < 0.999 {
		e.event(agents.BackboneUnderfunded, -1, -1, f.paid, "the funders' money does not cover the backbone's staff")
	}
}

// allocatePool buys each domain's work (the agenda's share of the pool, or
// without a common agenda what the partners already do) from the delivering
// members in proportion to ĉap^q, their perceived capability (PooledShare);
// with the specialisation channel off, in proportion to their staff.
func (e *Engine) allocatePool() {
	f, q := &e.fund, e.p.Funding.Specialisation
	if f.poolYear <= 0 {
		return
	}
	focus := e.plan.plan
	if !e.sc.Governance.CommonAgenda {
		focus = e.deFactoAgenda()
	}
	for d := range focus {
		for j := range e.actors {
			f.weights[j], f.scores[j] = 0, 0
			if e.actors[j].Delivers() {
				f.weights[j] = e.actors[j].Staff
				if e.ch.Specialisation {
					f.weights[j] = math.Pow(f.perc[j][d], q)
				}
			}
		}
		f.left += agents.WaterFill(f.scores, f.weights, f.caps, f.poolYear*focus[d])
		for j := range e.actors {
			f.pooled[j][d] += f.scores[j]
		}
	}
}

// awardGrants gives each funder's separate money competitively: every
// delivering member applies (at a cost in hours) and is scored on its
// reported result on the funder's KPIs per SEK (Allocate); in the first
// round, on what its capabilities promise. Without competition, grants
// follow staff and nobody writes applications.
func (e *Engine) awardGrants(first bool) {
	f, r := &e.fund, &e.p.Funding
	rng := e.rs.get(streamFunding)
	for i := range e.actors {
		if f.sep[i] <= 0 {
			continue
		}
		for j := range e.actors {
			f.scores[j] = -1
			a := &e.actors[j]
			if !a.Delivers() {
				continue
			}
			switch {
			case !e.ch.Competition:
				f.scores[j] = a.Staff
				continue
			case first:
				f.scores[j] = agents.ReportedScore(e.actors[i].KPI, e.sc.Problem.Measurability, a.Capability, 1)
			default:
				noisy := a.Reported
				for d := range noisy {
					noisy[d] *= math.Exp(r.ReportNoise * rng.NormFloat64())
				}
				f.scores[j] = agents.ReportedScore(e.actors[i].KPI, e.sc.Problem.Measurability, noisy, f.spend[j])
			}
			f.apps[j]++
		}
		sharp := r.Sharpness
		if !e.ch.Competition {
			sharp = 1
		}
		f.left += agents.Allocate(f.grants, f.scores, f.caps, f.sep[i], sharp, f.weights)
	}
}

// driftGoals pulls each grantee's priorities toward the KPIs of the funders
// that give separate grants, weighted by what each gives out, in
// proportion to the grants' share of the grantee's money (GoalDrift).
func (e *Engine) driftGoals() {
	f := &e.fund
	var pull agents.Vec
	for i := range e.actors {
		for d := range pull {
			pull[d] += f.sep[i] * e.actors[i].KPI[d]
		}
	}
	pull = pull.Normalized()
	for j := range e.actors {
		a := &e.actors[j]
		if !a.Delivers() || f.grants[j] <= 0 {
			continue
		}
		total := a.Budget + f.grants[j] + f.pooled[j].Sum()
		a.Priority = e.p.Funding.Drift(a.Priority, pull, f.grants[j]/total)
	}
}

// deFactoAgenda is what the members actually work on: their effort summed
// over domains (their mean priorities before anyone has worked).
func (e *Engine) deFactoAgenda() agents.Vec {
	var x agents.Vec
	for i := range e.actors {
		a := &e.actors[i]
		if !a.Delivers() {
			continue
		}
		for d := range x {
			if e.plan.tick == 0 {
				x[d] += a.Priority[d]
			} else {
				x[d] += a.Effort[d]
			}
		}
	}
	return x.Normalized()
}

// perceive updates what the partners believe each delivering actor can do
// (PerceptionRule.Perceived).
func (e *Engine) perceive() {
	f := &e.fund
	for j := range e.actors {
		in := e.trustIn(j)
		for d := range f.perc[j] {
			f.perc[j][d] = e.p.Perception.Perceived(e.actors[j].Capability[d], f.percZ[j][d], in, e.plan.maturity)
		}
	}
}
