package classroom

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/cisim/cisim/agents"
	"github.com/cisim/cisim/sim"
)

// Bounds on the work one call can ask for.
const (
	MaxTicks         = 20 * 52 // a scenario's horizon on the page: 20 years of weeks
	MaxStep          = 52      // ticks one Step call may run
	MaxInterventions = 50      // design changes during one run
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
	cfg     Config // the design in force: the start's, or the last intervention's
	name    string
	sets    []string
	start   sim.Scenario // the design the run started with, loaded from begin
	begin   Config       // the design the run started with, and its --set arguments
	bsets   []string
	changes []Change // the design changes since week 0, in order
	eng     *sim.Engine
	phaseAt [agents.NumPhases]int // week each phase was first reached; −1 never
	voice   []float64             // buffers for Snapshot
	tmp     []agents.Actor
}

// Change is a design changed during a run: from week Week on, the side
// runs under Config (an intervention, sim.Engine.Intervene).
type Change struct {
	Week     int          `json:"week"`
	Config   Config       `json:"config"`
	Sets     []string     `json:"sets"`
	scenario sim.Scenario // Config loaded, to replay the change
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
	s.sides[i] = side{cfg: c, name: c.Scenario, sets: sets, start: l.Scenario, begin: c, bsets: sets, eng: e,
		voice: make([]float64, n), tmp: make([]agents.Actor, n)}
	s.Reset()
	return nil
}

// Intervene changes side i's design from the current week on (a lever
// moved during a run): the run goes on under c from the next week, with
// everything that happened kept, as sim.Engine.Intervene does it. c must
// describe the same world as the side's scenario: the same partners,
// young people and horizon. At week 0 it is Configure. On an error
// nothing changes.
func (s *Session) Intervene(i int, c Config) error {
	if i < 0 || i > 1 {
		return fmt.Errorf("classroom: side %d: want 0 (left) or 1 (right)", i)
	}
	if s.Week() == 0 {
		return s.Configure(i, c)
	}
	sd := &s.sides[i]
	if len(sd.changes) >= MaxInterventions {
		return fmt.Errorf("classroom: at most %d design changes in one run; reset to start again", MaxInterventions)
	}
	l, err := load(c)
	if err != nil {
		return err
	}
	sets, _ := c.Sets()
	if c.Scenario == sd.cfg.Scenario && slices.Equal(sets, sd.sets) {
		return nil // the design in force: nothing to change
	}
	if !sameRules(l.Scenario.Rules, sd.start.Rules) {
		return fmt.Errorf("classroom: %s has other rules than the design running: a run keeps the rules it started with; press Reset to start again with them", Title(c.Scenario))
	}
	if err := sd.eng.Intervene(l.Scenario); err != nil {
		return fmt.Errorf("classroom: %s cannot change during a run: %w", Title(c.Scenario), err)
	}
	sd.changes = append(sd.changes, Change{Week: sd.eng.Tick(), Config: c, Sets: sets, scenario: l.Scenario})
	sd.cfg, sd.name, sd.sets = c, c.Scenario, sets
	return nil
}

// sameRules reports whether two lists of rules say the same (without
// reflect.DeepEqual, which costs the wasm 27 kB).
func sameRules(a, b []sim.Rule) bool {
	return slices.EqualFunc(a, b, func(x, y sim.Rule) bool {
		return x.When == y.When && x.From == y.From && x.Until == y.Until && x.Throughout == y.Throughout && slices.Equal(x.Set, y.Set)
	})
}

// Changes returns side i's design changes since week 0.
func (s *Session) Changes(i int) []Change { return append([]Change(nil), s.sides[i].changes...) }

// Seed returns the master seed.
func (s *Session) Seed() uint64 { return s.seed }

// SetSeed changes the master seed and resets both sides.
func (s *Session) SetSeed(seed uint64) {
	s.seed = seed
	s.Reset()
}

// Reset draws replicate 0 of the seed again on both sides: week 0, under
// the design in force. A side whose design changed during the run starts
// again under its last design, with no changes, as if its levers had been
// set so before the start.
func (s *Session) Reset() {
	for i := range s.sides {
		sd := &s.sides[i]
		if sd.eng == nil {
			continue
		}
		if len(sd.changes) > 0 {
			last := sd.changes[len(sd.changes)-1]
			if e, err := sim.New(last.scenario); err == nil { // it ran under this design already
				sd.eng, sd.start, sd.begin, sd.bsets = e, last.scenario, last.Config, last.Sets
			}
			sd.changes = nil
		}
		// What rules changed after the last design change goes: the rules
		// fire again in the new run.
		sd.cfg, sd.name, sd.sets = sd.begin, sd.begin.Scenario, sd.bsets
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
		logged := len(sd.eng.Events())
		for k := 0; k < n && sd.eng.Tick() < sd.eng.Ticks(); k++ {
			sd.eng.Step()
			if p := sd.eng.Phase(); sd.phaseAt[p] < 0 {
				sd.phaseAt[p] = sd.eng.Tick()
			}
		}
		sd.followRules(logged)
	}
	return s.Week()
}

// followRules writes into the side's levers what its rules changed in the
// events from entry from of its log on, so that the levers show the design
// in force and a lever moved later changes only itself: each intervention
// a trigger made sets its fields that are levers of the page to their new
// values. The levers then differ from the run's start, as they do after a
// teacher's change; Reset takes them back.
func (sd *side) followRules(from int) {
	log := sd.eng.Events()
	for k := max(from, 1); k < len(log); k++ {
		if !triggered(log[k-1], log[k]) {
			continue
		}
		for _, p := range strings.Split(strings.TrimPrefix(log[k].Cause, log[k-1].Cause+": "), "; ") {
			key, change, _ := strings.Cut(p, " ")
			lv, ok := leverOf(key)
			_, to, isChange := strings.Cut(change, " → ")
			if !ok || !isChange || lv.World {
				continue
			}
			levers := maps.Clone(sd.cfg.Levers)
			if levers == nil {
				levers = map[string]any{}
			}
			levers[key] = parseValue(lv, to)
			c := Config{Scenario: sd.cfg.Scenario, Levers: levers}
			if sets, err := c.Sets(); err == nil { // a rule's value off the page's range stays out
				sd.cfg, sd.sets = c, sets
			}
		}
	}
}

// Week returns the number of weeks run: the larger of the two sides'.
func (s *Session) Week() int { return max(s.sides[0].eng.Tick(), s.sides[1].eng.Tick()) }

// Weeks returns the longer of the two horizons, in weeks.
func (s *Session) Weeks() int { return max(s.sides[0].eng.Ticks(), s.sides[1].eng.Ticks()) }

// Engine returns side i's engine, for reading only (lessons read their
// facts from it).
func (s *Session) Engine(i int) *sim.Engine { return s.sides[i].eng }

// Config returns side i's design in force.
func (s *Session) Config(i int) Config { return s.sides[i].cfg }

// Logged returns how many events each side has logged.
func (s *Session) Logged() [2]int {
	return [2]int{len(s.sides[0].eng.Events()), len(s.sides[1].eng.Events())}
}

// command is the cisim command line that runs the same replicate: run 1
// of a seed is replicate 0, as on the page. A design changed during the
// run cannot be given on the command line; the command says so.
func command(name string, sets []string, seed uint64, changes []Change) string {
	var b strings.Builder
	fmt.Fprintf(&b, "cisim run %s --runs 1 --seed %d", Ref(name), seed)
	for _, s := range sets {
		fmt.Fprintf(&b, " --set %s", s)
	}
	for _, c := range changes {
		fmt.Fprintf(&b, "   # then from week %d: %s", c.Week+1, strings.Join(c.Sets, " "))
	}
	return b.String()
}
