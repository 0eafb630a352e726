package game

import (
	"fmt"
	"strings"

	"github.com/cisim/cisim/agents"
	"github.com/cisim/cisim/sim"
	"github.com/cisim/cisim/web/classroom"
)

// RoleView is what one role's student sees: its own organisation, and what
// the whole partnership sees. Nothing in it is another role's own.
type RoleView struct {
	Round       int         `json:"round"`
	Rounds      int         `json:"rounds"`
	Status      string      `json:"status"`
	Week        int         `json:"week"`
	Weeks       int         `json:"weeks"` // the week the game ends at
	Role        RoleCard    `json:"role"`
	Partnership Partnership `json:"partnership"`
}

// RoleCard is a role's own organisation.
type RoleCard struct {
	ID         string        `json:"id"`
	Name       string        `json:"name"`
	Kind       string        `json:"kind"`
	Member     bool          `json:"member"`
	Budget     float64       `json:"budget"`      // SEK a year
	StaffHours float64       `json:"staff_hours"` // hours a week its staff have
	FreeHours  float64       `json:"free_hours"`  // hours a week left for services after meetings and coordination
	KPIs       []KPI         `json:"kpis"`
	JudgedBy   string        `json:"judged_by"`
	Trust      []TrustIn     `json:"trust"`
	Mandate    float64       `json:"mandate"`    // what its delegate may commit at the table
	Commitment float64       `json:"commitment"` // its commitment c now
	Can        Can           `json:"can"`
	Decision   Decision      `json:"decision"` // in force, with what it sent this round laid over
	Rule       *RuleDecision `json:"rule,omitempty"`
	Notes      []string      `json:"notes"`
}

// KPI is one domain of what an organisation is judged on: its weight, and
// the share of its output since the last funding round in that domain.
type KPI struct {
	Domain string  `json:"domain"`
	Weight float64 `json:"weight"`
	Value  float64 `json:"value"`
}

// TrustIn is an organisation's trust in another partner.
type TrustIn struct {
	ID    string  `json:"id"`
	Name  string  `json:"name"`
	Trust float64 `json:"trust"`
}

// Partnership is what every partner sees of the whole.
type Partnership struct {
	Phase       string    `json:"phase"`
	Agreed      bool      `json:"agreed"` // a plan is in force
	Agenda      []float64 `json:"agenda"`
	Domains     []string  `json:"domains"`
	Members     int       `json:"members"`
	MeetingDue  bool      `json:"meeting_due"` // a meeting falls in the next round
	YoungInNeed int       `json:"young_in_need"`
	Outcomes    float64   `json:"outcomes"`
	Events      []Event   `json:"events"`
}

// Event is one thing that happened, in words.
type Event struct {
	Week int    `json:"week"`
	Text string `json:"text"`
}

// RoleView is what role id's student may see now (the zero view for a
// role that does not exist).
func (g *Game) RoleView(id string) RoleView {
	r, ok := g.role(id)
	if !ok {
		return RoleView{}
	}
	v := RoleView{Round: g.round, Rounds: len(g.ends), Status: g.status, Week: g.played.Tick(), Weeks: g.ends[len(g.ends)-1],
		Partnership: g.partnership(10)}
	v.Role = g.card(r)
	return v
}

// card is role r's own organisation.
func (g *Game) card(r Role) RoleCard {
	c := RoleCard{ID: r.ID, Name: r.Name, Kind: r.Kind, Can: g.can(r), Decision: g.decision(r.ID), Notes: g.notes(r)}
	if n := len(g.rounds); n > 0 && g.rounds[n-1].rule != nil {
		if rd, ok := g.rounds[n-1].rule[r.ID]; ok {
			c.Rule = &rd
		}
	}
	if r.Actor < 0 {
		return c
	}
	a := &g.played.Actors()[r.Actor]
	c.Member, c.Budget, c.StaffHours, c.FreeHours = a.Member, a.Budget, a.Staff*sim.HoursPerFTEWeek, a.Hours
	c.Mandate, c.Commitment = g.played.RuleOf(r.Actor).Mandate, a.Commitment
	reported := a.Reported.Sum()
	var judged []string
	for d, name := range agents.DomainNames() {
		k := KPI{Domain: name, Weight: a.KPI[d]}
		if reported > 0 {
			k.Value = a.Reported[d] / reported
		}
		c.KPIs = append(c.KPIs, k)
		if a.KPI[d] >= 0.2 {
			judged = append(judged, fmt.Sprintf("%s %.0f%%", strings.ReplaceAll(name, "_", " "), 100*a.KPI[d]))
		}
	}
	c.JudgedBy = "its own KPIs: " + strings.Join(judged, ", ")
	tm := g.played.TrustMatrix()
	for _, o := range g.roles {
		if o.Actor >= 0 && o.Actor != r.Actor && g.played.Actors()[o.Actor].Member {
			c.Trust = append(c.Trust, TrustIn{ID: o.ID, Name: o.Name, Trust: tm.At(r.Actor, o.Actor)})
		}
	}
	return c
}

// decision is role id's decision in force with what it sent in the open
// round laid over.
func (g *Game) decision(id string) Decision {
	d := g.inForce[id]
	if g.status == Open {
		d = d.merge(g.rounds[len(g.rounds)-1].sent[id])
	}
	return d
}

// notes say what a role's decisions do now, where it is not obvious.
func (g *Game) notes(r Role) []string {
	sc := g.played.Scenario()
	can := g.can(r)
	var n []string
	switch {
	case r.Actor < 0:
		if g.Rung() == 0 {
			n = append(n, "The partnership does not engage young people (rung 0): the needs you voice carry no weight at the table.")
		} else {
			n = append(n, fmt.Sprintf("You speak for the young people at the table, with the weight engagement rung %d gives.", g.Rung()))
		}
	case !g.played.Actors()[r.Actor].Member:
		n = append(n, "Your organisation is not in the partnership: it decides nothing here.")
	}
	if can.Agenda && g.played.Phase() == agents.Initiation {
		n = append(n, "No plan is agreed yet: your hours go to your own KPIs until one is.")
	}
	if can.Pool {
		weeks := max(1, int(sc.Funding.HorizonYears*sim.WeeksPerYear+0.5))
		next := (g.played.Tick()/weeks + 1) * weeks
		n = append(n, fmt.Sprintf("Your pledge counts at the next funding round, in week %d.", next+1))
	}
	return n
}

// partnership is the public state, with the last k events.
func (g *Game) partnership(k int) Partnership {
	e := g.played
	sc := e.Scenario()
	num := numbersOf(e)
	p := Partnership{Phase: e.Phase().String(), Agreed: e.Phase() != agents.Initiation && sc.Governance.CommonAgenda,
		Domains: agents.DomainNames(), Members: num.Members, YoungInNeed: num.InNeed, Outcomes: num.Outcomes}
	ag := e.Agenda()
	p.Agenda = ag[:]
	next := g.round // the round open, or the next one to open
	if g.status != Open {
		next++
	}
	if iv := sc.Governance.MeetingIntervalWeeks; iv > 0 && next <= len(g.ends) {
		from, to := e.Tick(), g.ends[next-1]
		p.MeetingDue = (to-1)/iv*iv >= from
	}
	p.Events = g.events(k)
	return p
}

// events are the played partnership's last k events in words.
func (g *Game) events(k int) []Event {
	log := g.played.Events()
	out := []Event{}
	for _, ev := range log[max(0, len(log)-k):] {
		text := classroom.Narrate(ev, g.played.Actors())
		if _, rest, ok := strings.Cut(text, ": "); ok {
			text = rest
		}
		out = append(out, Event{Week: ev.Tick + 1, Text: text})
	}
	return out
}
