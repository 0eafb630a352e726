package game

import (
	"errors"
	"fmt"
	"slices"

	"github.com/cisim/cisim/sim"
)

// The game's status.
const (
	Lobby  = "lobby"  // no round opened yet
	Open   = "open"   // a round takes decisions
	Closed = "closed" // the last round opened has been played
	Over   = "over"   // every round has been played
)

// Game is one game: the played partnership, its twin played by the model
// alone, and the decisions so far. It is not safe for concurrent use.
type Game struct {
	cfg    Config
	sc     sim.Scenario
	ends   []int // week each round ends (exclusive)
	played *sim.Engine
	alone  *sim.Engine
	roles  []Role
	round  int // rounds opened
	status string

	inForce map[string]Decision // each role's decision in force
	rounds  []roundLog          // every round opened, in order

	debrief   *Debrief // the last debrief, after debriefAt rounds
	debriefAt int
}

// roundLog is one round: the decisions sent in it (merged per role) and,
// once played, the rules' decisions when it was played and the numbers at
// its end.
type roundLog struct {
	sent    map[string]Decision
	grant   *int // the engagement rung the class granted the young people in it
	inForce map[string]Decision
	rule    map[string]RuleDecision
	end     Numbers
	alone   Numbers
}

// New starts a game on cfg (its zero fields take the defaults): both
// engines reset at week 0 of replicate 0 of the seed, no round open.
func New(cfg Config) (*Game, error) {
	cfg = cfg.Filled()
	sc, ends, err := cfg.load()
	if err != nil {
		return nil, err
	}
	g := &Game{cfg: cfg, sc: sc, ends: ends, status: Lobby, inForce: map[string]Decision{}}
	for _, e := range []**sim.Engine{&g.played, &g.alone} {
		if *e, err = sim.New(sc); err != nil {
			return nil, fmt.Errorf("game: %s: %v", cfg.Design, err)
		}
		(*e).Reset(cfg.Seed, 0)
	}
	g.roles = rolesOf(g.played)
	return g, nil
}

// Config is the game's configuration, defaults filled in.
func (g *Game) Config() Config { return g.cfg }

// State is the number of rounds opened and the status.
func (g *Game) State() (round int, status string) { return g.round, g.status }

// Rounds is the game's length in rounds.
func (g *Game) Rounds() int { return len(g.ends) }

// Open opens the next round for decisions.
func (g *Game) Open() error {
	switch g.status {
	case Open:
		return fmt.Errorf("game: round %d is open already", g.round)
	case Over:
		return errors.New("game: the game is over")
	}
	g.round++
	g.status = Open
	g.rounds = append(g.rounds, roundLog{sent: map[string]Decision{}})
	return nil
}

// Decide takes role's decision in the open round, laid over what it sent
// before in the round. A refused decision changes nothing.
func (g *Game) Decide(role string, d Decision) error {
	r, ok := g.role(role)
	if !ok {
		return fmt.Errorf("game: no role %q", role)
	}
	if g.status != Open {
		return fmt.Errorf("game: no round is open (the game is %s)", g.status)
	}
	if err := d.check(g.can(r)); err != nil {
		return fmt.Errorf("game: %s: %v", role, err)
	}
	lg := &g.rounds[len(g.rounds)-1]
	lg.sent[role] = lg.sent[role].merge(d)
	return nil
}

// Grant sets the engagement rung (0 none … 4 shared decisions) the class
// grants the young people, and so the weight of the youth
// representative's voice at the table, from the open round on: a change
// of the played partnership's design (sim.Engine.Intervene); the model
// alone keeps the design's own.
func (g *Game) Grant(rung int) error {
	if g.status != Open {
		return fmt.Errorf("game: no round is open (the game is %s)", g.status)
	}
	if rung < 0 || rung > 4 {
		return fmt.Errorf("game: rung %d: want 0 (none) to 4 (shared decisions)", rung)
	}
	g.rounds[len(g.rounds)-1].grant = &rung
	return nil
}

// Rung is the engagement rung in force in the played partnership, with
// one granted in the open round.
func (g *Game) Rung() int {
	if n := len(g.rounds); n > 0 && g.status == Open && g.rounds[n-1].grant != nil {
		return *g.rounds[n-1].grant
	}
	return g.played.Scenario().Governance.BeneficiaryEngagement
}

// DecideJSON is Decide for a decision's JSON as a student's page sends it.
func (g *Game) DecideJSON(role string, raw []byte) error {
	d, err := ParseDecision(raw)
	if err != nil {
		return fmt.Errorf("game: %s: %v", role, err)
	}
	return g.Decide(role, d)
}

// Close plays the open round: the decisions sent are put in force, and
// both partnerships run to the round's end.
func (g *Game) Close() error {
	if g.status != Open {
		return fmt.Errorf("game: no round is open (the game is %s)", g.status)
	}
	lg := &g.rounds[len(g.rounds)-1]
	lg.rule = g.rules()
	for _, id := range sortedKeys(lg.sent) {
		g.inForce[id] = g.inForce[id].merge(lg.sent[id])
	}
	lg.inForce = cloneDecisions(g.inForce)
	if err := g.apply(g.played, g.inForce); err != nil {
		return err
	}
	if lg.grant != nil {
		sc := *g.played.Scenario()
		sc.Governance.BeneficiaryEngagement = *lg.grant
		if err := g.played.Intervene(sc); err != nil {
			return fmt.Errorf("game: granting rung %d: %v", *lg.grant, err)
		}
	}
	end := g.ends[g.round-1]
	for g.played.Tick() < end {
		g.played.Step()
		g.alone.Step()
	}
	lg.end, lg.alone = numbersOf(g.played), numbersOf(g.alone)
	g.status = Closed
	if g.round == len(g.ends) {
		g.status = Over
	}
	return nil
}

// apply puts decisions in force on e: each role's choice, the youth
// representative's voice; roles without a decision back to the rules.
func (g *Game) apply(e *sim.Engine, decisions map[string]Decision) error {
	for _, r := range g.roles {
		d := decisions[r.ID]
		var err error
		if r.Actor < 0 {
			err = e.PlayVoice(d.voice())
		} else {
			err = e.Play(r.Actor, d.choice())
		}
		if err != nil {
			return fmt.Errorf("game: %s: %v", r.ID, err)
		}
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func cloneDecisions(m map[string]Decision) map[string]Decision {
	c := make(map[string]Decision, len(m))
	for k, v := range m {
		v.Voice = slices.Clone(v.Voice)
		c[k] = v
	}
	return c
}
