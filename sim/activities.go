package sim

import "github.com/cisim/cisim/agents"

// activities takes overheads off each member's capacity, splits the free
// hours over domains (pooled, designated work first, then own priorities
// blended with the agreed agenda), turns hours into output, and sets the
// per-home service intensities (docs/MODEL.md §7.6).
func (e *Engine) activities() {
	var meanPerc agents.Vec
	engage, reach := e.engagementLoad()
	delivering := 0
	for j := range e.actors {
		if e.actors[j].Delivers() {
			delivering++
			for d := range meanPerc {
				meanPerc[d] += e.fund.perc[j][d]
			}
		}
	}
	for d := range meanPerc {
		meanPerc[d] /= float64(max(1, delivering))
	}
	for i := range e.actors {
		a := &e.actors[i]
		a.Effort, a.Output, a.Hours, a.Overhead, a.Places, a.Committed = agents.Vec{}, agents.Vec{}, 0, 0, 0, 0
		if !a.Member {
			continue
		}
		e.overheads(i, engage, reach)
		if a.Delivers() && a.Capacity > a.Overhead {
			e.work(i, meanPerc)
		}
		e.plan.joint[i] += e.jointness(i)
	}
	e.plan.jointWeeks++
	clear(e.plan.extraHours)
	e.setIntensities()
}

// engagementLoad is the week's engagement hours and the reach-weighted
// capacity they are shared by.
func (e *Engine) engagementLoad() (hours, reach float64) {
	hours = e.p.Engagement.At(e.sc.Governance.BeneficiaryEngagement).Hours * float64(len(e.bens.active))
	for i := range e.actors {
		if a := &e.actors[i]; a.Member {
			reach += a.Reach * a.Capacity
		}
	}
	return hours, reach
}

// overheads are the hours a member loses this week: the meeting, one-off
// decision and agreement hours, its share of the coordination burden, its
// share of engagement (by reach × capacity), applications being written and
// a trial being run. Burden follows their share of capacity.
func (e *Engine) overheads(i int, engage, reach float64) {
	a, pl, p := &e.actors[i], &e.plan, e.p
	over := pl.meetingHours[i] + pl.extraHours[i] + pl.coordHours[i]
	if reach > 0 {
		over += engage * a.Reach * a.Capacity / reach
	}
	if f := &e.fund; f.appLeft[i] > 0 {
		over += p.Funding.ApplicationHours * float64(f.apps[i]) / float64(p.Funding.ApplicationWeeks)
		f.appLeft[i]--
	}
	if e.trying(i) {
		over += p.Innovation.TrialHours
	}
	a.Overhead = min(over, a.Capacity)
	if a.Capacity > 0 {
		a.Burden += (a.Overhead/a.Capacity - a.Burden) / float64(p.Membership.ReviewWeeks)
	}
}

// work splits a delivering member's free hours: hours bought by pooled
// money go to the domains it was bought for; the rest follow EffortShares,
// with the committed share m = c·μ·(1 − δ) on an agreed agenda (δ the
// defection under KPI pressure). Output follows, routine adapts, and a
// member with reach offers places.
func (e *Engine) work(i int, meanPerc agents.Vec) {
	a, p, f := &e.actors[i], e.p, &e.fund
	free := a.Capacity - a.Overhead
	a.Hours = free
	var pooled agents.Vec
	designated := 0.0
	if pp := e.pooledPaid(i); pp > 0 && f.target[i] > 0 {
		scale := free / f.target[i] / WeeksPerYear / e.hourly()
		for d := range pooled {
			pooled[d] = f.pooled[i][d] * scale
			designated += pooled[d]
		}
		if designated > free {
			for d := range pooled {
				pooled[d] *= free / designated
			}
			designated = free
		}
	}
	a.Integrity = 1
	if e.plan.agreed && e.ch.Commitment {
		hold := p.Steering.Hold * e.sc.Governance.SteeringStyle
		a.Committed = e.committedC(i) * e.mandate(i)
		a.Integrity = 1 - p.Commitment.Defection(a.KPI, e.plan.plan, a.Mandate, hold)
	}
	rel := agents.Vec{1, 1, 1, 1, 1}
	if e.ch.Specialisation {
		for d := range rel {
			if meanPerc[d] > 0 {
				rel[d] = f.perc[i][d] / meanPerc[d]
			}
		}
	}
	x := agents.EffortShares(a.Priority, e.plan.plan, rel, a.Committed*a.Integrity, e.plan.coord.Quality)
	for d := range x {
		a.Effort[d] = pooled[d] + (free-designated)*x[d]
		a.Output[d] = p.Delivery.Output(a.Effort[d], a.Routine[d], a.Capability[d], a.Productivity)
		a.Routine[d] = p.Delivery.AdaptRoutine(a.Routine[d], a.Effort[d])
		a.Reported[d] += a.Output[d]
	}
	if a.Reach > 0 {
		a.Places = int(free * a.Reach / p.Delivery.HoursPerPlace)
	}
}
