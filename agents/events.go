package agents

import "fmt"

// EventKind is what happened to the partnership.
type EventKind uint8

// The kinds of event. The first five come from the world (a hazard per
// year, drawn once per replicate so that every design meets the same
// shocks); the rest are the partnership's own doing. A kind's code is its
// place in this list, so new kinds go at its end.
const (
	ChampionLeft EventKind = iota
	FunderCut
	FunderWithdrew
	PolicyShift
	StaffTurnover
	ChampionEmerged
	PlanAgreed
	PlanFailed
	ReviewOpened
	Conflict
	ConflictResolved
	Exit
	Join
	BrokeUp
	PledgeCut
	BackboneUnderfunded
	InnovationAdopted
	InnovationAbandoned
	PhaseChanged
	Stalled
	Intervention          // the design was changed mid-run (sim's Engine.Intervene)
	FundingRound          // a funding commitment opened: the funders decided what to give for its term
	PooledFundStarted     // the pooled fund paid the partners for the first time in the run
	TriggerFired          // an adaptive design's rule saw its signpost hold (sim's Rule); its intervention follows
	NumEventKinds     int = iota
)

var eventNames = [NumEventKinds]string{
	"champion_left", "funder_cut", "funder_withdrew", "policy_shift", "staff_turnover",
	"champion_emerged", "plan_agreed", "plan_failed", "review_opened", "conflict", "conflict_resolved", "exit", "join",
	"broke_up", "pledge_cut", "backbone_underfunded", "innovation_adopted", "innovation_abandoned",
	"phase", "stalled", "intervention", "funding_round", "pooled_fund_started", "trigger_fired",
}

func (k EventKind) String() string {
	if int(k) >= NumEventKinds {
		return fmt.Sprintf("event(%d)", int(k))
	}
	return eventNames[k]
}

// EventNames lists the kinds' names in order (a new slice each call).
func EventNames() []string { return append([]string(nil), eventNames[:]...) }

// World reports whether the kind is a shock from outside the partnership.
func (k EventKind) World() bool { return k <= StaffTurnover }

// Event is one entry of a run's event log: when, what, who, and why.
type Event struct {
	Tick  int
	Kind  EventKind
	Actor int     // actor concerned; −1 for the partnership as a whole
	Other int     // second actor (a conflict's other side); −1 if none
	Value float64 // a magnitude: a cut's share, a pledge, an innovation's effect, a phase
	Cause string  // why, in words (a constant: logging allocates nothing)
}

// EventRates holds the yearly hazards of the shocks a partnership meets
// and their sizes. All are assumptions (docs/MODEL.md §8).
type EventRates struct {
	ChampionLeaves  float64 `yaml:"champion_leaves"`  // h_C: yearly chance the champion leaves
	ChampionEmerges float64 `yaml:"champion_emerges"` // yearly chance a new champion emerges, at full commitment
	FunderCut       float64 `yaml:"funder_cut"`       // h_F: yearly chance per funder of a budget cut
	CutLow          float64 `yaml:"cut_low"`          // a cut takes U(low, high) of the budget
	CutHigh         float64 `yaml:"cut_high"`
	FunderWithdraws float64 `yaml:"funder_withdraws"` // yearly chance per funder that it withdraws
	PolicyChange    float64 `yaml:"policy_change"`    // h_P: yearly chance of a policy change
	PolicyShift     float64 `yaml:"policy_shift"`     // how far a policy change moves public actors' KPIs toward new priorities
	StaffTurnover   float64 `yaml:"staff_turnover"`   // h_S: yearly chance per actor that its key person leaves
	TurnoverLoss    float64 `yaml:"turnover_loss"`    // ℓ_S: share of the trust built with that person that is lost
}

// Shock is a world event drawn at the start of a run for the tick it
// happens: its kind, the actor it strikes (−1: the partnership), a size
// and, for a policy change, the priorities it moves toward.
type Shock struct {
	Tick    int
	Kind    EventKind
	Actor   int
	Size    float64
	Profile Vec
}
