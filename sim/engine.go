package sim

import (
	"fmt"
	"slices"

	"github.com/cisim/cisim/agents"
	"github.com/cisim/cisim/uncertain"
)

// Engine runs one scenario. Build it with New, draw a world with Reset,
// then Step or Run. Every buffer is allocated in New, so Reset, Step and
// Run allocate nothing once the event log has grown to a run's size.
type Engine struct {
	sc    Scenario // the scenario, with this replicate's draws written in
	p     *Params  // &sc.Params
	ticks int
	rs    *streams
	draws []draw
	ready agents.Readiness
	ch    agents.Channels

	actors []agents.Actor
	trust  agents.Trust
	trust0 []float64 // initial trust, where staff turnover takes a relationship back to
	pop    *agents.Population
	thr    []float64 // readiness thresholds on the Readiness scale, set at first enrolment (a power each)

	plan partnership
	fund funding
	bens beneficiaries
	log  []agents.Event
	book agents.Ledger

	metrics []float64    // ticks × NumMetrics
	play    *players     // the players' choices (Play); nil: the model's rules decide everything
	sampled int          // records in the last shared-measurement sample
	start   staticDesign // the scenario's design, which Reset restores after rules or interventions
}

// draw is one uncertain number: where it lives in sc, its distribution,
// its name's hash and this replicate's value.
type draw struct {
	ptr   *float64
	dist  uncertain.Dist
	name  uint64
	value float64
	key   string
	post  int // its column in the posterior, or −1: drawn from dist
}

// New validates the scenario and builds an engine for it.
func New(sc Scenario) (*Engine, error) {
	if err := sc.Validate(); err != nil {
		return nil, err
	}
	sc.Actors = slices.Clone(sc.Actors)
	sc.Uncertain = slices.Clone(sc.Uncertain)
	e := &Engine{sc: sc, ticks: sc.Ticks(), rs: newStreams(), ch: sc.Channels, start: staticDesign{sc.Governance, sc.Funding, sc.Channels}}
	e.p = &e.sc.Params
	e.newDraws()
	n := len(sc.Actors)
	N := sc.Beneficiaries.Count + sc.Entrants()
	e.actors = make([]agents.Actor, n)
	e.trust = agents.NewTrust(n)
	e.trust0 = make([]float64, n*n)
	e.pop = agents.NewPopulation(N)
	e.thr = make([]float64, N)
	e.plan.alloc(n)
	e.fund.alloc(n)
	e.bens.alloc(n, N, e.ticks)
	e.log = make([]agents.Event, 0, 64)
	e.metrics = make([]float64, e.ticks*NumMetrics)
	return e, nil
}

// Scenario returns the scenario the engine runs, with the last replicate's
// draws of its uncertain numbers.
func (e *Engine) Scenario() *Scenario { return &e.sc }

// Ticks returns the number of ticks of a run.
func (e *Engine) Ticks() int { return e.ticks }

// Tick returns the number of ticks run since Reset.
func (e *Engine) Tick() int { return e.plan.tick }

// Actors returns the actors' current state (read only).
func (e *Engine) Actors() []agents.Actor { return e.actors }

// TrustMatrix returns the current trust matrix (read only).
func (e *Engine) TrustMatrix() agents.Trust { return e.trust }

// Population returns the beneficiaries' current state (read only).
func (e *Engine) Population() *agents.Population { return e.pop }

// Phase returns the phase reached so far.
func (e *Engine) Phase() agents.Phase { return e.plan.phase }

// Agenda returns the common agenda.
func (e *Engine) Agenda() agents.Vec { return e.plan.agenda }

// Events returns the run's event log so far (read only; it changes with
// the next Step or Reset).
func (e *Engine) Events() []agents.Event { return e.log }

// Shocks returns the world's shocks drawn for this replicate, by tick
// (read only).
func (e *Engine) Shocks() []agents.Shock { return e.plan.shocks }

// Ledger returns where the money budgeted so far went.
func (e *Engine) Ledger() agents.Ledger { return e.book }

// newDraws lists the uncertain numbers: the scenario's distributions, in
// their order. One the posterior names comes from its particle instead; a
// number the scenario fixes (a value, --set, a sweep's lever) stays fixed
// even if the posterior names it.
func (e *Engine) newDraws() {
	post := e.sc.Posterior
	for _, u := range e.sc.Uncertain {
		col := -1
		if post != nil {
			col = post.Index(u.Key)
		}
		e.draws = append(e.draws, draw{ptr: e.sc.field(u.Key), dist: u.Dist, name: nameHash(u.Key), key: u.Key, post: col})
	}
}

// DrawnKeys lists the uncertain numbers' keys in the order Drawn gives
// their values: the scenario's distributions.
func (e *Engine) DrawnKeys() []string {
	keys := make([]string, len(e.draws))
	for i, d := range e.draws {
		keys[i] = d.key
	}
	return keys
}

// Drawn appends this replicate's value of each uncertain number, in the
// order of DrawnKeys, to dst[:0] and returns it.
func (e *Engine) Drawn(dst []float64) []float64 {
	dst = dst[:0]
	for _, d := range e.draws {
		dst = append(dst, d.value)
	}
	return dst
}

func (e *Engine) String() string {
	return fmt.Sprintf("sim.Engine{%d actors, %d beneficiaries, %d ticks}", len(e.actors), e.pop.N, e.ticks)
}

// event appends to the run's log.
func (e *Engine) event(kind agents.EventKind, actor, other int, value float64, cause string) {
	e.log = append(e.log, agents.Event{Tick: e.plan.tick, Kind: kind, Actor: actor, Other: other, Value: value, Cause: cause})
}

func (e *Engine) hourly() float64 { return e.sc.Economics.HourlyCost }

// staffHours is the staff hours a week an actor's staff can work.
func staffHours(a *agents.Actor) float64 { return a.Staff * HoursPerFTEWeek }

// members counts the members.
func (e *Engine) members() int {
	n := 0
	for i := range e.actors {
		if e.actors[i].Member {
			n++
		}
	}
	return n
}
