package sim

import "github.com/cisim/cisim/agents"

// engageAndMeasure matures shared measurement, runs its data collection at
// the start of each cycle (publishing the previous cycle's profile), and at
// the start of each month hears beneficiaries about their needs at the
// engagement rung — more of them while the plan is being re-designed
// (docs/MODEL.md §7.4, §7.8).
func (e *Engine) engageAndMeasure(t int) {
	p, g, pl := e.p, &e.sc.Governance, &e.plan
	pl.maturity = p.Measurement.Mature(pl.maturity, pl.coord.Quality, g.SharedMeasurement)
	if g.SharedMeasurement && t%p.Measurement.CycleWeeks == 0 {
		e.collect(t)
	}
	if startsMonth(t) && e.ch.Voice {
		e.hear(t)
	}
}

// collect publishes last cycle's profile and collects this cycle's: a
// sample of records of the enrolled, each showing their remaining need
// through the indicators' view with an error (MeasurementRule.Record).
func (e *Engine) collect(t int) {
	pl, r, b := &e.plan, &e.p.Measurement, &e.bens
	if pl.hasData {
		pl.measured, pl.published = pl.collected, true
	}
	frame := e.sampleFrame()
	n := r.SampleSize(pl.maturity, len(frame))
	e.sampled = n
	if n == 0 {
		return
	}
	rng := e.rs.get(streamMeasurement)
	view := r.IndicatorView(e.sc.Problem.Measurability, e.p.Engagement.At(e.sc.Governance.BeneficiaryEngagement).Indicators)
	m := &b.drift[t]
	var sum agents.Vec
	for range n {
		k := int(frame[rng.IntN(len(frame))])
		for d := range sum {
			sum[d] += r.Record(e.pop.Residual(k, d, m[d]), view[d], rng.NormFloat64())
		}
	}
	if sum.Sum() > 0 {
		pl.collected, pl.hasData = sum.Normalized(), true
	}
}

// hear asks random young people in need about their needs until the
// month's sample has spoken (each speaks with its voice propensity) or 20
// times the sample were asked, and updates the believed profile
// (EngagementRule.RevealNeeds).
func (e *Engine) hear(t int) {
	pl, pop := &e.plan, e.pop
	r := &e.p.Engagement
	want := r.At(e.sc.Governance.BeneficiaryEngagement).Sample
	if pl.phase == agents.Redesign {
		want *= r.ReviewBoost
	}
	if want < 1 || e.bens.count.present == 0 {
		return
	}
	rng := e.rs.get(streamEngagement)
	var obs agents.Vec
	heard, m := 0, &e.bens.drift[t]
	for try := 0; float64(heard) < want && float64(try) < 20*want; try++ {
		k := rng.IntN(e.bens.entrant)
		if !pop.State[k].InNeed() || rng.Float64() >= pop.Voice[k] {
			continue
		}
		heard++
		for d := range obs {
			obs[d] += pop.Residual(k, d, m[d])
		}
	}
	if heard > 0 && obs.Sum() > 0 {
		pl.believed = r.RevealNeeds(pl.believed, obs.Normalized(), float64(heard))
	}
}

// learn updates what partners believe of each other's capabilities, and
// moves each delivering member's priorities toward what its feedback
// rewards (MeasurementRule.Learn): by maturity M the collective gaps the
// published indicators show where it can help, otherwise its own reported
// results (or, before any, its effort).
func (e *Engine) learn() {
	e.perceive()
	pl := &e.plan
	m := pl.maturity
	if !e.ch.DataLearning || !pl.published {
		m = 0
	}
	for j := range e.actors {
		a := &e.actors[j]
		if !a.Delivers() {
			continue
		}
		own := a.Reported
		if own.Sum() <= 0 {
			own = a.Effort
		}
		own = own.Normalized()
		gap := agents.GapReinforcement(pl.measured, a.Capability)
		var r agents.Vec
		for d := range r {
			r[d] = m*gap[d] + (1-m)*own[d]
		}
		a.Priority = e.p.Measurement.Learn(a.Priority, r)
	}
}
