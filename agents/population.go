package agents

// State is where a beneficiary stands in the programme.
type State uint8

// Beneficiary states. OutcomeReached and DroppedOut are final, except that a
// beneficiary who dropped out can still reach the outcome on their own.
const (
	NotReached State = iota
	Enrolled
	Progressing
	OutcomeReached
	DroppedOut
	NumStates int = iota
)

var stateNames = [NumStates]string{"not_reached", "enrolled", "progressing", "outcome_reached", "dropped_out"}

func (s State) String() string { return stateNames[s] }

// Active reports whether the beneficiary is in the programme.
func (s State) Active() bool { return s == Enrolled || s == Progressing }

// Population is the beneficiary population stored as one slice per field
// (structure of arrays) for speed: the hot loop over enrolled beneficiaries
// touches only the fields it needs. Per-domain fields hold NumDomains
// entries per beneficiary, beneficiary b at [b*NumDomains : (b+1)*NumDomains].
type Population struct {
	N         int
	Need      []float64 // initial need per domain, in [0,1]
	Progress  []float64 // progress per domain, in need units
	State     []State
	Trust     []float64 // trust in the partnership, in [0,1]
	Prior     []float64 // trust in institutions before any contact, in [0,1]
	Voice     []float64 // propensity to speak up when engaged, in [0,1]
	Threshold []float64 // readiness needed for a job or studies, in (0,1)
	Natural   []int32   // tick at which the outcome comes without the programme
	Home      []int16   // actor that enrolled the beneficiary; −1 if none
	Since     []int32   // tick of enrolment
	Done      []int32   // tick the outcome was reached or the beneficiary dropped out; −1 before
	ByProgram []bool    // outcome reached through the programme (not on their own)
	Dropped   []bool    // dropped out at least once
}

// NewPopulation allocates a population of n beneficiaries.
func NewPopulation(n int) *Population {
	return &Population{
		N:         n,
		Need:      make([]float64, n*NumDomains),
		Progress:  make([]float64, n*NumDomains),
		State:     make([]State, n),
		Trust:     make([]float64, n),
		Prior:     make([]float64, n),
		Voice:     make([]float64, n),
		Threshold: make([]float64, n),
		Natural:   make([]int32, n),
		Home:      make([]int16, n),
		Since:     make([]int32, n),
		Done:      make([]int32, n),
		ByProgram: make([]bool, n),
		Dropped:   make([]bool, n),
	}
}

// Residual is the need of beneficiary b in domain d still to be met, given
// the drift multiplier of that domain's needs: max(0, need·m − progress).
func (p *Population) Residual(b, d int, drift float64) float64 {
	r := p.Need[b*NumDomains+d]*drift - p.Progress[b*NumDomains+d]
	if r < 0 {
		return 0
	}
	return r
}
