package sim

import "github.com/cisim/cisim/agents"

// meet holds a steering meeting when one is due (docs/MODEL.md §7.1–7.3):
// members attend with a chance that rises with commitment; each attendee
// talks with a few others; each pair that talks updates trust and may fall
// into conflict, and values converge within bounded confidence;
// commitment follows trust, shared values and the agreement; with a
// common agenda the table moves the agenda while the plan is open and
// decides on it. Pairs that did not talk lose trust toward the floor, less
// so where the backbone follows up between meetings.
func (e *Engine) meet(t int) {
	g := &e.sc.Governance
	due := g.MeetingIntervalWeeks > 0 && t%g.MeetingIntervalWeeks == 0
	attending := e.attend(due)
	clear(e.plan.talked)
	if attending >= 2 {
		e.pairUp()
	}
	agents.InfluenceWeights(e.plan.weights, e.actors, g.PowerSharing)
	e.trustWeek()
	if attending < 2 {
		return
	}
	e.encounters()
	if g.CommonAgenda {
		e.deliberate(t)
	}
}

// attend draws attendance: a_0 + (1 − a_0)·c, and with a funder hosting
// the backbone its convening power closes a share of the gap to 1. An
// attendee spends the meeting's hours, longer under operational steering.
func (e *Engine) attend(due bool) int {
	p, g, pl := e.p, &e.sc.Governance, &e.plan
	rng := e.rs.get(streamMeetings)
	hours := p.Meetings.Hours * (1 + p.Steering.OperationalHours*g.SteeringStyle)
	n := 0
	for i := range e.actors {
		a := &e.actors[i]
		a.Attended = false
		pl.meetingHours[i] = 0
		if !due || !a.Member {
			continue
		}
		if a.Attended = e.attends(i, rng.Float64(), e.attendChance(a)); a.Attended {
			n++
			pl.meetingHours[i] = hours
		}
	}
	return n
}

// attendChance is a member's chance of attending a meeting: a_0 + (1 −
// a_0)·c, with a hosting funder's convening closing a share of the gap.
func (e *Engine) attendChance(a *agents.Actor) float64 {
	p := e.p
	q := p.Meetings.AttendBase + (1-p.Meetings.AttendBase)*a.Commitment
	if e.fund.host >= 0 {
		q += p.Host.Convening * (1 - q)
	}
	return q
}

// pairUp decides who talks with whom: the attendees in a random order on a
// ring, each with the ⌈K/2⌉ next on either side (everyone with everyone
// when there are few), so each talks with about K others.
func (e *Engine) pairUp() {
	pl, n := &e.plan, len(e.actors)
	rng := e.rs.get(streamMeetings)
	pl.order = pl.order[:0]
	for i := range e.actors {
		if e.actors[i].Attended {
			pl.order = append(pl.order, i)
		}
	}
	m := len(pl.order)
	rng.Shuffle(m, func(a, b int) { pl.order[a], pl.order[b] = pl.order[b], pl.order[a] })
	h := min((e.p.Trust.Contacts+1)/2, m/2)
	if e.p.Trust.Contacts >= m-1 {
		h = m // everyone
	}
	for k, i := range pl.order {
		for s := 1; s <= h && s < m; s++ {
			j := pl.order[(k+s)%m]
			pl.talked[i*n+j], pl.talked[j*n+i] = true, true
		}
	}
}

// trustWeek updates trust for every ordered pair of members: a signal for
// each pair that talked (and, for each such pair once, a chance of
// conflict), decay toward the floor for every other.
func (e *Engine) trustWeek() {
	pl, tr, n := &e.plan, &e.p.Trust, len(e.actors)
	rng := e.rs.get(streamTrust)
	for i := 0; i < n; i++ {
		if !e.actors[i].Member {
			continue
		}
		for j := 0; j < n; j++ {
			if j == i || !e.actors[j].Member {
				continue
			}
			tau := e.trust.At(i, j)
			if pl.talked[i*n+j] {
				tau = tr.Update(tau, tr.Signal(e.evidence(i, j), tr.Noise*rng.NormFloat64()))
			} else {
				tau = tr.DecayTrust(tau, pl.followUp)
			}
			e.trust.Set(i, j, tau)
		}
	}
	if e.ch.Conflict {
		e.conflicts()
	}
}

// evidence is what i sees of j at the meeting: j's ability (share of its
// capacity that reached services), the benevolence i reads from shared
// values (less toward a funder hosting the backbone), and j's integrity
// where j has committed to a plan: the share of its committed hours it
// delivers, or for a funder the share of its pledge it keeps.
func (e *Engine) evidence(i, j int) agents.Evidence {
	a := &e.actors[j]
	ev := agents.Evidence{Benevolence: e.plan.similar[i*len(e.actors)+j]}
	if a.Capacity > 0 {
		ev.Ability = 1 - a.Overhead/a.Capacity
	}
	if j == e.fund.host {
		ev.Benevolence = max(0, ev.Benevolence-e.p.Host.Suspicion)
	}
	if e.plan.agreed {
		switch {
		case a.IsFunder() && e.fund.pledged[j] > 0:
			ev.Committed, ev.Integrity = true, min(1, e.fund.share[j]/e.fund.pledged[j])
		case a.Committed > 0:
			ev.Committed, ev.Integrity = true, a.Integrity
		}
	}
	return ev
}

// conflicts draws, for each pair that talked, whether the exchange turns
// into a conflict (ConflictRule.Chance): both sides lose trust, and the
// conflict stays open until it is resolved.
func (e *Engine) conflicts() {
	pl, c, n := &e.plan, &e.p.Conflict, len(e.actors)
	rng := e.rs.get(streamConflict)
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			if !pl.talked[i*n+j] {
				continue
			}
			sim := pl.similar[i*n+j]
			if rng.Float64() >= c.Chance(sim, pl.weights[i], pl.weights[j]) {
				continue
			}
			e.trust.Set(i, j, agents.Break(e.trust.At(i, j), c.Shock))
			e.trust.Set(j, i, agents.Break(e.trust.At(j, i), c.Shock))
			if !pl.conflict[i*n+j] {
				pl.conflict[i*n+j] = true
				e.actors[i].Conflicts++
				e.actors[j].Conflicts++
			}
			e.event(agents.Conflict, i, j, c.Shock, conflictCause(sim, pl.weights[i], pl.weights[j]))
		}
	}
}

func conflictCause(similarity, wi, wj float64) string {
	if gap := wi - wj; gap > 1-similarity || -gap > 1-similarity {
		return "a power gap at the table"
	}
	return "a gap in values"
}

// encounters lets the values of each pair that talked converge (bounded
// confidence), and updates each attendee's commitment (CommitmentRule).
func (e *Engine) encounters() {
	pl, n := &e.plan, len(e.actors)
	clear(pl.moved)
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			if pl.talked[i*n+j] {
				ai, aj := &e.actors[i], &e.actors[j]
				vi, vj := ai.Values, aj.Values
				ai.Values, aj.Values = e.p.Values.Encounter(vi, vj, e.trust.At(i, j), e.trust.At(j, i))
				if ai.Values != vi || aj.Values != vj {
					pl.moved[i], pl.moved[j] = true, true
				}
			}
		}
	}
	agents.Similarities(pl.similar, e.actors, pl.moved)
	bond := 0.0
	if pl.agreed {
		bond = e.terms().Bond
	}
	for i := range e.actors {
		if a := &e.actors[i]; a.Attended {
			a.Commitment = e.p.Commitment.Update(a.Commitment, e.meanTrustOf(i), e.meanSimilarityOf(i), bond)
		}
	}
}

// resolveConflicts gives each open conflict its weekly chance of being
// resolved (ConflictRule.ResolveChance); resolved, trust is partly
// repaired.
func (e *Engine) resolveConflicts() {
	pl, c, n := &e.plan, &e.p.Conflict, len(e.actors)
	rng := e.rs.get(streamConflict)
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			if !pl.conflict[i*n+j] {
				continue
			}
			if rng.Float64() >= c.ResolveChance(pl.coord.Coverage*b2f(pl.coord.Supplied > 0), e.trust.Mutual(i, j)) {
				continue
			}
			pl.conflict[i*n+j] = false
			e.actors[i].Conflicts--
			e.actors[j].Conflicts--
			e.trust.Set(i, j, c.Repaired(e.trust.At(i, j)))
			e.trust.Set(j, i, c.Repaired(e.trust.At(j, i)))
			e.event(agents.ConflictResolved, i, j, 0, "worked through")
		}
	}
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// terms are the terms of the partnership's agreement.
func (e *Engine) terms() agents.Terms {
	return e.p.Agreements.Of(e.sc.Governance.Agreement, e.sc.Governance.ExitClause)
}
