package sim

import (
	"github.com/cisim/cisim/agents"
)

// reviewMembership is the quarterly review: each member weighs the value of
// staying against its outside option and may leave (breaking others'
// trust); outsiders drawn by the agenda's centre of gravity may join.
func (e *Engine) reviewMembership(t int) {
	p, g := e.p, &e.sc.Governance
	rng := e.rs.get(streamMembership)
	if e.nCovered > 0 {
		for d := range e.lastCov {
			e.lastCov[d] = e.coverage[d] / float64(e.nCovered)
		}
	}
	cov := e.lastCov
	for i := range e.actors {
		a := &e.actors[i]
		if !a.Member {
			continue
		}
		satisfaction := 0.0
		for d := range cov {
			satisfaction += a.KPI[d] * cov[d]
		}
		v := agents.StayValue(satisfaction, e.jointness(i), e.meanTrustOf(i), p.RefTrust,
			e.meanSimilarityOf(i), a.Burden, g.ExitCost)
		if v < a.OutsideOption && rng.Float64() < p.ExitHazard {
			e.leave(i)
		}
	}
	gravity := e.outcomeRate() * agents.Coherence(e.actors) * e.meanTrust()
	var mean agents.Values
	members := 0
	for i := range e.actors {
		if e.actors[i].Member {
			members++
			for k := range mean {
				mean[k] += e.actors[i].Values[k]
			}
		}
	}
	if members == 0 {
		return
	}
	for k := range mean {
		mean[k] /= float64(members)
	}
	for i := range e.actors {
		a := &e.actors[i]
		if a.Member || e.exited[i] {
			continue
		}
		if rng.Float64() < agents.JoinProbability(p.JoinBase, gravity, a.Values.Similarity(mean)) {
			a.Member = true
			a.Priority = a.KPI
		}
	}
}

// jointness is the share of what an actor puts in (hours, and for a funder
// its grant money) that goes into joint work: agenda and pooled hours,
// meetings and coordination, and money put in the pool.
func (e *Engine) jointness(i int) float64 {
	a := &e.actors[i]
	h := e.hourly()
	joint := h * (e.commit[i]*a.Hours + e.meetingHours[i] + e.coordHours[i])
	if e.target[i] > 0 && a.Hours > 0 {
		joint += h * min(a.Hours, e.pooledPaid(i)/float64(e.p.TicksPerYear)/h)
	}
	total := h * a.Capacity
	if a.IsFunder() {
		yearly := a.Budget / float64(e.p.TicksPerYear)
		joint += e.share[i] * yearly
		total += yearly
	}
	if total <= 0 {
		return 0
	}
	return min(1, joint/total)
}

// leave takes actor i out: those who relied on it lose trust in the others
// in proportion to their trust in it, its beneficiaries move to a member
// with free places or go back to the outreach queue, and the money it
// received stops. Grants a leaving funder already gave run to the end of
// their round.
func (e *Engine) leave(i int) {
	p, pop := e.p, e.pop
	a := &e.actors[i]
	a.Member, a.Attended = false, false
	e.exited[i] = true
	n := len(e.actors)
	for j := 0; j < n; j++ {
		if j == i || !e.actors[j].Member {
			continue
		}
		shock := p.ExitBreach * e.trust.At(j, i)
		for k := 0; k < n; k++ {
			if k != j && k != i {
				e.trust.Set(j, k, agents.BreakTrust(e.trust.At(j, k), shock))
			}
		}
	}
	for k := 0; k < len(e.active); {
		b := int(e.active[k])
		if int(pop.Home[b]) != i {
			k++
			continue
		}
		if h := e.freeHome(); h >= 0 {
			pop.Home[b] = int16(h)
			e.actors[h].Enrolled++
			a.Enrolled--
			k++
			continue
		}
		e.deactivate(b)
		pop.State[b] = agents.NotReached
		pop.Home[b] = -1
		e.joinOut(b)
		e.pushQueue(b)
	}
	a.Enrolled = 0
	e.grants[i], e.pooled[i], e.share[i] = 0, agents.Vec{}, 0
}

func (e *Engine) freeHome() int {
	for h := range e.actors {
		a := &e.actors[h]
		if a.Member && a.Places > a.Enrolled {
			return h
		}
	}
	return -1
}

func (e *Engine) outcomeRate() float64 { return float64(e.outcomes) / float64(e.pop.N) }

// innovate gives each member its weekly chance of a better way of working;
// an innovation found spreads to each other member with a chance equal to
// that member's trust in the finder.
func (e *Engine) innovate() {
	p := e.p
	rng := e.rs.get(streamInnovation)
	for i := range e.actors {
		if !e.actors[i].Member {
			continue
		}
		hz := agents.InnovationHazard(i, e.actors, e.trust, p.InnovateAlone, p.InnovateTogether, e.maturity)
		if rng.Float64() >= hz {
			continue
		}
		e.adopt(i)
		for j := range e.actors {
			if j != i && e.actors[j].Member && rng.Float64() < e.trust.At(j, i) {
				e.adopt(j)
			}
		}
	}
}

func (e *Engine) adopt(i int) {
	a := &e.actors[i]
	a.Productivity = min(e.p.ProductivityCap, a.Productivity*(1+e.p.InnovationGain))
	e.innovations++
	if e.phase >= agents.Run {
		e.innovRun++
	}
}

// observePhase reads the phase off the state.
func (e *Engine) observePhase(t int) {
	var s agents.PhaseSignals
	s.MeanTrust = e.meanTrust()
	s.Coherence = agents.Coherence(e.actors)
	now := e.agenda
	if !e.sc.Governance.CommonAgenda {
		now = e.deFactoAgenda()
	}
	s.AgendaShift = 1 - agents.Alignment(now, e.agendaAtRun)
	year := e.p.TicksPerYear
	for k := max(0, t-year+1); k <= t; k++ {
		s.OutcomesYear += float64(e.perTick[k])
	}
	for k := max(0, t-2*year+1); k <= t-year; k++ {
		s.OutcomesPrior += float64(e.perTick[k])
	}
	s.Innovations = e.innovRun
	next := agents.NextPhase(e.phase, s, e.p.Phases)
	if next != e.phase {
		e.phase = next
		e.phaseTick[next] = t
		if next == agents.Run {
			e.agendaAtRun = now
		}
	}
}

// meanTrust is the mean of τ_ij over ordered pairs of members (every
// member has the same number of partners, so it is the mean of the
// members' mean trust).
func (e *Engine) meanTrust() float64 {
	s, n := 0.0, 0
	for i := range e.actors {
		if e.actors[i].Member {
			s += e.meanTrustOf(i)
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return s / float64(n)
}
