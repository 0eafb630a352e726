package sim

import (
	"math"

	"github.com/cisim/cisim/agents"
)

// deliberate is the common agenda's part of a meeting (docs/MODEL.md
// §7.2): while the plan is open (initiation, re-design) the table moves the
// agenda toward what its members, beneficiaries' voice, the data and a
// hosting funder pull it to, and the plan on the table is decided on; while
// a plan is in force, the table checks whether what it now knows of needs
// calls for a review.
func (e *Engine) deliberate(t int) {
	pl := &e.plan
	target := e.target()
	if pl.phase.Open() {
		trust, mandate := e.table()
		flex := 1.0
		if pl.everAgreed {
			flex = e.terms().Flexibility
		}
		pl.agenda = e.p.Agenda.Move(pl.agenda, target, trust, mandate, flex)
	}
	switch {
	case pl.pending:
		e.decide(t)
	case pl.agreed && e.p.Phases.NeedsReview(target, pl.plan):
		e.openReview("what the table now knows and wants has moved away from the plan")
	}
}

// table is the mean trust over ordered pairs of attendees and their mean
// effective mandate.
func (e *Engine) table() (trust, mandate float64) {
	pairs, n := 0, 0
	for i := range e.actors {
		ai := &e.actors[i]
		if !ai.Attended {
			continue
		}
		n++
		mandate += e.mandate(i)
		for j := range e.actors {
			if j != i && e.actors[j].Attended {
				trust += e.trust.At(i, j)
				pairs++
			}
		}
	}
	return trust / float64(max(1, pairs)), mandate / float64(max(1, n))
}

// mandate is actor i's delegate's mandate under the steering style.
func (e *Engine) mandate(i int) float64 {
	return e.p.Steering.Mandate(e.actors[i].Mandate, e.sc.Governance.SteeringStyle)
}

// seats are the voices at the table beside the members'.
func (e *Engine) seats() agents.Seats {
	g, pl := &e.sc.Governance, &e.plan
	s := agents.Seats{Believed: e.believedSeat(), Measured: pl.measured}
	if e.ch.Voice {
		s.Voice = e.p.Engagement.At(g.BeneficiaryEngagement).Voice
	}
	if g.SharedMeasurement {
		s.Data = e.p.Agenda.DataWeight * pl.maturity
	}
	if h := e.fund.host; h >= 0 {
		s.Host, s.HostKPI = e.p.Host.Pull, e.actors[h].KPI
	}
	return s
}

// decide gathers consent to the plan on the table (DecisionRule): every
// member must consent, at the table as far as its mandate and the plan's
// fit allow, or through its organisation after an upward referral. With
// everyone's consent and enough trust the preconditions decide (Gate): the
// plan is agreed, or it falls through and consent is sought anew. With the
// decisions channel off, it is agreed once trust allows.
func (e *Engine) decide(t int) {
	r := &e.p.Decisions
	rng := e.rs.get(streamDecisions)
	all := true
	for i := range e.actors {
		a := &e.actors[i]
		if !a.Member || a.Consented || !e.ch.Decisions {
			continue
		}
		switch {
		case a.ApprovalDue >= 0 && t >= a.ApprovalDue:
			a.Consented, a.ApprovalDue = true, -1
		case a.Attended && a.ApprovalDue < 0:
			if rng.Float64() < r.Consent(e.mandate(i), a.Priority, e.plan.agenda) {
				a.Consented = true
			} else {
				a.ApprovalDue = t + int(math.Ceil(rng.ExpFloat64()*r.ApprovalMean(a.Bureaucracy)))
			}
		}
		e.plan.extraHours[i] += r.PendingHours * b2f(a.Attended)
		all = all && a.Consented
	}
	if !all || e.meanTrust() < r.AgreeTrust {
		return
	}
	if !e.ch.Decisions {
		e.agree()
		return
	}
	champion, funded, urgency := e.plan.champion >= 0, e.fundedInfrastructure(), e.sc.Preconditions.Urgency
	if rng.Float64() < r.Gate(champion, funded, urgency) {
		e.agree()
		return
	}
	// The plan falls through: its consents lapse and must be sought again.
	for i := range e.actors {
		e.actors[i].Consented, e.actors[i].ApprovalDue = false, -1
	}
	e.event(agents.PlanFailed, -1, -1, 0, missing(champion, funded, urgency))
}

// missing names the weakest precondition of a plan that fell through.
func missing(champion bool, funded, urgency float64) string {
	switch {
	case !champion:
		return "no influential champion"
	case funded < urgency:
		return "the joint infrastructure is not funded"
	}
	return "too little urgency for change"
}

// fundedInfrastructure is F of the gate: the backbone's coverage of the
// coordination need (0 without a backbone that supplies hours).
func (e *Engine) fundedInfrastructure() float64 {
	if c := e.plan.coord; c.Supplied > 0 {
		return c.Coverage
	}
	return 0
}

// agree puts the plan on the table in force: its first agreement costs
// every member the agreement's setup hours; funders' pledges are noted as
// their commitment.
func (e *Engine) agree() {
	pl := &e.plan
	first := !pl.everAgreed
	pl.agreed, pl.everAgreed, pl.pending, pl.justAgreed = true, true, false, true
	pl.plan = pl.agenda
	for i := range e.actors {
		a := &e.actors[i]
		e.fund.pledged[i] = e.fund.share[i]
		if first && a.Member {
			pl.extraHours[i] += e.terms().SetupHours
		}
	}
	e.event(agents.PlanAgreed, -1, -1, float64(e.members()), "every member consented")
}

// openReview opens the plan for re-design: consent is asked anew.
func (e *Engine) openReview(cause string) {
	pl := &e.plan
	if !pl.agreed || pl.pending {
		return
	}
	pl.pending, pl.justReviewed = true, true
	for i := range e.actors {
		e.actors[i].Consented, e.actors[i].ApprovalDue = false, -1
	}
	e.event(agents.ReviewOpened, -1, -1, 0, cause)
}
