package sim

import (
	"math"

	"github.com/cisim/cisim/agents"
)

// Metric is one per-tick measure recorded by the observer.
type Metric int

// The per-tick metrics.
const (
	OutcomeRate         Metric = iota // share of beneficiaries who reached a job or studies
	MeanTrust                         // mean pairwise trust among members
	AgendaAlignment                   // 1 − ½‖effort profile − true need profile‖₁
	PartnersRemaining                 // members in the partnership
	TotalCost                         // SEK spent so far
	EnrolledShare                     // share of beneficiaries enrolled now
	ReachedShare                      // share ever enrolled
	DropoutShare                      // share who dropped out (so far, at least once)
	ValueDispersion                   // mean pairwise value distance among members
	MeasurementMaturity               // M
	BackboneCoverage                  // share of coordination need the backbone covers
	CoordinationQuality               // Q
	PooledShare                       // share of funders' budgets in the pooled fund
	PhaseReached                      // phase as a number (0 initiation … 3 exponential)
	NumMetrics          int    = iota
)

var metricNames = [NumMetrics]string{
	"outcome_rate", "mean_trust", "agenda_alignment", "partners_remaining", "total_cost",
	"enrolled", "reached", "dropout", "value_dispersion", "measurement_maturity",
	"backbone_coverage", "coordination_quality", "pooled_share", "phase",
}

// String returns the metric's name in outputs.
func (m Metric) String() string { return metricNames[m] }

// MetricNames lists the per-tick metric names in order.
func MetricNames() []string { return metricNames[:] }

// observe records this tick's metrics into the preallocated series.
func (e *Engine) observe(t int) {
	row := e.metrics[t*NumMetrics : (t+1)*NumMetrics]
	n := float64(e.pop.N)
	row[OutcomeRate] = e.outcomeRate()
	row[MeanTrust] = e.meanTrust()
	row[AgendaAlignment] = agents.Alignment(e.effortProfile(), e.needProfile(t))
	members, budget := 0, 0.0
	for i := range e.actors {
		if e.actors[i].Member {
			members++
			if e.actors[i].IsFunder() {
				budget += e.actors[i].Budget
			}
		}
	}
	row[PartnersRemaining] = float64(members)
	row[TotalCost] = e.cost
	row[EnrolledShare] = float64(len(e.active)) / n
	row[ReachedShare] = float64(e.reached) / n
	row[DropoutShare] = float64(e.dropped) / n
	row[ValueDispersion] = agents.Dispersion(e.actors)
	row[MeasurementMaturity] = e.maturity
	row[BackboneCoverage] = 0
	if e.coord.Supplied > 0 {
		row[BackboneCoverage] = e.coord.Coverage
	}
	row[CoordinationQuality] = e.coord.Quality
	row[PooledShare] = 0
	if budget > 0 {
		row[PooledShare] = e.pool / budget
	}
	row[PhaseReached] = float64(e.phase)
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

// needProfile is the true profile of remaining need over everyone still in
// need (enrolled, not reached, dropped out), by domain. For those not
// enrolled it is computed from sums (m_d·Σ need − Σ progress), which
// ignores that a dropped-out beneficiary's progress may exceed a need that
// drifted down.
func (e *Engine) needProfile(t int) agents.Vec {
	var r agents.Vec
	m := e.drift[t]
	for d := range r {
		r[d] = max(0, m[d]*e.outNeed[d]-e.outProg[d]) + e.activeRes[d]
	}
	return r.Normalized()
}

// Series appends the recorded values of one metric, one per tick run so
// far, to dst[:0] and returns it.
func (e *Engine) Series(m Metric, dst []float64) []float64 {
	dst = dst[:0]
	for t := 0; t < e.tick; t++ {
		dst = append(dst, e.metrics[t*NumMetrics+int(m)])
	}
	return dst
}

// Value returns metric m at tick t.
func (e *Engine) Value(t int, m Metric) float64 { return e.metrics[t*NumMetrics+int(m)] }

// Summary is the final state of one run: the metrics of PRODUCT.md and the
// phases reached.
type Summary struct {
	OutcomeRate      float64 // share of beneficiaries with a job or studies at the horizon
	ProgramOutcomes  int     // outcomes reached through the programme
	MeanTrust        float64 // mean pairwise trust among members at the horizon
	AgendaAlignment  float64 // agenda–need alignment, mean over the last year
	Partners         int     // members at the horizon
	PartnersLost     int     // members at the start who are no longer members
	TotalCost        float64 // SEK
	CostPerOutcome   float64 // SEK per programme outcome; NaN with none
	SROI             float64 // societal value of averted exclusion per SEK spent
	Reached          float64 // share ever enrolled
	Dropout          float64 // share who dropped out at least once
	WeeksToOutcome   float64 // mean weeks from enrolment to a programme outcome; NaN with none
	ValueDispersion  float64
	Innovations      int
	Phase            agents.Phase
	PhaseTicks       [agents.NumPhases]int // tick each phase was first reached; −1 never
	Stalled          bool                  // never left initiation
	MaturityAtEnd    float64
	BackboneCoverage float64 // mean over the run
}

// Summary computes the run's summary from the state and the recorded series.
func (e *Engine) Summary() Summary {
	t := e.tick - 1
	if t < 0 {
		return Summary{}
	}
	ec := &e.sc.Economics
	s := Summary{
		OutcomeRate:     e.Value(t, OutcomeRate),
		ProgramOutcomes: e.byProgram,
		MeanTrust:       e.Value(t, MeanTrust),
		Partners:        int(e.Value(t, PartnersRemaining)),
		TotalCost:       e.cost,
		Reached:         e.Value(t, ReachedShare),
		Dropout:         e.Value(t, DropoutShare),
		ValueDispersion: e.Value(t, ValueDispersion),
		Innovations:     e.innovations,
		Phase:           e.phase,
		PhaseTicks:      e.phaseTick,
		Stalled:         e.phase == agents.Initiation,
		MaturityAtEnd:   e.maturity,
	}
	for i := range e.actors {
		if e.sc.Actors[i].Member && !e.actors[i].Member {
			s.PartnersLost++
		}
	}
	from := max(0, t+1-e.p.TicksPerYear)
	for k := from; k <= t; k++ {
		s.AgendaAlignment += e.Value(k, AgendaAlignment)
	}
	s.AgendaAlignment /= float64(t + 1 - from)
	for k := 0; k <= t; k++ {
		s.BackboneCoverage += e.Value(k, BackboneCoverage)
	}
	s.BackboneCoverage /= float64(t + 1)
	s.CostPerOutcome, s.WeeksToOutcome = math.NaN(), math.NaN()
	if e.byProgram > 0 {
		s.CostPerOutcome = e.cost / float64(e.byProgram)
		s.WeeksToOutcome = e.weeksToOut / float64(e.byProgram)
	}
	if e.cost > 0 {
		s.SROI = float64(e.byProgram) * ec.ValuePerOutcome * ec.AvertedShare / e.cost
	}
	return s
}

// Metrics returns every recorded value of the run so far, tick-major:
// value of metric m at tick t at [t*NumMetrics+m]. The slice is the
// engine's own; it changes with the next Step or Reset.
func (e *Engine) Metrics() []float64 { return e.metrics[:e.tick*NumMetrics] }

// MetricRanges returns, for each per-tick metric, the interval its values
// lie in for this scenario: shares in [0,1], partners up to the number of
// actors, phases 0–3, and cost up to every actor's staff and the backbone
// paid in full for the whole horizon.
func MetricRanges(sc *Scenario) [NumMetrics][2]float64 {
	var r [NumMetrics][2]float64
	for m := range r {
		r[m] = [2]float64{0, 1}
	}
	r[PartnersRemaining] = [2]float64{0, float64(max(1, len(sc.Actors)))}
	r[PhaseReached] = [2]float64{0, float64(agents.NumPhases - 1)}
	staff := sc.Governance.BackboneStaff
	for _, a := range sc.Actors {
		staff += a.Staff
	}
	perTick := staff * 40 * 52 / float64(sc.Params.TicksPerYear) * sc.Economics.HourlyCost
	r[TotalCost] = [2]float64{0, max(1, perTick*float64(sc.Ticks()))}
	return r
}
