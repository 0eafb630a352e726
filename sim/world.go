package sim

import "github.com/cisim/cisim/agents"

// world is the week's turn of the world: young people of the new cohort
// enter and join the outreach queue (at its head, reached at entry, for a
// share s_X once the approach has spread), those whose own time has come
// reach the outcome without the programme, those who turn age_out leave
// the target group, and the world's shocks strike.
func (e *Engine) world(t int) {
	e.enter(t)
	e.naturalOutcomes(t)
	e.ageOut(t)
	e.shocksNow(t)
}

func (e *Engine) enter(t int) {
	b, pop := &e.bens, e.pop
	spread := e.plan.phase == agents.Exponential
	for b.entrant < pop.N && int(pop.Entry[b.entrant]) <= t {
		k := b.entrant
		b.entrant++
		pop.State[k] = agents.NotReached
		b.count.present++
		e.joinOut(k)
		if spread && pop.Early[k] < e.p.Phases.Spread {
			e.pushFront(k)
		} else {
			e.pushQueue(k)
		}
	}
}

// naturalOutcomes lets beneficiaries reach the outcome on their own (the
// deadweight a programme must not claim).
func (e *Engine) naturalOutcomes(t int) {
	b, pop := &e.bens, e.pop
	for b.natPos < pop.N {
		k := int(b.natOrder[b.natPos])
		if int(pop.Natural[k]) > t {
			return
		}
		b.natPos++
		if !pop.State[k].InNeed() {
			continue
		}
		e.leaveNeed(k)
		pop.State[k] = agents.OutcomeReached
		pop.Done[k] = int32(t)
		b.count.outcomes++
		b.count.natural++
		if pop.Since[k] >= 0 {
			b.count.partOutcomes++
		}
	}
}

// ageOut takes those who turn age_out out of the target group.
func (e *Engine) ageOut(t int) {
	b, pop := &e.bens, e.pop
	for b.agePos < pop.N {
		k := int(b.ageOrder[b.agePos])
		if int(pop.AgeOut[k]) > t {
			return
		}
		b.agePos++
		if !pop.State[k].InNeed() {
			continue
		}
		e.leaveNeed(k)
		pop.State[k] = agents.AgedOut
		pop.Done[k] = int32(t)
		b.count.agedOut++
	}
}

// leaveNeed takes a beneficiary in need out of the programme or out of the
// sums of those in need outside it.
func (e *Engine) leaveNeed(k int) {
	if e.pop.State[k].Active() {
		e.deactivate(k)
		return
	}
	e.leaveOut(k)
}

// leaveOut removes a beneficiary who is not enrolled from the sums of
// those in need.
func (e *Engine) leaveOut(k int) {
	b := &e.bens
	for d := range b.outNeed {
		b.outNeed[d] -= e.pop.Need[k*agents.NumDomains+d]
		b.outProg[d] -= e.pop.Progress[k*agents.NumDomains+d]
	}
}

// joinOut adds a beneficiary in need who is not enrolled to those sums.
func (e *Engine) joinOut(k int) {
	b := &e.bens
	for d := range b.outNeed {
		b.outNeed[d] += e.pop.Need[k*agents.NumDomains+d]
		b.outProg[d] += e.pop.Progress[k*agents.NumDomains+d]
	}
}

// deactivate takes beneficiary k off the active list and its home's roll.
func (e *Engine) deactivate(k int) {
	b := &e.bens
	pos := b.activePos[k]
	last := b.active[len(b.active)-1]
	b.active[pos] = last
	b.activePos[last] = pos
	b.active = b.active[:len(b.active)-1]
	b.activePos[k] = -1
	if h := e.pop.Home[k]; h >= 0 {
		e.actors[h].Enrolled--
	}
}

func (e *Engine) pushQueue(k int) {
	b := &e.bens
	b.queue[(b.qHead+b.qLen)%e.pop.N] = int32(k)
	b.qLen++
}

func (e *Engine) pushFront(k int) {
	b := &e.bens
	b.qHead = (b.qHead + e.pop.N - 1) % e.pop.N
	b.queue[b.qHead] = int32(k)
	b.qLen++
}
