package sim

import (
	"math"

	"github.com/cisim/cisim/agents"
)

// Run steps the engine from its current tick to the horizon and returns the
// run's summary. Call Reset first.
func (e *Engine) Run() Summary {
	for e.tick < e.ticks {
		e.Step()
	}
	return e.Summary()
}

// Step advances one tick (a week). The schedule, in order (docs/MODEL.md,
// "Process overview and scheduling"):
//
//  1. natural outcomes: beneficiaries whose own time has come leave need
//  2. funding: a funding round at the start of each commitment; capacity
//     ramps toward what the money buys
//  3. coordination: the backbone covers what it can of the joint work
//  4. meetings: attendance, trust, values, commitment, agenda; trust decays
//     between those who did not meet
//  5. engagement and measurement: needs revealed and measured, maturity
//  6. learning (monthly): priorities learn from feedback
//  7. activities: overheads, effort over domains, output, referrals
//  8. enrolment: free places filled from the outreach queue
//  9. beneficiaries: progress, outcome, trust, drop-out
//  10. membership (quarterly): exits and entries
//  11. innovation: new ways of working found and spread
//  12. phase observation and metrics
func (e *Engine) Step() {
	t := e.tick
	e.naturalOutcomes(t)
	if t%e.roundTicks() == 0 {
		e.fundingRound(t == 0)
	}
	e.rampCapacity()
	e.coordinate()
	e.meet(t)
	e.engageAndMeasure(t)
	if t%e.month() == 0 {
		e.learn()
	}
	e.activities()
	e.enrol(t)
	e.serve(t)
	if t > 0 && t%e.p.ReviewWeeks == 0 {
		e.reviewMembership(t)
	}
	e.innovate()
	e.observePhase(t)
	e.observe(t)
	e.tick++
}

// month is the number of ticks in a month (4 with weekly ticks).
func (e *Engine) month() int { return max(1, e.p.TicksPerYear/12) }

func (e *Engine) roundTicks() int {
	return max(1, int(math.Round(e.sc.Funding.HorizonYears*float64(e.p.TicksPerYear))))
}

// naturalOutcomes lets beneficiaries reach the outcome on their own (the
// deadweight a programme must not claim).
func (e *Engine) naturalOutcomes(t int) {
	pop := e.pop
	for e.natPos < pop.N {
		b := int(e.natOrder[e.natPos])
		if int(pop.Natural[b]) > t {
			return
		}
		e.natPos++
		switch s := pop.State[b]; {
		case s == agents.OutcomeReached:
			continue
		case s.Active():
			e.deactivate(b)
		default:
			e.leaveOut(b)
		}
		pop.State[b] = agents.OutcomeReached
		pop.Done[b] = int32(t)
		e.outcomes++
		e.perTick[t]++
	}
}

// leaveOut removes a beneficiary who is not enrolled from the sums of those in need.
func (e *Engine) leaveOut(b int) {
	for d := range e.outNeed {
		e.outNeed[d] -= e.pop.Need[b*agents.NumDomains+d]
		e.outProg[d] -= e.pop.Progress[b*agents.NumDomains+d]
	}
}

// joinOut adds a beneficiary who leaves the programme in need to those sums.
func (e *Engine) joinOut(b int) {
	for d := range e.outNeed {
		e.outNeed[d] += e.pop.Need[b*agents.NumDomains+d]
		e.outProg[d] += e.pop.Progress[b*agents.NumDomains+d]
	}
}

// deactivate takes beneficiary b off the active list and its home's roll.
func (e *Engine) deactivate(b int) {
	k := e.activePos[b]
	last := e.active[len(e.active)-1]
	e.active[k] = last
	e.activePos[last] = k
	e.active = e.active[:len(e.active)-1]
	e.activePos[b] = -1
	if h := e.pop.Home[b]; h >= 0 {
		e.actors[h].Enrolled--
	}
}

func (e *Engine) delivers(i int) bool {
	a := &e.actors[i]
	return a.Member && !a.IsFunder() && a.Capability.Sum() > 0
}

func (e *Engine) hourly() float64 { return e.sc.Economics.HourlyCost }

func (e *Engine) meanTrustOf(i int) float64 {
	s, n := 0.0, 0
	for j := range e.actors {
		if j != i && e.actors[j].Member {
			s += e.trust.At(i, j)
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return s / float64(n)
}

func (e *Engine) meanSimilarityOf(i int) float64 {
	s, n := 0.0, 0
	for j := range e.actors {
		if j != i && e.actors[j].Member {
			s += e.actors[i].Values.Similarity(e.actors[j].Values)
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return s / float64(n)
}

// fundingRound opens a funding commitment: funders decide what to pool
// (conditional cooperation), the backbone is paid, the pooled fund is
// allocated on the agenda, the rest goes out as competitive grants on
// reported own-KPI results, and grantees' goals drift toward their funders'.
func (e *Engine) fundingRound(first bool) {
	p, g := e.p, &e.sc.Governance
	rng := e.rs.get(streamFunding)
	// 1. Pooled contributions.
	funders, sumShare := 0, 0.0
	for f := range e.actors {
		if e.actors[f].Member && e.actors[f].IsFunder() && e.actors[f].Budget > 0 {
			funders++
			sumShare += e.share[f]
		}
	}
	e.pool = 0
	separate := e.alloc // reused: separate grant money per funder
	for f := range e.actors {
		a := &e.actors[f]
		separate[f] = 0
		if !a.Member || !a.IsFunder() || a.Budget <= 0 {
			e.share[f] = 0
			continue
		}
		s := 0.0
		if e.sc.Funding.Pooled {
			others := p.OpeningShare
			if !first && funders > 1 {
				others = (sumShare - e.share[f]) / float64(funders-1)
			}
			s = agents.Contribution(others, e.meanTrustOf(f), p.CoopBase, p.CoopSlope, p.CoopTrust)
		}
		e.scores[f] = s // new shares, applied below so all decide on last round's
		e.pool += s * a.Budget
		separate[f] = (1 - s) * a.Budget
	}
	for f := range e.actors {
		if e.actors[f].IsFunder() {
			e.share[f] = e.scores[f]
		}
	}
	// 2. The backbone is paid first from the pool, then from separate budgets.
	bbCost := g.BackboneStaff * 40 * 52 * e.hourly()
	fromPool := math.Min(e.pool, bbCost)
	e.pool -= fromPool
	rest, sep := bbCost-fromPool, 0.0
	for f := range separate {
		sep += separate[f]
	}
	fromSep := math.Min(rest, sep)
	if sep > 0 {
		for f := range separate {
			separate[f] -= fromSep * separate[f] / sep
		}
	}
	e.backbonePaid = 1
	if bbCost > 0 {
		e.backbonePaid = (fromPool + fromSep) / bbCost
	}
	// 3. The pooled fund buys each domain's work from those best at it.
	focus := e.agenda
	if !g.CommonAgenda {
		focus = e.deFactoAgenda()
	}
	var capSum agents.Vec
	for j := range e.actors {
		e.pooled[j] = agents.Vec{}
		e.grants[j] = 0
		if e.delivers(j) {
			for d := range capSum {
				capSum[d] += math.Pow(e.actors[j].Capability[d], p.Specialisation)
			}
		}
	}
	for j := range e.actors {
		if !e.delivers(j) {
			continue
		}
		for d := range capSum {
			share := agents.PooledShare(math.Pow(e.actors[j].Capability[d], p.Specialisation), capSum[d])
			e.pooled[j][d] = e.pool * focus[d] * share
		}
	}
	// 4. Separate grants, competitive on reported own-KPI results per SEK.
	for j := range e.actors {
		e.applications[j] = 0
	}
	for f := range e.actors {
		if separate[f] <= 0 {
			continue
		}
		kf := e.actors[f].KPI
		for j := range e.actors {
			e.scores[j] = -1
			if !e.delivers(j) {
				continue
			}
			a := &e.actors[j]
			e.applications[j]++
			if first {
				// Nothing reported yet: funders judge on what applicants promise.
				e.scores[j] = agents.ReportedScore(kf, e.sc.Problem.Measurability, a.Capability, 1)
				continue
			}
			noisy := a.Reported
			for d := range noisy {
				noisy[d] *= math.Exp(p.ReportNoise * rng.NormFloat64())
			}
			e.scores[j] = agents.ReportedScore(kf, e.sc.Problem.Measurability, noisy, e.roundSpend[j])
		}
		agents.AllocateCompetitive(e.weights, e.scores, separate[f], p.Sharpness)
		for j := range e.actors {
			if e.scores[j] >= 0 {
				e.grants[j] += e.weights[j]
			}
		}
	}
	// 5. Goal drift toward the funders' KPIs, weighted by what each gives
	// out in separate grants, in proportion to the grants' share of a
	// grantee's money.
	var pull agents.Vec
	for f := range e.actors {
		if separate[f] > 0 {
			for d := range pull {
				pull[d] += separate[f] * e.actors[f].KPI[d]
			}
		}
	}
	pull = pull.Normalized()
	for j := range e.actors {
		if !e.delivers(j) || e.grants[j] <= 0 {
			continue
		}
		a := &e.actors[j]
		total := a.Budget + e.grants[j] + e.pooled[j].Sum()
		a.Priority = agents.GoalDrift(a.Priority, pull, e.grants[j]/total, p.GoalDriftRate)
	}
	for j := range e.actors {
		e.actors[j].Reported = agents.Vec{}
		e.roundSpend[j] = 0
		e.appLeft[j] = 0
		if e.applications[j] > 0 {
			e.appLeft[j] = p.ApplicationWeeks
		}
	}
}

// deFactoAgenda is what the members actually work on: their effort summed
// over domains (their mean priorities before anyone has worked).
func (e *Engine) deFactoAgenda() agents.Vec {
	var x agents.Vec
	for i := range e.actors {
		a := &e.actors[i]
		if !e.delivers(i) {
			continue
		}
		if e.tick == 0 {
			for d := range x {
				x[d] += a.Priority[d]
			}
			continue
		}
		for d := range x {
			x[d] += a.Effort[d]
		}
	}
	return x.Normalized()
}

// pooledPaid is the pooled money actor i receives a year. A fund allocated
// on a common agenda pays only once the partners have agreed it (mean
// trust ≥ AgreeTrust); without a common agenda the funders allocate the
// pool themselves, on what the partners already do, and pay at once.
func (e *Engine) pooledPaid(i int) float64 {
	if !e.agreed {
		return 0
	}
	return e.pooled[i].Sum()
}

// rampCapacity moves each member's staff hours toward what its money buys:
// cuts bite at once, new money becomes staff over RampWeeks.
func (e *Engine) rampCapacity() {
	if !e.agreed && (!e.sc.Governance.CommonAgenda || e.meanTrust() >= e.p.AgreeTrust) {
		e.agreed = true
	}
	for i := range e.actors {
		a := &e.actors[i]
		if !a.Member {
			a.Capacity = 0
			continue
		}
		e.target[i] = e.affordable(a, a.Budget+e.grants[i]+e.pooledPaid(i))
		if e.target[i] > a.Capacity {
			a.Capacity += (e.target[i] - a.Capacity) / e.p.RampWeeks
		} else {
			a.Capacity = e.target[i]
		}
	}
}

// coordinate sizes the joint work of this tick and lets the backbone cover
// what its paid staff can.
func (e *Engine) coordinate() {
	p, g := e.p, &e.sc.Governance
	members := 0
	for i := range e.actors {
		if e.actors[i].Member {
			members++
		}
	}
	need := 0.0
	if g.MeetingIntervalWeeks > 0 {
		need += p.MeetingPrepHours * float64(members) / float64(g.MeetingIntervalWeeks)
	}
	if g.SharedMeasurement {
		need += p.MeasurementHours * float64(len(e.active))
	}
	if e.sc.Funding.Pooled {
		need += p.PoolAdminHours
	}
	need += p.ReferralHours * e.referred
	supplied := g.BackboneStaff * 40 * 52 / float64(p.TicksPerYear) * e.backbonePaid
	e.coord = agents.Coordinate(need, supplied, p.PartnerQuality, p.PartnerEfficiency)
	total := 0.0
	for i := range e.actors {
		if e.actors[i].Member {
			total += e.actors[i].Capacity
		}
	}
	for i := range e.actors {
		e.coordHours[i] = 0
		if e.actors[i].Member && total > 0 {
			e.coordHours[i] = e.coord.Burden * e.actors[i].Capacity / total
		}
	}
}
