package game

import (
	"math"

	"github.com/cisim/cisim/sim"
)

// Numbers are a partnership's figures at the end of a week.
type Numbers struct {
	Week        int     `json:"week"`             // weeks run
	Outcomes    float64 `json:"outcomes"`         // share of the young people so far in a job or studies
	Participant float64 `json:"participant_rate"` // the same share among those ever enrolled
	InNeed      int     `json:"in_need"`          // young people so far not in a job or studies
	MeanTrust   float64 `json:"mean_trust"`       // mean trust among the partners
	Members     int     `json:"members"`          // partners taking part
	Cost        float64 `json:"cost"`             // SEK spent so far
	Alignment   float64 `json:"alignment"`        // how well the effort fits the needs
}

// numbersOf reads e's figures after its last week (zero before week 1).
func numbersOf(e *sim.Engine) Numbers {
	t := e.Tick() - 1
	if t < 0 {
		return Numbers{}
	}
	pop := e.Summary().Population
	out := e.Value(t, sim.OutcomeRate)
	return Numbers{
		Week: t + 1, Outcomes: out, Participant: e.Value(t, sim.ParticipantOutcomeRate),
		InNeed:    pop - int(math.Round(out*float64(pop))),
		MeanTrust: e.Value(t, sim.MeanTrust), Members: int(e.Value(t, sim.PartnersRemaining)),
		Cost: e.Value(t, sim.TotalCost), Alignment: e.Value(t, sim.AgendaAlignment),
	}
}

// Series are a partnership's figures week by week, for the charts.
type Series struct {
	Weeks     []int     `json:"weeks"`
	Outcomes  []float64 `json:"outcomes"`
	MeanTrust []float64 `json:"mean_trust"`
	Members   []float64 `json:"members"`
	Cost      []float64 `json:"cost"`
	Alignment []float64 `json:"alignment"`
}

// seriesOf reads e's weekly figures so far.
func seriesOf(e *sim.Engine) Series {
	s := Series{Weeks: make([]int, e.Tick())}
	for t := range s.Weeks {
		s.Weeks[t] = t + 1
	}
	s.Outcomes = e.Series(sim.OutcomeRate, nil)
	s.MeanTrust = e.Series(sim.MeanTrust, nil)
	s.Members = e.Series(sim.PartnersRemaining, nil)
	s.Cost = e.Series(sim.TotalCost, nil)
	s.Alignment = e.Series(sim.AgendaAlignment, nil)
	return s
}

// RuleDecision is what the model's own rules decide for a role, in the
// decision's terms, with the numbers behind it.
type RuleDecision struct {
	Agenda        float64  `json:"agenda"`         // its commitment c
	Pool          *float64 `json:"pool,omitempty"` // a funder's pledge rule now (with a pooled fund)
	Attend        bool     `json:"attend"`         // attends more often than not
	AttendChance  float64  `json:"attend_chance"`  // the chance it attends a meeting
	Bring         string   `json:"bring"`          // a delegate argues for its own priorities
	Share         bool     `json:"share"`          // every partner shares its data
	Stay          bool     `json:"stay"`           // stays at a review now
	StayValue     float64  `json:"stay_value"`     // V, the value of staying it weighs
	OutsideOption float64  `json:"outside_option"` // O: at a review it may leave when V < O
	ExitChance    float64  `json:"exit_chance"`    // the chance it leaves at a review now
}

// rules is what the rules decide for every organisation now.
func (g *Game) rules() map[string]RuleDecision {
	m := make(map[string]RuleDecision, len(g.roles))
	for _, r := range g.roles {
		if r.Actor < 0 {
			continue
		}
		m[r.ID] = ruleOf(g.played, r.Actor)
	}
	return m
}

func ruleOf(e *sim.Engine, i int) RuleDecision {
	rc := e.RuleOf(i)
	d := RuleDecision{
		Agenda: rc.Commitment, Attend: rc.AttendChance >= 0.5, AttendChance: rc.AttendChance, Bring: sim.BringOwn.String(),
		Share: true, Stay: rc.ExitChance == 0, StayValue: rc.StayValue, OutsideOption: rc.OutsideOption, ExitChance: rc.ExitChance,
	}
	if e.Actors()[i].IsFunder() && e.Scenario().Funding.Pooled {
		p := rc.Pledge
		d.Pool = &p
	}
	return d
}
