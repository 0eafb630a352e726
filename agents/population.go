package agents

// State is where a beneficiary stands in the programme.
type State uint8

// Beneficiary states. OutcomeReached and AgedOut are final; a beneficiary
// who dropped out can be enrolled again or reach the outcome on their own.
const (
	NotReached State = iota
	Enrolled
	Progressing
	OutcomeReached
	DroppedOut
	AgedOut        // left the target group (turned AgeOut) without the outcome
	NotEntered     // not yet in the population (enters with a later cohort)
	NumStates  int = iota
)

var stateNames = [NumStates]string{"not_reached", "enrolled", "progressing", "outcome_reached", "dropped_out", "aged_out", "not_entered"}

func (s State) String() string { return stateNames[s] }

// Active reports whether the beneficiary is in the programme.
func (s State) Active() bool { return s == Enrolled || s == Progressing }

// InNeed reports whether the beneficiary is in the population and has not
// reached the outcome.
func (s State) InNeed() bool { return s != OutcomeReached && s != AgedOut && s != NotEntered }

// PopulationRule holds how the beneficiary population is drawn (the world,
// the same under every design). Shapes are given as a mean and a
// concentration (α + β) of a Beta distribution.
type PopulationRule struct {
	PriorTrustMean float64 `yaml:"prior_trust_mean"` // mean trust in institutions before any contact
	PriorTrustConc float64 `yaml:"prior_trust_conc"` // its Beta concentration
	VoiceMean      float64 `yaml:"voice_mean"`       // mean propensity to speak up when engaged
	VoiceConc      float64 `yaml:"voice_conc"`       // its Beta concentration
	ThresholdMean  float64 `yaml:"threshold_mean"`   // mean readiness needed for a job or studies
	ThresholdConc  float64 `yaml:"threshold_conc"`   // its Beta concentration
	NeedConc       float64 `yaml:"need_conc"`        // Beta concentration of needs around their means
	NaturalRate    float64 `yaml:"natural_rate"`     // yearly hazard of reaching the outcome without the programme
	AtRiskNeed     float64 `yaml:"at_risk_need"`     // a need above this counts as "at risk" in that domain
	AgeLow         float64 `yaml:"age_low"`          // youngest age in the target group
	AgeOut         float64 `yaml:"age_out"`          // age at which a young person leaves the target group
	EntryAgeHigh   float64 `yaml:"entry_age_high"`   // entrants are aged U(age_low, this)
}

// Population is the beneficiary population stored as one slice per field
// (structure of arrays) for speed: the hot loop over enrolled beneficiaries
// touches only the fields it needs. Per-domain fields hold NumDomains
// entries per beneficiary, beneficiary b at [b*NumDomains : (b+1)*NumDomains].
// Entrants of later cohorts are allocated from the start, in the state
// NotEntered until their entry tick.
type Population struct {
	N         int       // everyone who is ever in the population: the first cohort and all entrants
	Need      []float64 // initial need per domain, in [0,1]
	Progress  []float64 // progress per domain, in need units
	State     []State
	Trust     []float64 // trust in the partnership, in [0,1]
	Prior     []float64 // trust in institutions before any contact, in [0,1]
	Voice     []float64 // propensity to speak up when engaged, in [0,1]
	Threshold []float64 // readiness needed for a job or studies, in (0,1)
	Entry     []int32   // tick the beneficiary enters the population (0 for the first cohort)
	Natural   []int32   // tick at which the outcome comes without the programme
	AgeOut    []int32   // tick the beneficiary leaves the target group
	Early     []float64 // uniform draw: reached at entry when below the spread of the approach
	RecordErr []float32 // z per domain: the error of this person's records, a standard normal
	Home      []int16   // actor that enrolled the beneficiary; −1 if none
	Since     []int32   // tick of the latest enrolment; −1 never
	Done      []int32   // tick of the outcome or of the latest drop-out; −1 before
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
		Entry:     make([]int32, n),
		Natural:   make([]int32, n),
		AgeOut:    make([]int32, n),
		Early:     make([]float64, n),
		RecordErr: make([]float32, n*NumDomains),
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

// Cohort is how many enter the population in year y of a run with n in the
// first cohort and a yearly entry rate e: the whole number part of
// n·e·(y+1) minus that of n·e·y, so that fractions accumulate.
func Cohort(n int, rate float64, year int) int {
	at := func(y int) int { return int(float64(n) * rate * float64(y)) }
	return at(year+1) - at(year)
}
