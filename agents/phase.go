package agents

// Phase is the stage a partnership has reached (after the refined model's
// initiation → run → re-design → exponential value, seed 000). Phases are
// read off what the partners have done — agreed a plan, opened it for
// review, agreed it again with results growing — never set by the clock,
// and each changes what the partners do (docs/MODEL.md §7.12).
type Phase uint8

// The phases, in order.
const (
	Initiation  Phase = iota // no agreed plan: partners meet, no joint work is committed, pooled money waits
	Run                      // a plan is agreed and locked: committed hours, pooled money paid
	Redesign                 // the plan is open again: needs are revisited, the agenda can move
	Exponential              // a revised plan with growing results: the approach spreads to new cohorts
	NumPhases   int   = iota
)

var phaseNames = [NumPhases]string{"initiation", "run", "redesign", "exponential"}

func (p Phase) String() string { return phaseNames[p] }

// PhaseNames lists the phases' names in order (a new slice each call).
func PhaseNames() []string { return append([]string(nil), phaseNames[:]...) }

// PhaseRule holds the parameters of the phase transitions and of what the
// exponential phase does.
type PhaseRule struct {
	RedesignShift  float64 `yaml:"redesign_shift"`  // δ_R: distance between evidence and plan that opens a review
	Growth         float64 `yaml:"growth"`          // g: yearly growth of programme outcomes that counts as sustained, two years running
	ExpInnovations int     `yaml:"exp_innovations"` // n_X: practices adopted since the first plan that exponential value needs
	Spread         float64 `yaml:"spread"`          // s_X: share of entering young people reached at entry once the approach spreads
}

// Signals is what a phase transition looks at.
type Signals struct {
	Agreed      bool // a plan was agreed this week
	Review      bool // the plan was opened for review this week
	Growing     bool // programme outcomes grew by g a year in each of the last two years
	Innovations int  // practices adopted since the first plan was agreed
}

// Next returns the phase after observing s in phase p:
//
//	initiation  → run          when a plan is agreed
//	run         → re-design    when the plan is opened for review
//	re-design   → exponential  when the revised plan is agreed, results grew
//	                           two years running and n_X practices were adopted
//	re-design   → run          when the revised plan is agreed otherwise
//	exponential → re-design    when the plan is opened for review
func (r *PhaseRule) Next(p Phase, s Signals) Phase {
	switch p {
	case Initiation:
		if s.Agreed {
			return Run
		}
	case Run, Exponential:
		if s.Review {
			return Redesign
		}
	case Redesign:
		if s.Agreed {
			if s.Growing && s.Innovations >= r.ExpInnovations {
				return Exponential
			}
			return Run
		}
	}
	return p
}

// NeedsReview reports whether the agenda the table would now set — from
// what its members now want and what it now knows of needs — has moved far
// enough from the plan in force to open it: 1 − A(a*, a) ≥ δ_R.
func (r *PhaseRule) NeedsReview(target, plan Vec) bool {
	return 1-Alignment(target, plan) >= r.RedesignShift
}

// Sustained reports whether yearly outcomes grew by at least g in each of
// the last two years: y2 ≥ g·y1 and y1 ≥ g·y0 with y0 > 0.
func (r *PhaseRule) Sustained(y0, y1, y2 float64) bool {
	return y0 > 0 && y1 >= r.Growth*y0 && y2 >= r.Growth*y1
}

// Open reports whether the agenda can move in phase p (the plan is not
// locked).
func (p Phase) Open() bool { return p == Initiation || p == Redesign }
