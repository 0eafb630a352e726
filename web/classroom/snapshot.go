package classroom

import (
	"fmt"

	"github.com/cisim/cisim/agents"
	"github.com/cisim/cisim/sim"
)

// Snapshot is what the page draws after a step.
type Snapshot struct {
	Seed  string          `json:"seed"` // decimal: a JavaScript number cannot hold every uint64
	Week  int             `json:"week"`
	Weeks int             `json:"weeks"`
	Sides [2]SideSnapshot `json:"sides"`
	// Diff is right minus left of each charted metric at the week both
	// sides reached, from the numbers as shown (Difference).
	Diff []Shown `json:"diff"`
}

// SideSnapshot is one side's state after Week weeks.
type SideSnapshot struct {
	Scenario string               `json:"scenario"` // the design in force
	Title    string               `json:"title"`    // its name in words
	Config   Config               `json:"config"`   // the design in force
	Begin    Config               `json:"begin"`    // the design the run started with
	Sets     []string             `json:"sets"`     // the --set arguments of the design the run started with
	Now      []string             `json:"now"`      // those of the design in force
	Command  string               `json:"command"`  // the command line that runs the same replicate
	Week     int                  `json:"week"`
	Weeks    int                  `json:"weeks"`
	From     int                  `json:"from"`   // Series hold weeks From+1 … Week
	Series   map[string][]float64 `json:"series"` // the charted metrics
	Shown    []Shown              `json:"shown"`
	Phase    string               `json:"phase"`
	PhaseAt  []int                `json:"phaseAt"` // week each phase was first reached; −1 never
	Actors   []ActorState         `json:"actors"`
	Trust    []float64            `json:"trust"`  // n×n, row i is i's trust in each other actor
	States   string               `json:"states"` // one digit per beneficiary: its agents.State
	Counts   []int                `json:"counts"` // beneficiaries in each state
	// Events are the run's log from entry EventsFrom on: the page keeps
	// the entries before and appends these, so a step sends only its news.
	Events     []EventInfo `json:"events"`
	EventsFrom int         `json:"eventsFrom"`
	Logged     int         `json:"logged"` // events logged so far
	Changes    []Change    `json:"changes"`
	// AgreeTrust is the mean trust among partners below which no plan is
	// agreed (τ_A): the run phase's threshold, drawn on the trust chart.
	AgreeTrust float64 `json:"agreeTrust"`
	Backbone   float64 `json:"backbone"` // backbone staff at work now (FTE)
	Coverage   float64 `json:"coverage"` // share of the coordination need the backbone covers
}

// Shown is one number as the page prints it.
type Shown struct {
	Metric string  `json:"metric"`
	Value  float64 `json:"value"`
	Text   string  `json:"text"`
}

// ActorState is one organisation as the network and its details need it.
type ActorState struct {
	Name       string    `json:"name"`
	Sector     string    `json:"sector"`
	Budget     float64   `json:"budget"` // SEK a year
	Staff      float64   `json:"staff"`  // full-time staff for the programme
	Voice      float64   `json:"voice"`  // share of the say in the agenda if every member attends
	Member     bool      `json:"member"`
	Values     []float64 `json:"values"`     // positions on agents.ValueNames' dimensions, 0 to 1
	KPI        []float64 `json:"kpi"`        // what it is judged on, weights over agents.DomainNames (sum 1)
	Commitment float64   `json:"commitment"` // willingness to put its capacity behind the common agenda
	TrustOut   float64   `json:"trustOut"`   // its mean trust in the other members
	TrustIn    float64   `json:"trustIn"`    // the other members' mean trust in it
	Enrolled   int       `json:"enrolled"`   // young people whose home it is
}

// Snapshot returns both sides' state, with the charted series from week
// from on (0 for all of them) and each side's events from entry
// events[side] of its log on.
func (s *Session) Snapshot(from int, events [2]int) Snapshot {
	snap := Snapshot{Seed: fmt.Sprint(s.seed), Week: s.Week(), Weeks: s.Weeks()}
	for i := range s.sides {
		snap.Sides[i] = s.sides[i].snapshot(s.seed, from, events[i])
	}
	l, r := s.sides[0].eng, s.sides[1].eng
	for _, m := range Charted() {
		sh := Shown{Metric: m.String(), Text: "–"}
		if t := min(l.Tick(), r.Tick()); t > 0 {
			sh.Text, sh.Value = Difference(m, l.Value(t-1, m), r.Value(t-1, m), true)
		}
		snap.Diff = append(snap.Diff, sh)
	}
	return snap
}

func (sd *side) snapshot(seed uint64, from, events int) SideSnapshot {
	e := sd.eng
	t := e.Tick()
	from = min(max(from, 0), t)
	ss := SideSnapshot{Scenario: sd.name, Title: Title(sd.name), Config: sd.cfg.clean(), Begin: sd.begin.clean(), Sets: sd.bsets, Now: sd.sets,
		Command: command(sd.begin.Scenario, sd.bsets, seed, sd.changes),
		Week:    t, Weeks: e.Ticks(), From: from, Series: map[string][]float64{},
		Phase: e.Phase().String(), PhaseAt: sd.phaseAt[:], Changes: append([]Change{}, sd.changes...),
		AgreeTrust: e.Scenario().Params.Decisions.AgreeTrust, Backbone: e.Scenario().Governance.BackboneStaff}
	if t > 0 {
		ss.Coverage = e.Value(t-1, sim.BackboneCoverage)
	}
	for _, m := range Charted() {
		v := make([]float64, 0, t-from)
		for k := from; k < t; k++ {
			v = append(v, e.Value(k, m))
		}
		ss.Series[m.String()] = v
		sh := Shown{Metric: m.String(), Text: "–"}
		if t > 0 {
			sh.Value = e.Value(t-1, m)
			sh.Text = Format(m, sh.Value)
		}
		ss.Shown = append(ss.Shown, sh)
	}
	ss.Actors = sd.actorStates()
	ss.Trust = append([]float64(nil), e.TrustMatrix().T...)
	pop := e.Population()
	b := make([]byte, pop.N)
	ss.Counts = make([]int, agents.NumStates)
	for k, st := range pop.State {
		b[k] = '0' + byte(st)
		ss.Counts[st]++
	}
	ss.States = string(b)
	log := e.Events()
	ss.Logged, ss.EventsFrom = len(log), min(max(events, 0), len(log))
	ss.Events = []EventInfo{} // [] in JSON, not null, before the first event
	for k := ss.EventsFrom; k < len(log); k++ {
		ss.Events = append(ss.Events, InfoAt(log, k, e.Actors()))
	}
	return ss
}

// Voices returns each organisation's share of the say in the agenda were
// every member at the table (agents.InfluenceWeights under the design's
// power sharing); 0 for an organisation outside the partnership.
func Voices(e *sim.Engine) []float64 {
	tmp := append([]agents.Actor(nil), e.Actors()...)
	for i := range tmp {
		tmp[i].Attended = tmp[i].Member
	}
	voice := make([]float64, len(tmp))
	agents.InfluenceWeights(voice, tmp, e.Scenario().Governance.PowerSharing)
	return voice
}

// actorStates describes each organisation: who it is, its say in the
// agenda were every member at the table, and the trust between it and
// the other members.
func (sd *side) actorStates() []ActorState {
	e := sd.eng
	actors := e.Actors()
	copy(sd.tmp, actors)
	for i := range sd.tmp {
		sd.tmp[i].Attended = sd.tmp[i].Member
	}
	agents.InfluenceWeights(sd.voice, sd.tmp, e.Scenario().Governance.PowerSharing)
	tr := e.TrustMatrix()
	out := make([]ActorState, 0, len(actors))
	for i, a := range actors {
		st := ActorState{Name: a.Name, Sector: a.Sector.String(), Budget: a.Budget, Staff: a.Staff,
			Voice: sd.voice[i], Member: a.Member, Values: append([]float64(nil), a.Values[:]...),
			KPI: append([]float64(nil), a.KPI[:]...), Commitment: a.Commitment, Enrolled: a.Enrolled}
		n := 0
		for j := range actors {
			if j != i && actors[j].Member {
				st.TrustOut += tr.At(i, j)
				st.TrustIn += tr.At(j, i)
				n++
			}
		}
		if n > 0 {
			st.TrustOut /= float64(n)
			st.TrustIn /= float64(n)
		}
		out = append(out, st)
	}
	return out
}

// clean is c with an empty map for no levers, so the page gets {}, not null.
func (c Config) clean() Config {
	if c.Levers == nil {
		c.Levers = map[string]any{}
	}
	return c
}
