package sim

import (
	"math/rand/v2"
	"slices"

	"github.com/cisim/cisim/agents"
)

// resetShocks draws the world's shocks for the whole horizon, each kind a
// Poisson process with its yearly hazard (docs/MODEL.md §7.13): the
// champion leaves; per funder, a budget cut of U(cut_low, cut_high) and a
// withdrawal; a policy change toward priorities drawn from a flat
// Dirichlet; per actor, its key person leaving. They are drawn from a
// world stream, so every design meets the same shocks at the same weeks.
func (e *Engine) resetShocks() {
	e.plan.shocks, e.plan.shockPos = e.plan.shocks[:0], 0
	if !e.ch.Shocks {
		return
	}
	r, rng := &e.p.Events, e.rs.get(streamShocks)
	e.poisson(rng, agents.ChampionLeft, -1, r.ChampionLeaves)
	e.poisson(rng, agents.PolicyShift, -1, r.PolicyChange)
	for i, a := range e.sc.Actors {
		if a.Sector == agents.Funder {
			e.poisson(rng, agents.FunderCut, i, r.FunderCut)
			e.poisson(rng, agents.FunderWithdrew, i, r.FunderWithdraws)
		}
		e.poisson(rng, agents.StaffTurnover, i, r.StaffTurnover)
	}
	for k := range e.plan.shocks {
		s := &e.plan.shocks[k]
		switch s.Kind {
		case agents.FunderCut:
			s.Size = r.CutLow + (r.CutHigh-r.CutLow)*rng.Float64()
		case agents.PolicyShift:
			for d := range s.Profile {
				s.Profile[d] = rng.ExpFloat64()
			}
			s.Profile = s.Profile.Normalized()
			s.Size = r.PolicyShift
		case agents.StaffTurnover:
			s.Size = r.TurnoverLoss
		}
	}
	slices.SortStableFunc(e.plan.shocks, func(a, b agents.Shock) int { return a.Tick - b.Tick })
}

// poisson appends the weeks of a Poisson process with a yearly hazard.
func (e *Engine) poisson(rng *rand.Rand, kind agents.EventKind, actor int, yearly float64) {
	if yearly <= 0 {
		return
	}
	for t := rng.ExpFloat64() / yearly * WeeksPerYear; t < float64(e.ticks); t += rng.ExpFloat64() / yearly * WeeksPerYear {
		e.plan.shocks = append(e.plan.shocks, agents.Shock{Tick: int(t), Kind: kind, Actor: actor})
	}
}

// shocksNow applies the shocks that strike this week.
func (e *Engine) shocksNow(t int) {
	pl := &e.plan
	for pl.shockPos < len(pl.shocks) && pl.shocks[pl.shockPos].Tick <= t {
		s := &pl.shocks[pl.shockPos]
		pl.shockPos++
		switch s.Kind {
		case agents.ChampionLeft:
			if pl.champion >= 0 {
				e.event(agents.ChampionLeft, pl.champion, -1, 0, "the champion's leader moved on")
				pl.champion = -1
			}
		case agents.FunderCut:
			if f := &e.actors[s.Actor]; f.Member && f.Budget > 0 {
				f.Budget *= 1 - s.Size // its money from its next round, its say at the table now
				e.event(agents.FunderCut, s.Actor, -1, s.Size, "the funder's own budget was cut (from its next round)")
			}
		case agents.FunderWithdrew:
			if e.actors[s.Actor].Member {
				e.event(agents.FunderWithdrew, s.Actor, -1, 0, "the funder changed strategy")
				e.leave(s.Actor)
			}
		case agents.PolicyShift:
			e.policyShift(s)
		case agents.StaffTurnover:
			e.turnover(s.Actor, s.Size)
		}
	}
}

// policyShift moves public actors' KPIs (and so their priorities) toward
// the new policy's priorities: k' = k + s·(profile − k).
func (e *Engine) policyShift(s *agents.Shock) {
	hit := false
	for i := range e.actors {
		a := &e.actors[i]
		if a.Sector != agents.Public {
			continue
		}
		for d := range a.KPI {
			a.KPI[d] += s.Size * (s.Profile[d] - a.KPI[d])
			a.Priority[d] += s.Size * (s.Profile[d] - a.Priority[d])
		}
		hit = hit || a.Member
	}
	if hit {
		e.event(agents.PolicyShift, -1, -1, s.Size, "a policy change moved public actors' priorities")
	}
}

// turnover is actor i's key person leaving: the trust built with that
// person goes partly back to where it started, both ways, and the
// newcomer's commitment is back at the start.
func (e *Engine) turnover(i int, loss float64) {
	a := &e.actors[i]
	if !a.Member {
		return
	}
	n := len(e.actors)
	for j := 0; j < n; j++ {
		if j == i {
			continue
		}
		e.trust.Set(i, j, agents.Revert(e.trust.At(i, j), e.trust0[i*n+j], loss))
		e.trust.Set(j, i, agents.Revert(e.trust.At(j, i), e.trust0[j*n+i], loss))
	}
	a.Commitment = agents.Revert(a.Commitment, e.p.Commitment.InitMean, loss)
	a.Consented, a.ApprovalDue = false, -1
	e.event(agents.StaffTurnover, i, -1, loss, "its key person left")
}
