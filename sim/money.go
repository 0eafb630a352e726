package sim

import "github.com/cisim/cisim/agents"

// payWeek pays out the week's money, moves each member's staff toward what
// its money buys (cuts bite at once, new money becomes staff over T_ramp)
// and books where every SEK went (docs/MODEL.md §7.5, the ledger). Pooled
// money allocated on a common agenda is paid once a plan is agreed; until
// then what was pledged goes back to the funders. Without a common agenda
// the funders allocate the pool themselves and pay at once. The pool's
// first payout of a run is logged (notePoolStart).
func (e *Engine) payWeek() {
	f, bk := &e.fund, &e.book
	pays := e.plan.agreed || !e.sc.Governance.CommonAgenda
	poolPaid := 0.0
	bk.Budgeted += f.round / WeeksPerYear
	bk.Backbone += f.bbPaid / WeeksPerYear
	bk.Returned[agents.ReturnNoTaker] += f.left / WeeksPerYear
	f.cost += f.bbPaid / WeeksPerYear
	for i := range e.actors {
		a := &e.actors[i]
		pooled := f.pooled[i].Sum()
		if !a.Member {
			bk.Returned[agents.ReturnLeft] += (f.grants[i] + pooled) / WeeksPerYear
			a.Capacity = 0
			continue
		}
		if !pays {
			bk.Returned[agents.ReturnNoPlan] += pooled / WeeksPerYear
			pooled = 0
		}
		poolPaid += pooled
		own := a.Budget
		if a.IsFunder() {
			own = 0 // a funder's budget is grant money, booked with the round
		}
		money := own + f.grants[i] + pooled
		f.target[i] = e.affordable(i, money)
		e.ramp(a, f.target[i])
		spend := a.Capacity * e.hourly()
		if a.IsFunder() {
			bk.Budgeted += spend // its own staff, in kind
		} else {
			bk.Budgeted += own / WeeksPerYear
			bk.Returned[agents.ReturnUnspent] += money/WeeksPerYear - spend
		}
		bk.Staff += spend
		f.spend[i] += spend
		f.cost += spend
	}
	e.notePoolStart(poolPaid)
}

// ramp moves capacity toward the target: up by (target − capacity)/T_ramp
// a week, down to it at once.
func (e *Engine) ramp(a *agents.Actor, target float64) {
	if target > a.Capacity {
		a.Capacity += (target - a.Capacity) / e.p.Funding.RampWeeks
		return
	}
	a.Capacity = target
}

// pooledPaid is the pooled money actor i receives a year this week.
func (e *Engine) pooledPaid(i int) float64 {
	if e.plan.agreed || !e.sc.Governance.CommonAgenda {
		return e.fund.pooled[i].Sum()
	}
	return 0
}
