package sim

import "github.com/cisim/cisim/agents"

// innovate runs innovation as a trial (docs/MODEL.md §7.11): each member
// without a trial running has its weekly chance of finding a new practice
// (InnovationHazard); a practice found is tried for a number of weeks at a
// cost in hours, then judged on evidence with an error; judged better, it
// is adopted by its finder and spreads to each other member with a chance
// equal to that member's trust in the finder (with the innovation channel
// on), whatever its true effect; judged worse, it is abandoned.
func (e *Engine) innovate() {
	r, pl := &e.p.Innovation, &e.plan
	rng := e.rs.get(streamInnovation)
	for k := 0; k < len(pl.trials); {
		tr := &pl.trials[k]
		if tr.Left--; tr.Left > 0 {
			k++
			continue
		}
		judged := tr.Effect + r.JudgementNoise(pl.maturity)*rng.NormFloat64()
		if judged > 0 && e.actors[tr.Actor].Member {
			e.spread(tr.Actor, tr.Effect, rng.Float64)
		} else {
			e.event(agents.InnovationAbandoned, tr.Actor, -1, tr.Effect, "judged no better on the evidence")
		}
		pl.trials[k] = pl.trials[len(pl.trials)-1]
		pl.trials = pl.trials[:len(pl.trials)-1]
	}
	for i := range e.actors {
		if !e.actors[i].Member || e.trying(i) {
			continue
		}
		if rng.Float64() < r.Hazard(i, e.actors, e.trust, pl.distance, e.ch.Innovation) {
			g := r.EffectMean + r.EffectSD*rng.NormFloat64()
			pl.trials = append(pl.trials, agents.Trial{Actor: i, Effect: g, Left: r.TrialWeeks})
		}
	}
}

// spread adopts a practice with true effect g at its finder and, with the
// innovation channel on, at each other member with a chance of its trust
// in the finder.
func (e *Engine) spread(finder int, g float64, draw func() float64) {
	e.adopt(finder, g)
	if !e.ch.Innovation {
		return
	}
	for j := range e.actors {
		if j != finder && e.actors[j].Member && draw() < e.trust.At(j, finder) {
			e.adopt(j, g)
		}
	}
}

func (e *Engine) adopt(i int, g float64) {
	a := &e.actors[i]
	a.Productivity = e.p.Innovation.Adopt(a.Productivity, g)
	e.plan.adoption++
	if e.plan.everAgreed {
		e.plan.adopted++
	}
	e.event(agents.InnovationAdopted, i, -1, g, "judged better on the evidence")
}

// trying reports whether actor i has a trial running.
func (e *Engine) trying(i int) bool {
	for _, t := range e.plan.trials {
		if t.Actor == i {
			return true
		}
	}
	return false
}
