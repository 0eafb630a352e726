package classroom

import (
	"fmt"
	"strings"

	"github.com/cisim/cisim/agents"
	"github.com/cisim/cisim/sim"
)

// Bounds on the work one call can ask for.
const (
	MaxTicks = 20 * 52 // a scenario's horizon on the page: 20 years of weeks
	MaxStep  = 52      // ticks one Step call may run
)

// Charted returns the metrics the page charts and shows as numbers, in
// order.
func Charted() []sim.Metric {
	return []sim.Metric{sim.OutcomeRate, sim.MeanTrust, sim.AgendaAlignment, sim.PartnersRemaining}
}

// Session is the page's state: two sides, each a scenario with its
// levers, run in step from replicate 0 of one seed.
type Session struct {
	seed  uint64
	sides [2]side
}

// side is one running design.
type side struct {
	cfg     Config
	name    string
	sets    []string
	eng     *sim.Engine
	phaseAt [agents.NumPhases]int // week each phase was first reached; −1 never
	voice   []float64             // buffers for Snapshot
	tmp     []agents.Actor
}

// DefaultSides returns the designs the page opens with: isolated on the
// left, collective impact on the right.
func DefaultSides() [2]string { return [2]string{"isolated", "collective-impact"} }

// New returns a session with the default sides under seed 1, reset.
func New() *Session {
	s := &Session{seed: 1}
	for i, name := range DefaultSides() {
		if err := s.Configure(i, Config{Scenario: name}); err != nil {
			panic(fmt.Sprintf("classroom: built-in %s does not load: %v", name, err))
		}
	}
	return s
}

// Configure sets side i (0 left, 1 right) to a scenario and levers and
// resets both sides to week 0, so they stay in step. On an error the side
// keeps its old configuration.
func (s *Session) Configure(i int, c Config) error {
	if i < 0 || i > 1 {
		return fmt.Errorf("classroom: side %d: want 0 (left) or 1 (right)", i)
	}
	l, err := load(c)
	if err != nil {
		return err
	}
	e, err := sim.New(l.Scenario)
	if err != nil {
		return err
	}
	sets, _ := c.Sets()
	n := len(l.Scenario.Actors)
	s.sides[i] = side{cfg: c, name: c.Scenario, sets: sets, eng: e,
		voice: make([]float64, n), tmp: make([]agents.Actor, n)}
	s.Reset()
	return nil
}

// Seed returns the master seed.
func (s *Session) Seed() uint64 { return s.seed }

// SetSeed changes the master seed and resets both sides.
func (s *Session) SetSeed(seed uint64) {
	s.seed = seed
	s.Reset()
}

// Reset draws replicate 0 of the seed again on both sides: week 0.
func (s *Session) Reset() {
	for i := range s.sides {
		sd := &s.sides[i]
		if sd.eng == nil {
			continue
		}
		sd.eng.Reset(s.seed, 0)
		for p := range sd.phaseAt {
			sd.phaseAt[p] = -1
		}
		sd.phaseAt[agents.Initiation] = 0
	}
}

// Step runs up to n more weeks on each side (at most MaxStep, and not past
// a side's horizon) and returns the week reached.
func (s *Session) Step(n int) int {
	n = min(max(n, 0), MaxStep)
	for i := range s.sides {
		sd := &s.sides[i]
		for k := 0; k < n && sd.eng.Tick() < sd.eng.Ticks(); k++ {
			sd.eng.Step()
			if p := sd.eng.Phase(); sd.phaseAt[p] < 0 {
				sd.phaseAt[p] = sd.eng.Tick()
			}
		}
	}
	return s.Week()
}

// Week returns the number of weeks run: the larger of the two sides'.
func (s *Session) Week() int { return max(s.sides[0].eng.Tick(), s.sides[1].eng.Tick()) }

// Weeks returns the longer of the two horizons, in weeks.
func (s *Session) Weeks() int { return max(s.sides[0].eng.Ticks(), s.sides[1].eng.Ticks()) }

// Snapshot is what the page draws after a step.
type Snapshot struct {
	Seed  string          `json:"seed"` // decimal: a JavaScript number cannot hold every uint64
	Week  int             `json:"week"`
	Weeks int             `json:"weeks"`
	Sides [2]SideSnapshot `json:"sides"`
}

// SideSnapshot is one side's state after Week weeks.
type SideSnapshot struct {
	Scenario string               `json:"scenario"`
	Sets     []string             `json:"sets"`
	Command  string               `json:"command"` // the command line that runs the same replicate
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
	Events   []string             `json:"events"` // the latest events of the run's log, newest last, as the page prints them
	Logged   int                  `json:"logged"` // events logged so far
}

// RecentEvents is how many of the latest events a snapshot carries.
const RecentEvents = 6

// Shown is one number as the page prints it.
type Shown struct {
	Metric string  `json:"metric"`
	Value  float64 `json:"value"`
	Text   string  `json:"text"`
}

// ActorState is one organisation as the network drawing needs it.
type ActorState struct {
	Name   string  `json:"name"`
	Sector string  `json:"sector"`
	Budget float64 `json:"budget"` // SEK a year
	Voice  float64 `json:"voice"`  // share of the say in the agenda if every member attends
	Member bool    `json:"member"`
}

// Snapshot returns both sides' state, with the charted series from week
// from on (0 for all of them).
func (s *Session) Snapshot(from int) Snapshot {
	snap := Snapshot{Seed: fmt.Sprint(s.seed), Week: s.Week(), Weeks: s.Weeks()}
	for i := range s.sides {
		snap.Sides[i] = s.sides[i].snapshot(s.seed, from)
	}
	return snap
}

func (sd *side) snapshot(seed uint64, from int) SideSnapshot {
	e := sd.eng
	t := e.Tick()
	from = min(max(from, 0), t)
	ss := SideSnapshot{Scenario: sd.name, Sets: sd.sets, Command: command(sd.name, sd.sets, seed),
		Week: t, Weeks: e.Ticks(), From: from, Series: map[string][]float64{},
		Phase: e.Phase().String(), PhaseAt: sd.phaseAt[:]}
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
	actors := e.Actors()
	copy(sd.tmp, actors)
	for i := range sd.tmp {
		sd.tmp[i].Attended = sd.tmp[i].Member
	}
	agents.InfluenceWeights(sd.voice, sd.tmp, e.Scenario().Governance.PowerSharing)
	for i, a := range actors {
		ss.Actors = append(ss.Actors, ActorState{Name: a.Name, Sector: a.Sector.String(),
			Budget: a.Budget, Voice: sd.voice[i], Member: a.Member})
	}
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
	ss.Logged, ss.Events = len(log), []string{} // [] in JSON, not null, before the first event
	for _, ev := range log[max(0, len(log)-RecentEvents):] {
		ss.Events = append(ss.Events, EventText(ev, actors))
	}
	return ss
}

// EventText prints an event of the run's log for the page: when, who,
// what and why, e.g. "week 40 · Foundation: exit (overheads)".
func EventText(ev agents.Event, actors []agents.Actor) string {
	var b strings.Builder
	fmt.Fprintf(&b, "week %d · ", ev.Tick)
	name := func(i int) string {
		if i >= 0 && i < len(actors) {
			return actors[i].Name
		}
		return ""
	}
	switch who, other := name(ev.Actor), name(ev.Other); {
	case who != "" && other != "":
		fmt.Fprintf(&b, "%s and %s: ", who, other)
	case who != "":
		fmt.Fprintf(&b, "%s: ", who)
	default:
		b.WriteString("the partnership: ")
	}
	b.WriteString(strings.ReplaceAll(ev.Kind.String(), "_", " "))
	if ev.Cause != "" {
		fmt.Fprintf(&b, " (%s)", ev.Cause)
	}
	return b.String()
}

// Format prints a charted metric as the page shows it: the outcome rate
// as a percentage with one decimal, trust and alignment with three
// decimals, partners as a whole number.
func Format(m sim.Metric, v float64) string {
	switch m {
	case sim.OutcomeRate:
		return fmt.Sprintf("%.1f%%", 100*v)
	case sim.PartnersRemaining:
		return fmt.Sprintf("%.0f", v)
	default:
		return fmt.Sprintf("%.3f", v)
	}
}

// command is the cisim command line that runs the same replicate: run 1
// of a seed is replicate 0, as on the page.
func command(name string, sets []string, seed uint64) string {
	var b strings.Builder
	fmt.Fprintf(&b, "cisim run %s --runs 1 --seed %d", name, seed)
	for _, s := range sets {
		fmt.Fprintf(&b, " --set %s", s)
	}
	return b.String()
}
