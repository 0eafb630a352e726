package sim

import "github.com/cisim/cisim/agents"

// resetPartnership starts the partnership in the initiation phase. What the
// partners believe the needs are before hearing anyone is the mean of
// their own KPIs; the agenda starts at the influence-weighted priorities of
// all members, and with a common agenda a plan is on the table from the
// first meeting.
func (e *Engine) resetPartnership() {
	pl := &e.plan
	*pl = partnership{weights: pl.weights, conflict: pl.conflict, talked: pl.talked, order: pl.order[:0],
		trials: pl.trials[:0], exited: pl.exited, meetingHours: pl.meetingHours, extraHours: pl.extraHours,
		coordHours: pl.coordHours, joint: pl.joint, shocks: pl.shocks, distance: pl.distance,
		similar: pl.similar, moved: pl.moved}
	clear(pl.joint)
	agents.CapabilityDistances(pl.distance, e.actors)
	agents.Similarities(pl.similar, e.actors, nil)
	pl.shockPos = 0
	for k := range pl.phaseTick {
		pl.phaseTick[k] = -1
	}
	pl.phaseTick[agents.Initiation] = 0
	pl.coord = agents.Coordination{Coverage: 1, Quality: 1}
	pl.pending = e.sc.Governance.CommonAgenda
	pl.champion = -1
	var belief agents.Vec
	for i := range e.actors {
		a := &e.actors[i]
		pl.exited[i] = false
		if a.Name == e.sc.Preconditions.Champion {
			pl.champion = i
		}
		if a.Member {
			pl.initial++
			for d := range belief {
				belief[d] += a.KPI[d]
			}
		}
		a.Attended = a.Member
	}
	clear(pl.conflict)
	pl.believed = belief.Normalized()
	pl.measured = pl.believed
	agents.InfluenceWeights(pl.weights, e.actors, e.sc.Governance.PowerSharing)
	pl.agenda = agents.Target(e.actors, pl.weights, agents.Seats{})
	pl.plan = pl.agenda
	for i := range e.actors {
		e.actors[i].Attended = false
	}
	e.resetBeneficiaryBooks()
}

func (e *Engine) resetBeneficiaryBooks() {
	b, pop, first := &e.bens, e.pop, e.sc.Beneficiaries.Count
	b.natPos, b.agePos, b.entrant = 0, 0, first
	b.active = b.active[:0]
	b.outNeed, b.outProg = agents.Vec{}, agents.Vec{}
	for k := 0; k < first; k++ {
		for d := range b.outNeed {
			b.outNeed[d] += pop.Need[k*agents.NumDomains+d]
		}
	}
	b.activeRes, b.coverage, b.lastCov, b.nCovered = agents.Vec{}, agents.Vec{}, agents.Vec{}, 0
	clear(b.groupRes)
	b.referred, b.weeksToOut = 0, 0
	clear(b.perTick)
	b.yearly = [3]float64{}
	b.count = counts{present: first}
	for k := 0; k < pop.N; k++ {
		in := int(pop.Entry[k]) < e.ticks
		if in && int(pop.Natural[k]) < e.ticks && pop.Natural[k] <= pop.AgeOut[k] {
			b.count.counterfactual++
		}
	}
}

// resetFunding clears the money: no pledges or grants yet, funders expect
// the cost per outcome of E_0, and the staff each partner's own budget
// already pays is in place at the start (new money ramps up).
func (e *Engine) resetFunding() {
	f := &e.fund
	e.setHost(e.sc.Governance.BackboneHost)
	for i := range e.actors {
		a := &e.actors[i]
		f.share[i], f.expect[i] = 0, e.p.Funding.ExpectedCost
		f.grants[i], f.pooled[i], f.sep[i], f.spend[i], f.target[i] = 0, agents.Vec{}, 0, 0, 0
		f.apps[i], f.appLeft[i] = 0, 0
		a.Capacity = e.affordable(i, a.Budget)
		if !a.IsFunder() {
			for d := range a.Routine {
				a.Routine[d] = a.Capacity * a.Priority[d]
			}
		}
	}
	f.round, f.left, f.poolYear, f.bbPaid, f.paid, f.cost, f.results = 0, 0, 0, 0, 0, 0, 0
	f.next, f.redesign, f.started = 0, nil, false
	clear(f.pledged)
	e.perceive()
}

// setHost sets who hosts the backbone: with a funder host, the member
// funder with the largest budget (the first of equals); otherwise none.
func (e *Engine) setHost(h agents.Host) {
	e.sc.Governance.BackboneHost = h
	e.fund.host = -1
	if h != agents.FunderHost {
		return
	}
	for i := range e.actors {
		a := &e.actors[i]
		if a.Member && a.IsFunder() && (e.fund.host < 0 || a.Budget > e.actors[e.fund.host].Budget) {
			e.fund.host = i
		}
	}
}

// affordable is the staff hours a week that yearly money buys, up to what
// the actor's staff can work. A funder's budget is grant money, not its own
// staff: its staff is its own, in kind.
func (e *Engine) affordable(i int, money float64) float64 {
	a := &e.actors[i]
	if a.IsFunder() {
		return staffHours(a)
	}
	return min(staffHours(a), money/WeeksPerYear/e.hourly())
}
