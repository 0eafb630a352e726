package sim

import (
	"github.com/cisim/cisim/agents"
)

// Metric is one per-tick measure recorded by the observer.
type Metric int

// The per-tick metrics.
const (
	OutcomeRate            Metric = iota // share of the population so far who reached a job or studies
	ParticipantOutcomeRate               // share of those ever enrolled who reached it
	MeanTrust                            // mean pairwise trust among members
	AgendaAlignment                      // 1 − ½‖effort profile − true need profile‖₁
	PartnersRemaining                    // members in the partnership
	TotalCost                            // SEK spent so far
	EnrolledShare                        // share of the population enrolled now
	ReachedShare                         // share ever enrolled
	DropoutShare                         // share who dropped out (so far, at least once)
	ValueDispersion                      // mean pairwise value distance among members
	MeasurementMaturity                  // M
	BackboneCoverage                     // share of coordination need the backbone covers
	CoordinationQuality                  // Q
	PooledShare                          // pooled money paid out, as a share of the funders' budgets
	PhaseReached                         // phase as a number (0 initiation … 3 exponential)
	OpenConflicts                        // conflicts between members not yet resolved
	NumMetrics             int    = iota
)

var metricNames = [NumMetrics]string{
	"outcome_rate", "participant_outcome_rate", "mean_trust", "agenda_alignment", "partners_remaining",
	"total_cost", "enrolled", "reached", "dropout", "value_dispersion", "measurement_maturity",
	"backbone_coverage", "coordination_quality", "pooled_share", "phase", "open_conflicts",
}

// String returns the metric's name in outputs.
func (m Metric) String() string { return metricNames[m] }

// Whole says whether the metric only takes whole numbers (partners, a
// phase's code, conflicts), so that its quantiles over runs are whole too.
func (m Metric) Whole() bool {
	return m == PartnersRemaining || m == PhaseReached || m == OpenConflicts
}

// MetricNames lists the per-tick metric names in order (a new slice each call).
func MetricNames() []string { return append([]string(nil), metricNames[:]...) }

// observePhase reads the phase off what the partners did this week
// (PhaseRule.Next), and at the horizon logs a plan never agreed.
func (e *Engine) observePhase(t int) {
	pl := &e.plan
	s := agents.Signals{Agreed: pl.justAgreed, Review: pl.justReviewed, Innovations: pl.adopted}
	if s.Agreed && pl.phase == agents.Redesign {
		y := e.yearlyOutcomes(t)
		s.Growing = e.p.Phases.Sustained(y[0], y[1], y[2])
	}
	pl.justAgreed, pl.justReviewed = false, false
	if next := e.p.Phases.Next(pl.phase, s); next != pl.phase {
		pl.phase = next
		if pl.phaseTick[next] < 0 {
			pl.phaseTick[next] = t
		}
		e.event(agents.PhaseChanged, -1, -1, float64(next), next.String())
	}
	if t == e.ticks-1 && e.sc.Governance.CommonAgenda && !pl.everAgreed {
		e.event(agents.Stalled, -1, -1, 0, e.stallCause())
	}
}

// stallCause names what most plausibly held the plan back.
func (e *Engine) stallCause() string {
	switch {
	case e.meanTrust() < e.p.Decisions.AgreeTrust:
		return "trust never reached what agreeing a plan needs"
	case e.plan.champion < 0:
		return "no champion"
	case e.fundedInfrastructure() < 0.5:
		return "no funded infrastructure"
	}
	return "consent was never complete"
}

// yearlyOutcomes are the programme outcomes of the three years to week t,
// oldest first.
func (e *Engine) yearlyOutcomes(t int) [3]float64 {
	var y [3]float64
	for k := 0; k < 3; k++ {
		for w := t - (3-k)*WeeksPerYear + 1; w <= t-(2-k)*WeeksPerYear; w++ {
			if w >= 0 {
				y[k] += float64(e.bens.perTick[w])
			}
		}
	}
	return y
}

// observe records this tick's metrics into the preallocated series.
func (e *Engine) observe(t int) {
	row := e.metrics[t*NumMetrics : (t+1)*NumMetrics]
	c, pl := &e.bens.count, &e.plan
	present := float64(max(1, c.present))
	row[OutcomeRate] = float64(c.outcomes) / present
	row[ParticipantOutcomeRate] = float64(c.partOutcomes) / float64(max(1, c.participants))
	row[MeanTrust] = e.meanTrust()
	row[AgendaAlignment] = agents.Alignment(e.effortProfile(), e.needProfile(t))
	row[PartnersRemaining] = float64(e.members())
	row[TotalCost] = e.book.Spent()
	row[EnrolledShare] = float64(len(e.bens.active)) / present
	row[ReachedShare] = float64(c.participants) / present
	row[DropoutShare] = float64(c.dropped) / present
	row[ValueDispersion] = agents.DispersionOf(e.actors, pl.similar)
	row[MeasurementMaturity] = pl.maturity
	if pl.coord.Supplied > 0 {
		row[BackboneCoverage] = pl.coord.Coverage
	}
	row[CoordinationQuality] = pl.coord.Quality
	if e.fund.round > 0 && (pl.agreed || !e.sc.Governance.CommonAgenda) {
		row[PooledShare] = e.fund.poolYear / e.fund.round
	}
	row[PhaseReached] = float64(pl.phase)
	row[OpenConflicts] = float64(e.openConflicts())
}

// effortProfile is where the members' hours went this tick, by domain.
func (e *Engine) effortProfile() agents.Vec {
	var x agents.Vec
	for i := range e.actors {
		for d := range x {
			x[d] += e.actors[i].Effort[d]
		}
	}
	return x.Normalized()
}

// needProfile is the true profile of remaining need over everyone in the
// population still in need (enrolled, not reached, dropped out), by
// domain. For those not enrolled it is computed from sums
// (m_d·Σ need − Σ progress), which ignores that a dropped-out
// beneficiary's progress may exceed a need that drifted down.
func (e *Engine) needProfile(t int) agents.Vec {
	var r agents.Vec
	m, b := e.bens.drift[t], &e.bens
	for d := range r {
		r[d] = max(0, m[d]*b.outNeed[d]-b.outProg[d]) + b.activeRes[d]
	}
	return r.Normalized()
}

// Series appends the recorded values of one metric, one per tick run so
// far, to dst[:0] and returns it.
func (e *Engine) Series(m Metric, dst []float64) []float64 {
	dst = dst[:0]
	for t := 0; t < e.plan.tick; t++ {
		dst = append(dst, e.metrics[t*NumMetrics+int(m)])
	}
	return dst
}

// Value returns metric m at tick t.
func (e *Engine) Value(t int, m Metric) float64 { return e.metrics[t*NumMetrics+int(m)] }

// Metrics returns every recorded value of the run so far, tick-major:
// value of metric m at tick t at [t*NumMetrics+m]. The slice is the
// engine's own; it changes with the next Step or Reset.
func (e *Engine) Metrics() []float64 { return e.metrics[:e.plan.tick*NumMetrics] }

// MetricRanges returns, for each per-tick metric, the interval its values
// lie in for this scenario: shares in [0,1], partners up to the number of
// actors, phases 0–3, conflicts up to the number of pairs, and cost up to
// every actor's staff and the backbone paid in full for the whole horizon.
func MetricRanges(sc *Scenario) [NumMetrics][2]float64 {
	var r [NumMetrics][2]float64
	for m := range r {
		r[m] = [2]float64{0, 1}
	}
	n := float64(max(1, len(sc.Actors)))
	r[PartnersRemaining] = [2]float64{0, n}
	r[PhaseReached] = [2]float64{0, float64(agents.NumPhases - 1)}
	r[OpenConflicts] = [2]float64{0, max(1, n*(n-1)/2)}
	staff := sc.Governance.BackboneStaff
	for _, a := range sc.Actors {
		staff += a.Staff
	}
	hourly := sc.Economics.HourlyCost
	for _, u := range sc.Uncertain {
		if u.Key == "economics.hourly_cost" {
			hourly = u.Dist.High
		}
	}

	r[TotalCost] = [2]float64{0, max(1, staff*HoursPerFTEWeek*hourly*float64(sc.Ticks()))}
	return r
}
