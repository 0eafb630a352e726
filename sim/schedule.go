package sim

// Run steps the engine from its current tick to the horizon and returns the
// run's summary. Call Reset first.
func (e *Engine) Run() Summary {
	for e.plan.tick < e.ticks {
		e.Step()
	}
	return e.Summary()
}

// Step advances one week. The schedule, in order (docs/MODEL.md §3):
//
//  1. the world: entrants, natural outcomes, ageing out, shocks
//  2. funding: a round at the start of each commitment
//  3. money: the week's money is paid or returned; capacity ramps
//  4. coordination: the backbone covers what it can of the joint work
//  5. meetings: attendance, trust, conflict, values, commitment, the
//     agenda and the plan's decisions; trust decays between those who did
//     not meet
//  6. engagement and measurement: needs heard and recorded, maturity
//  7. learning (at the start of each month): priorities learn from feedback
//  8. innovation: trials found, run and judged
//  9. activities: overheads, effort over domains, output, referrals
//  10. enrolment: free places filled from the outreach queue
//  11. beneficiaries: progress, outcome, trust, drop-out, failed hand-offs
//  12. conflicts: open conflicts may be resolved
//  13. membership (each review): exits and entries
//  14. phase and metrics
//  15. adaptive rules: a rule whose signpost first holds changes the design
func (e *Engine) Step() {
	t := e.plan.tick
	if e.play != nil {
		e.playLeaves()
	}
	e.world(t)
	if t == e.fund.next {
		e.startRound(t)
	}
	e.payWeek()
	e.coordinate()
	e.meet(t)
	e.engageAndMeasure(t)
	if startsMonth(t) {
		e.learn()
	}
	e.innovate()
	e.activities()
	e.enrol(t)
	e.serve(t)
	e.resolveConflicts()
	if t > 0 && t%e.p.Membership.ReviewWeeks == 0 {
		e.reviewMembership(t)
	}
	e.observePhase(t)
	e.observe(t)
	if len(e.sc.Rules) > 0 {
		e.adapt(t)
	}
	e.plan.tick++
}

// startsMonth reports whether week t is the first of a month, a month
// being 52/12 weeks: ⌊12t/52⌋ > ⌊12(t−1)/52⌋, and t = 0.
func startsMonth(t int) bool { return t == 0 || 12*t/WeeksPerYear > 12*(t-1)/WeeksPerYear }

// startRound opens a funding round: what an intervention changed in the
// funding and the backbone takes effect now, and the next round is one
// commitment later (weeks 0, h, 2h, … while the horizon h stays).
func (e *Engine) startRound(t int) {
	if d := e.fund.redesign; d != nil {
		e.sc.Funding, e.sc.Governance.BackboneStaff, e.fund.redesign = d.funding, d.backboneStaff, nil
		e.setHost(d.host)
	}
	e.fundingRound(t == 0)
	e.fund.next = t + e.roundWeeks()
}

// roundWeeks is the length of a funding commitment in weeks.
func (e *Engine) roundWeeks() int {
	return max(1, int(e.sc.Funding.HorizonYears*WeeksPerYear+0.5))
}
