package sim

import "github.com/cisim/cisim/agents"

// reviewMembership is the review every W_rev weeks (docs/MODEL.md §7.10):
// each member, in scenario order, weighs the value of staying against its
// outside option and may leave (breaking others' trust); without a
// champion, the most committed member's leader may take the role;
// outsiders drawn by the agenda's centre of gravity may join.
func (e *Engine) reviewMembership(t int) {
	b := &e.bens
	if b.nCovered > 0 {
		for d := range b.lastCov {
			b.lastCov[d] = b.coverage[d] / float64(b.nCovered)
		}
	}
	rng := e.rs.get(streamMembership)
	for i := range e.actors {
		a := &e.actors[i]
		if !a.Member {
			continue
		}
		v, cause := e.p.Membership.StayValue(e.stay(i))
		if v < a.OutsideOption && rng.Float64() < e.p.Membership.ExitHazard && !e.stays(i) {
			e.event(agents.Exit, i, -1, v, cause.String())
			e.leave(i)
		}
	}
	clear(e.plan.joint)
	e.plan.jointWeeks = 0
	e.emergeChampion(rng.Float64())
	e.join(rng.Float64)
	e.checkBreakUp()
}

// stay gathers what member i weighs at a review.
func (e *Engine) stay(i int) agents.Stay {
	a := &e.actors[i]
	s := agents.Stay{
		Jointness: e.plan.joint[i] / float64(max(1, e.plan.jointWeeks)), MeanTrust: e.meanTrustOf(i), MeanSimilarity: e.meanSimilarityOf(i),
		Burden: a.Burden, Conflicts: a.Conflicts, Voice: e.voice(i),
	}
	for d := range e.bens.lastCov {
		s.Satisfaction += a.KPI[d] * e.bens.lastCov[d]
	}
	if e.plan.agreed {
		s.ExitCost = e.terms().ExitCost
		s.Misfit = 1 - agents.Alignment(a.KPI, e.plan.plan)
	}
	return s
}

// voice is member i's influence with every member at the table, relative
// to an equal share, at most 1.
func (e *Engine) voice(i int) float64 {
	money, n := 0.0, 0
	for j := range e.actors {
		if e.actors[j].Member {
			money += e.actors[j].Budget
			n++
		}
	}
	share := 1 / float64(n)
	if money > 0 {
		share = e.actors[i].Budget / money
	}
	psi := e.sc.Governance.PowerSharing
	return min(1, float64(n)*((1-psi)*share+psi/float64(n)))
}

// jointness is the share of what member i puts in (hours, and for a funder
// its grant money) that goes into joint work: hours on the agreed agenda,
// meetings, decisions and coordination, hours bought by pooled money, and
// money put in the pool. Without a common agenda only meetings,
// coordination and pooled money count.
func (e *Engine) jointness(i int) float64 {
	a, pl := &e.actors[i], &e.plan
	h := e.hourly()
	joint := h * (a.Committed*a.Integrity*a.Hours + pl.meetingHours[i] + pl.coordHours[i])
	if e.fund.target[i] > 0 && a.Hours > 0 {
		joint += h * min(a.Hours, e.pooledPaid(i)/WeeksPerYear/h)
	}
	total := h * a.Capacity
	if a.IsFunder() {
		yearly := a.Budget / WeeksPerYear
		joint += e.fund.share[i] * yearly
		total += yearly
	}
	if total <= 0 {
		return 0
	}
	return min(1, joint/total)
}

// leave takes actor i out: those who relied on it lose trust in the others
// in proportion to their trust in it (less with an exit clause), its open
// conflicts close, its beneficiaries move to a member with free places or
// go back to the outreach queue, and what it receives stops. Grants a
// leaving funder already gave run to the end of their round. It cannot
// rejoin.
func (e *Engine) leave(i int) {
	pop, b, n := e.pop, &e.bens, len(e.actors)
	a := &e.actors[i]
	a.Member, a.Attended, a.Consented, a.ApprovalDue = false, false, false, -1
	e.plan.exited[i] = true
	breach := e.p.Trust.ExitBreach
	if e.sc.Governance.ExitClause && e.plan.agreed {
		breach *= 1 - e.p.Agreements.Clause
	}
	for j := 0; j < n; j++ {
		if j == i || !e.actors[j].Member {
			continue
		}
		shock := breach * e.trust.At(j, i)
		for k := 0; k < n; k++ {
			if k != j && k != i {
				e.trust.Set(j, k, agents.Break(e.trust.At(j, k), shock))
			}
		}
		lo, hi := min(i, j), max(i, j)
		if e.plan.conflict[lo*n+hi] {
			e.plan.conflict[lo*n+hi] = false
			e.actors[j].Conflicts--
		}
	}
	a.Conflicts = 0
	if e.plan.champion == i {
		e.plan.champion = -1
	}
	if e.fund.host == i {
		e.fund.host = -1 // the backbone goes on as a neutral one, paid from what remains
	}
	for k := 0; k < len(b.active); {
		j := int(b.active[k])
		if int(pop.Home[j]) != i {
			k++
			continue
		}
		if h := e.freeHome(); h >= 0 {
			pop.Home[j] = int16(h)
			e.actors[h].Enrolled++
			a.Enrolled--
			k++
			continue
		}
		e.deactivate(j)
		pop.State[j], pop.Home[j] = agents.NotReached, -1
		e.joinOut(j)
		e.pushQueue(j)
	}
	a.Enrolled = 0
	e.fund.share[i] = 0
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

// join lets each outsider that never left join with the chance
// JoinProbability; a joiner starts with its KPIs as priorities, its drawn
// commitment and trust, no consent, and capacity ramping from zero.
func (e *Engine) join(draw func() float64) {
	members, mean := 0, agents.Values{}
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
	gravity := e.outcomeRate() * agents.Coherence(e.actors) * e.meanTrust()
	for i := range e.actors {
		a := &e.actors[i]
		if a.Member || e.plan.exited[i] {
			continue
		}
		if draw() < e.p.Membership.JoinProbability(gravity, a.Values.Similarity(mean)) {
			a.Member, a.Priority = true, a.KPI
			e.event(agents.Join, i, -1, gravity, "drawn by the partnership's centre of gravity")
		}
	}
}

// emergeChampion: without a champion, the leader of the most committed
// member may take the role, with a chance of h_E/reviews-a-year × its
// commitment.
func (e *Engine) emergeChampion(u float64) {
	if e.plan.champion >= 0 || !e.ch.Shocks {
		return
	}
	best := -1
	for i := range e.actors {
		if e.actors[i].Member && (best < 0 || e.actors[i].Commitment > e.actors[best].Commitment) {
			best = i
		}
	}
	perReview := e.p.Events.ChampionEmerges * float64(e.p.Membership.ReviewWeeks) / WeeksPerYear
	if best >= 0 && u < perReview*e.actors[best].Commitment {
		e.plan.champion = best
		e.event(agents.ChampionEmerged, best, -1, e.actors[best].Commitment, "its leader took up the cause")
	}
}

// checkBreakUp marks the partnership broken up the first time fewer than
// half its initial members, or fewer than two, remain.
func (e *Engine) checkBreakUp() {
	pl := &e.plan
	if pl.brokeUp || pl.initial < 2 {
		return
	}
	if m := e.members(); m < 2 || 2*m < pl.initial {
		pl.brokeUp = true
		e.event(agents.BrokeUp, -1, -1, float64(m), "fewer than half the partners remain")
	}
}

func (e *Engine) outcomeRate() float64 {
	return float64(e.bens.count.outcomes) / float64(max(1, e.bens.count.present))
}
