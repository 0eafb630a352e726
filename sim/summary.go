package sim

import (
	"math"

	"github.com/cisim/cisim/agents"
)

// Summary is the final state of one run.
type Summary struct {
	OutcomeRate            float64 // share of everyone in the population during the run with a job or studies at the horizon, any route
	ParticipantOutcomeRate float64 // the same share among those ever enrolled (Ungas Vägar's 70% aim is of this kind)
	Population             int     // everyone in the population during the run: the first cohort and entrants so far
	Participants           int     // ever enrolled
	ProgramOutcomes        int     // outcomes reached through the programme
	AdditionalOutcomes     int     // outcomes beyond those the same population would have reached with no programme
	MeanTrust              float64 // mean pairwise trust among members at the horizon
	AgendaAlignment        float64 // agenda–need alignment, mean over the last year
	Partners               int     // members at the horizon
	PartnersLost           int     // members at the start who are no longer members
	Joined                 int     // outsiders who joined
	TotalCost              float64 // SEK spent (partners' staff and the backbone)
	CostPerOutcome         float64 // SEK per additional outcome; NaN with none
	SROI                   float64 // societal value of averted exclusion from additional outcomes per SEK spent
	Reached                float64 // share of the population ever enrolled
	Dropout                float64 // share who dropped out at least once
	LostInHandoff          float64 // share of the population lost in a failed hand-off (counted each time)
	WeeksToOutcome         float64 // mean weeks from enrolment to a programme outcome; NaN with none
	ValueDispersion        float64
	Innovations            int // adoptions of new practices
	Conflicts              int // conflicts that broke out
	Phase                  agents.Phase
	PhaseTicks             [agents.NumPhases]int // tick each phase was first reached; −1 never
	Agreed                 bool                  // a plan was agreed (with a common agenda)
	Stalled                bool                  // with a common agenda, no plan was ever agreed
	BrokeUp                bool                  // fewer than half the initial partners, or fewer than two, remained at a review
	MaturityAtEnd          float64
	BackboneCoverage       float64 // mean over the run
	Ledger                 agents.Ledger
}

// Summary computes the run's summary from the state and the recorded series.
func (e *Engine) Summary() Summary {
	t := e.plan.tick - 1
	if t < 0 {
		return Summary{}
	}
	c, ec := &e.bens.count, &e.sc.Economics
	s := Summary{
		OutcomeRate: e.Value(t, OutcomeRate), ParticipantOutcomeRate: e.Value(t, ParticipantOutcomeRate),
		Population: c.present, Participants: c.participants, ProgramOutcomes: c.byProgram,
		AdditionalOutcomes: max(0, c.outcomes-c.counterfactual),
		MeanTrust:          e.Value(t, MeanTrust), Partners: int(e.Value(t, PartnersRemaining)),
		TotalCost: e.book.Spent(), Reached: e.Value(t, ReachedShare), Dropout: e.Value(t, DropoutShare),
		LostInHandoff:   float64(c.lostHandoff) / float64(max(1, c.present)),
		ValueDispersion: e.Value(t, ValueDispersion), Innovations: e.plan.adoption, Phase: e.plan.phase,
		PhaseTicks: e.plan.phaseTick, Agreed: e.plan.everAgreed, BrokeUp: e.plan.brokeUp,
		Stalled:       e.sc.Governance.CommonAgenda && !e.plan.everAgreed,
		MaturityAtEnd: e.plan.maturity, Ledger: e.book,
	}
	for i := range e.actors {
		switch {
		case e.sc.Actors[i].Member && !e.actors[i].Member:
			s.PartnersLost++
		case !e.sc.Actors[i].Member && e.actors[i].Member:
			s.Joined++
		}
	}
	for _, ev := range e.log {
		if ev.Kind == agents.Conflict {
			s.Conflicts++
		}
	}
	from := max(0, t+1-WeeksPerYear)
	for k := from; k <= t; k++ {
		s.AgendaAlignment += e.Value(k, AgendaAlignment)
	}
	s.AgendaAlignment /= float64(t + 1 - from)
	for k := 0; k <= t; k++ {
		s.BackboneCoverage += e.Value(k, BackboneCoverage)
	}
	s.BackboneCoverage /= float64(t + 1)
	s.CostPerOutcome, s.WeeksToOutcome = math.NaN(), math.NaN()
	if s.AdditionalOutcomes > 0 {
		s.CostPerOutcome = s.TotalCost / float64(s.AdditionalOutcomes)
	}
	if c.byProgram > 0 {
		s.WeeksToOutcome = e.bens.weeksToOut / float64(c.byProgram)
	}
	if s.TotalCost > 0 {
		s.SROI = float64(s.AdditionalOutcomes) * ec.ValuePerOutcome * ec.AvertedShare / s.TotalCost
	}
	return s
}
