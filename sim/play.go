package sim

import (
	"fmt"
	"math"

	"github.com/cisim/cisim/agents"
)

// Players (docs/MODEL.md, "Players"): in a participatory game a person
// takes one organisation's decisions in place of the model's rules. A
// Choice replaces the rule of one decision of one actor; every other rule
// stays. With nothing played the engine runs exactly as without this file
// (e.play is nil and every hook is one nil check). Random draws are
// consumed as they are without players (the attendance draw is drawn and
// then ignored), so a played run and the model playing alone face the same
// world and stay in step as far as the decisions allow.

// Bring is what a delegate argues for at the table: the position the
// table's target takes from it (agents.Target).
type Bring int

const (
	BringOwn   Bring = iota // its own priorities: the model's rule
	BringNeeds              // the beneficiaries' needs as the partnership believes them (ν_B)
	BringPlan               // the agenda on the table as it stands
	numBring
)

var bringNames = [numBring]string{"own", "needs", "plan"}

// String is the bring's name in the game's decisions: own, needs, plan.
func (b Bring) String() string {
	if b < 0 || b >= numBring {
		return fmt.Sprintf("Bring(%d)", int(b))
	}
	return bringNames[b]
}

// ParseBring reads a bring's name (own, needs, plan).
func ParseBring(s string) (Bring, error) {
	for b, n := range bringNames {
		if n == s {
			return Bring(b), nil
		}
	}
	return 0, fmt.Errorf("bring %q: want own, needs or plan", s)
}

// Choice is what a player decides for one actor. A nil field (BringOwn
// for Bring) leaves that decision to the model's rule. A choice stays in
// force until the next Play for the same actor, and across Reset.
type Choice struct {
	Commitment *float64 // in [0,1]: replaces c in the committed share m = c·μ·(1−δ) on an agreed plan
	Pledge     *float64 // in [0,1]: a funder's pooled share at each funding round from the next on
	Attend     *bool    // attends the meetings due (replaces the attendance draw's outcome)
	Bring      Bring    // what its delegate argues for at the table
	ShareData  *bool    // with shared measurement: its beneficiaries' records go into the shared data
	Stay       *bool    // true: stays whatever its review says; false: leaves at the start of the next week
}

// played reports whether the choice replaces any rule.
func (c Choice) played() bool {
	return c.Commitment != nil || c.Pledge != nil || c.Attend != nil || c.Bring != BringOwn || c.ShareData != nil || c.Stay != nil
}

// players holds the choices in force; the engine's play field is nil when
// none is.
type players struct {
	choice   []Choice     // per actor
	voice    *agents.Vec  // the youth representative's profile of needs; nil: the believed one
	hides    bool         // some actor keeps its records out of the shared data
	brings   bool         // some delegate argues for something other than its own priorities
	frame    []int32      // scratch: the enrolled whose records are shared
	position []agents.Vec // scratch: the priorities a Bring replaced for one target
}

// Play puts a player's choice for actor i in force, replacing the choice
// in force before; Choice{} hands every decision back to the model's rules.
// A number outside [0,1] (or NaN), a bring not defined, or a pledge for an
// actor that is not a funder is refused and nothing changes.
func (e *Engine) Play(i int, c Choice) error {
	if i < 0 || i >= len(e.actors) {
		return fmt.Errorf("play: actor %d: the scenario has %d actors", i, len(e.actors))
	}
	if err := c.check(e.actors[i].IsFunder()); err != nil {
		return fmt.Errorf("play: actor %d (%s): %w", i, e.actors[i].Name, err)
	}
	if e.play == nil {
		e.play = &players{choice: make([]Choice, len(e.actors))}
	}
	e.play.choice[i] = c.clone()
	e.play.refresh()
	if e.play.idle() {
		e.play = nil
	}
	return nil
}

// PlayVoice puts the youth representative's profile of needs in the
// beneficiaries' seat at the table in place of the believed profile ν_B
// (its weight stays the engagement rung's voice ω_B); nil hands it back.
// The profile is normalised; one with a negative, NaN or infinite part,
// or summing to zero, is refused.
func (e *Engine) PlayVoice(v *agents.Vec) error {
	var nv *agents.Vec
	if v != nil {
		s := 0.0
		for d, x := range v {
			if !(x >= 0) || math.IsInf(x, 1) {
				return fmt.Errorf("play voice: domain %d: %v is not a share >= 0", d, x)
			}
			s += x
		}
		if s <= 0 {
			return fmt.Errorf("play voice: the profile sums to %v, not a profile of needs", s)
		}
		n := v.Normalized()
		nv = &n
	}
	if e.play == nil {
		if nv == nil {
			return nil
		}
		e.play = &players{choice: make([]Choice, len(e.actors))}
	}
	e.play.voice = nv
	if e.play.idle() {
		e.play = nil
	}
	return nil
}

// Played returns the choice in force for actor i (Choice{}: none).
func (e *Engine) Played(i int) Choice {
	if e.play == nil || i < 0 || i >= len(e.play.choice) {
		return Choice{}
	}
	return e.play.choice[i].clone()
}

func (c Choice) check(funder bool) error {
	for _, f := range []struct {
		name string
		v    *float64
	}{{"commitment", c.Commitment}, {"pledge", c.Pledge}} {
		if f.v != nil && !(*f.v >= 0 && *f.v <= 1) {
			return fmt.Errorf("%s %v: want a share in [0,1]", f.name, *f.v)
		}
	}
	if c.Bring < 0 || c.Bring >= numBring {
		return fmt.Errorf("bring %d: want BringOwn, BringNeeds or BringPlan", int(c.Bring))
	}
	if c.Pledge != nil && !funder {
		return fmt.Errorf("pledge: only a funder pledges to the pool")
	}
	return nil
}

// clone copies what the pointers point to, so the caller's variables do
// not change a choice in force.
func (c Choice) clone() Choice {
	cp := func(p *float64) *float64 {
		if p == nil {
			return nil
		}
		v := *p
		return &v
	}
	cb := func(p *bool) *bool {
		if p == nil {
			return nil
		}
		v := *p
		return &v
	}
	return Choice{cp(c.Commitment), cp(c.Pledge), cb(c.Attend), c.Bring, cb(c.ShareData), cb(c.Stay)}
}

func (p *players) refresh() {
	p.hides, p.brings = false, false
	for _, c := range p.choice {
		p.hides = p.hides || (c.ShareData != nil && !*c.ShareData)
		p.brings = p.brings || c.Bring != BringOwn
	}
}

func (p *players) idle() bool {
	for _, c := range p.choice {
		if c.played() {
			return false
		}
	}
	return p.voice == nil
}

// RuleChoice is what the model's rules decide for an actor as the engine
// stands now (the world may move before the decision is taken: a shock, a
// meeting). The rules not listed are constant: a delegate brings its own
// priorities, and every partner shares its data.
type RuleChoice struct {
	Commitment    float64 // c: the commitment in the committed share m = c·μ·(1−δ)
	Mandate       float64 // μ: its delegate's effective mandate under the steering style
	Pledge        float64 // the pooled share the pledge rule gives at a funding round now; 0 for a non-funder or without a pooled fund
	AttendChance  float64 // the chance it attends a meeting: a_0 + (1 − a_0)·c, raised by a hosting funder's convening
	StayValue     float64 // V: the value of staying weighed at a review now
	OutsideOption float64 // O: it may leave at a review when V < O
	ExitChance    float64 // the chance it leaves at a review now: the exit hazard when V < O, else 0
}

// RuleOf is what the model's rules would decide for actor i now.
func (e *Engine) RuleOf(i int) RuleChoice {
	a := &e.actors[i]
	r := RuleChoice{Commitment: a.Commitment, Mandate: e.mandate(i), AttendChance: e.attendChance(a), OutsideOption: a.OutsideOption}
	if e.funds(i) && e.sc.Funding.Pooled {
		first := e.plan.tick == 0
		funders, sum := e.pledgers()
		r.Pledge = e.pledgeRule(i, first, funders, sum, e.satisfaction(i, first))
	}
	if a.Member {
		r.StayValue, _ = e.p.Membership.StayValue(e.stay(i))
		if r.StayValue < a.OutsideOption {
			r.ExitChance = e.p.Membership.ExitHazard
		}
	}
	return r
}

// PoolShare is funder i's pooled share this funding round.
func (e *Engine) PoolShare(i int) float64 { return e.fund.share[i] }

// DataSharing is what goes into the shared measurement this week.
type DataSharing struct {
	Records int     // records of the enrolled that are shared (their homes share their data)
	Hours   float64 // hours a week the shared records cost the joint work
	Sampled int     // records in the last collection's sample
}

// Sharing reports the shared data (zero without shared measurement).
func (e *Engine) Sharing() DataSharing {
	if !e.sc.Governance.SharedMeasurement {
		return DataSharing{}
	}
	n := e.sharedRecords()
	return DataSharing{Records: n, Hours: e.p.Measurement.Hours * float64(n), Sampled: e.sampled}
}

// Coordination is this week's joint work: its need, the backbone's supply
// and what falls on the partners.
func (e *Engine) Coordination() agents.Coordination { return e.plan.coord }

// committedC is the commitment c of actor i's committed share: a
// player's, or the actor's own.
func (e *Engine) committedC(i int) float64 {
	if e.play != nil {
		if c := e.play.choice[i].Commitment; c != nil {
			return *c
		}
	}
	return e.actors[i].Commitment
}

// sharedRecords counts the enrolled whose records go into the shared data:
// all of them unless a partner keeps its own out (its Enrolled).
func (e *Engine) sharedRecords() int {
	n := len(e.bens.active)
	if e.play == nil || !e.play.hides {
		return n
	}
	for i, c := range e.play.choice {
		if c.ShareData != nil && !*c.ShareData {
			n -= e.actors[i].Enrolled
		}
	}
	return n
}

// sampleFrame is the enrolled whose records may be drawn into the sample:
// every one, or with a partner keeping its records out, the others.
func (e *Engine) sampleFrame() []int32 {
	b := &e.bens
	if e.play == nil || !e.play.hides {
		return b.active
	}
	p := e.play
	p.frame = p.frame[:0]
	for _, k := range b.active {
		if h := e.pop.Home[k]; h < 0 || p.choice[h].ShareData == nil || *p.choice[h].ShareData {
			p.frame = append(p.frame, k)
		}
	}
	return p.frame
}

// playLeaves takes out, at the start of a week, each member whose players
// chose not to stay.
func (e *Engine) playLeaves() {
	left := false
	for i, c := range e.play.choice {
		if c.Stay != nil && !*c.Stay && e.actors[i].Member {
			v, _ := e.p.Membership.StayValue(e.stay(i))
			e.event(agents.Exit, i, -1, v, "its players chose to leave")
			e.leave(i)
			left = true
		}
	}
	if left {
		e.checkBreakUp()
	}
}

// stays reports whether players hold actor i in the partnership at a
// review, whatever its stay value says.
func (e *Engine) stays(i int) bool {
	if e.play == nil {
		return false
	}
	s := e.play.choice[i].Stay
	return s != nil && *s
}

// attends is actor i's attendance: the draw u against its chance q, or its
// players' choice (u is drawn all the same).
func (e *Engine) attends(i int, u, q float64) bool {
	if e.play != nil {
		if c := e.play.choice[i].Attend; c != nil {
			return *c
		}
	}
	return u < q
}

// pledged is funder i's pooled share for the round: its players', or the
// rule's score.
func (e *Engine) pledgedShare(i int, rule float64) (share float64, played bool) {
	if e.play != nil {
		if c := e.play.choice[i].Pledge; c != nil {
			return *c, true
		}
	}
	return rule, false
}

// target is the agenda the table settles on at one meeting
// (agents.Target), with each delegate's position what it brings.
func (e *Engine) target() agents.Vec {
	pl := &e.plan
	if e.play == nil || !e.play.brings {
		return agents.Target(e.actors, pl.weights, e.seats())
	}
	// Put what each delegate brings in the place of its priorities for
	// this one computation, and put the priorities back.
	p := e.play
	p.position = p.position[:0]
	for i, c := range p.choice {
		p.position = append(p.position, e.actors[i].Priority)
		switch c.Bring {
		case BringNeeds:
			e.actors[i].Priority = pl.believed
		case BringPlan:
			e.actors[i].Priority = pl.agenda
		}
	}
	t := agents.Target(e.actors, pl.weights, e.seats())
	for i := range p.choice {
		e.actors[i].Priority = p.position[i]
	}
	return t
}

// believedSeat is the profile of needs in the beneficiaries' seat: the
// youth representative's, or the believed one.
func (e *Engine) believedSeat() agents.Vec {
	if e.play != nil && e.play.voice != nil {
		return *e.play.voice
	}
	return e.plan.believed
}
