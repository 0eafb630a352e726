package sim

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/cisim/cisim/agents"
)

// Engine runs one scenario. Build it with New, draw a world with Reset,
// then Step or Run. Every buffer is allocated in New, so Reset, Step and
// Run allocate nothing.
type Engine struct {
	sc    Scenario
	p     *Params
	ticks int
	rs    *streams
	ready agents.Readiness

	actors []agents.Actor
	trust  agents.Trust
	pop    *agents.Population
	thr    []float64 // readiness thresholds on the Readiness scale

	tick        int
	agenda      agents.Vec // common agenda (priority over domains)
	believed    agents.Vec // ν_B: need profile revealed by engagement
	measured    agents.Vec // ν_M: need profile shown by shared measurement
	maturity    float64    // M
	coord       agents.Coordination
	phase       agents.Phase
	phaseTick   [agents.NumPhases]int
	agendaAtRun agents.Vec
	innovations int // adopted since the start
	innovRun    int // adopted since the run phase began

	// Funding.
	share        []float64    // funders' pooled share this round
	grants       []float64    // SEK a year from separate grants, per actor
	pooled       []agents.Vec // SEK a year from the pooled fund, per actor and domain
	pool         float64      // SEK a year in the pooled fund this round
	backbonePaid float64      // share of the backbone's cost that is paid
	agreed       bool         // partners have agreed a plan: pledged pooled money is paid
	applications []int        // applications each actor writes this round
	appLeft      []int        // weeks of application writing left
	roundSpend   []float64    // SEK each actor spent since the last round
	target       []float64    // staff hours a tick the actor's money buys
	meetingHours []float64
	coordHours   []float64
	commit       []float64 // m_j = c·mandate when a common agenda exists
	weights      []float64
	scores       []float64
	alloc        []float64
	exited       []bool
	initial      int

	// Service delivery.
	ref      []float64 // referral shares r_hi, row h
	load     []float64
	intA     []agents.Vec // per home actor: A_h,d of x = A + B·r
	intB     []agents.Vec
	groupRes []agents.Vec // residual need summed over each home's beneficiaries
	referred float64      // beneficiaries served through referral (last tick)

	// Beneficiary bookkeeping.
	drift       []agents.Vec // need multipliers per tick
	natOrder    []int32      // beneficiaries by natural outcome tick
	natPos      int
	queue       []int32 // ring of beneficiaries to reach
	qHead, qLen int
	active      []int32 // enrolled beneficiaries
	activePos   []int32 // position in active, −1 if not active
	outNeed     agents.Vec
	outProg     agents.Vec // need and progress summed over those in need but not enrolled
	activeRes   agents.Vec // residual need summed over the enrolled (this tick)
	coverage    agents.Vec // coverage summed over the enrolled (this tick)
	lastCov     agents.Vec // mean coverage of the enrolled when last anyone was enrolled
	nCovered    int
	outcomes    int
	byProgram   int
	dropped     int
	reached     int
	weeksToOut  float64
	perTick     []int32 // outcomes per tick
	cost        float64
	metrics     []float64 // ticks × NumMetrics
}

// New validates the scenario and builds an engine for it.
func New(sc Scenario) (*Engine, error) {
	if err := sc.Validate(); err != nil {
		return nil, err
	}
	sc.Actors = slices.Clone(sc.Actors)
	n, N := len(sc.Actors), sc.Beneficiaries.Count
	e := &Engine{sc: sc, ticks: sc.Ticks(), rs: newStreams()}
	e.p = &e.sc.Params
	e.ready = agents.NewReadiness(sc.Problem.Complementarity)
	e.actors = make([]agents.Actor, n)
	e.trust = agents.NewTrust(n)
	e.pop = agents.NewPopulation(N)
	e.thr = make([]float64, N)
	for _, f := range []*[]float64{&e.share, &e.grants, &e.roundSpend, &e.target, &e.meetingHours,
		&e.coordHours, &e.commit, &e.weights, &e.scores, &e.alloc, &e.load} {
		*f = make([]float64, n)
	}
	e.pooled = make([]agents.Vec, n)
	e.intA = make([]agents.Vec, n)
	e.intB = make([]agents.Vec, n)
	e.groupRes = make([]agents.Vec, n)
	e.applications = make([]int, n)
	e.appLeft = make([]int, n)
	e.exited = make([]bool, n)
	e.ref = make([]float64, n*n)
	e.drift = make([]agents.Vec, e.ticks+1)
	e.natOrder = make([]int32, N)
	e.queue = make([]int32, N)
	e.active = make([]int32, 0, N)
	e.activePos = make([]int32, N)
	e.perTick = make([]int32, e.ticks)
	e.metrics = make([]float64, e.ticks*NumMetrics)
	return e, nil
}

// Scenario returns the scenario the engine runs.
func (e *Engine) Scenario() *Scenario { return &e.sc }

// Ticks returns the number of ticks of a run.
func (e *Engine) Ticks() int { return e.ticks }

// Tick returns the number of ticks run since Reset.
func (e *Engine) Tick() int { return e.tick }

// Actors returns the actors' current state (read only).
func (e *Engine) Actors() []agents.Actor { return e.actors }

// TrustMatrix returns the current trust matrix (read only).
func (e *Engine) TrustMatrix() agents.Trust { return e.trust }

// Population returns the beneficiaries' current state (read only).
func (e *Engine) Population() *agents.Population { return e.pop }

// Phase returns the phase reached so far.
func (e *Engine) Phase() agents.Phase { return e.phase }

// Agenda returns the common agenda.
func (e *Engine) Agenda() agents.Vec { return e.agenda }

// Reset draws the initial world of one replicate and clears all state.
// The world comes from the actors, population and needs streams only, so it
// is the same whatever the governance design.
func (e *Engine) Reset(seed uint64, replicate int) {
	e.rs.seed(seed, replicate)
	e.resetActors()
	e.resetPopulation()
	e.resetNeeds()
	e.resetPartnership()
}

func (e *Engine) resetActors() {
	p, rng := e.p, e.rs.get(streamActors)
	n := len(e.actors)
	for i, s := range e.sc.Actors {
		a := &e.actors[i]
		*a = agents.Actor{
			Name: s.Name, Sector: s.Sector, Capability: s.Capability, Values: s.Values,
			KPI: s.KPI.Normalized(), Budget: s.Budget, Staff: s.Staff, Mandate: s.Mandate,
			Reach: s.Reach, Member: s.Member, Productivity: 1,
		}
		a.Priority = a.KPI
		a.Commitment = p.CommitInitLow + (p.CommitInitHigh-p.CommitInitLow)*rng.Float64()
		a.OutsideOption = p.OutsideOptionHigh * rng.Float64()
	}
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			v := 1.0
			if i != j {
				v = p.TrustInitLow + (p.TrustInitHigh-p.TrustInitLow)*rng.Float64()
			}
			e.trust.Set(i, j, v)
		}
	}
}

func (e *Engine) resetPopulation() {
	p, pop, rng := e.p, e.pop, e.rs.get(streamPopulation)
	mean := e.sc.Beneficiaries.MeanNeed
	var need [agents.NumDomains]distuv.Beta
	for d := range need {
		need[d] = distuv.Beta{Alpha: mean[d] * p.NeedConcentrate, Beta: (1 - mean[d]) * p.NeedConcentrate, Src: rng}
	}
	prior := distuv.Beta{Alpha: p.PriorTrustA, Beta: p.PriorTrustB, Src: rng}
	voice := distuv.Beta{Alpha: p.VoiceA, Beta: p.VoiceB, Src: rng}
	threshold := distuv.Beta{Alpha: p.ThresholdA, Beta: p.ThresholdB, Src: rng}
	weekly := p.NaturalRate / float64(p.TicksPerYear)
	for b := 0; b < pop.N; b++ {
		for d := range need {
			pop.Need[b*agents.NumDomains+d] = need[d].Rand()
			pop.Progress[b*agents.NumDomains+d] = 0
		}
		pop.Prior[b] = prior.Rand()
		pop.Voice[b] = voice.Rand()
		pop.Threshold[b] = threshold.Rand()
		nat := math.MaxInt32
		if weekly > 0 {
			nat = int(math.Min(math.MaxInt32, rng.ExpFloat64()/weekly))
		}
		pop.Natural[b] = int32(nat)
		pop.State[b] = agents.NotReached
		pop.Trust[b] = 0
		pop.Home[b] = -1
		pop.Since[b] = -1
		pop.Done[b] = -1
		pop.ByProgram[b] = false
		pop.Dropped[b] = false
		e.thr[b] = e.ready.Threshold(pop.Threshold[b])
		e.natOrder[b] = int32(b)
		e.queue[b] = int32(b)
		e.activePos[b] = -1
	}
	// Outreach order: a random permutation, the same for every design.
	for b := pop.N - 1; b > 0; b-- {
		k := rng.IntN(b + 1)
		e.queue[b], e.queue[k] = e.queue[k], e.queue[b]
	}
	e.qHead, e.qLen = 0, pop.N
	slices.SortFunc(e.natOrder, func(a, b int32) int {
		return cmp.Or(cmp.Compare(pop.Natural[a], pop.Natural[b]), cmp.Compare(a, b))
	})
}

// resetNeeds draws the drift of the need profile: each domain's needs are
// scaled by m_d(t) = exp(Σ ε), ε ~ N(0, σ) a week.
func (e *Engine) resetNeeds() {
	rng, sigma := e.rs.get(streamNeeds), e.sc.Problem.NeedDrift
	var logm agents.Vec
	for t := range e.drift {
		for d := range logm {
			e.drift[t][d] = math.Exp(logm[d])
			logm[d] += sigma * rng.NormFloat64()
		}
	}
}

func (e *Engine) resetPartnership() {
	e.tick, e.maturity, e.phase = 0, 0, agents.Initiation
	e.innovations, e.innovRun = 0, 0
	for k := range e.phaseTick {
		e.phaseTick[k] = -1
	}
	e.phaseTick[agents.Initiation] = 0
	e.coord = agents.Coordination{Coverage: 1, Quality: 1}
	e.pool, e.backbonePaid, e.referred, e.agreed = 0, 0, 0, false
	e.initial = 0
	for i := range e.actors {
		e.share[i], e.grants[i], e.roundSpend[i] = 0, 0, 0
		e.pooled[i] = agents.Vec{}
		e.groupRes[i] = agents.Vec{}
		e.applications[i], e.appLeft[i] = 0, 0
		e.exited[i] = false
		if e.actors[i].Member {
			e.initial++
		}
	}
	// What the partners believe the needs are before hearing anyone: the
	// mean of their own KPIs.
	var belief agents.Vec
	for i := range e.actors {
		if e.actors[i].Member {
			for d := range belief {
				belief[d] += e.actors[i].KPI[d]
			}
		}
	}
	e.believed = belief.Normalized()
	e.measured = e.believed
	for i := range e.actors {
		e.actors[i].Attended = e.actors[i].Member
	}
	agents.InfluenceWeights(e.weights, e.actors, e.sc.Governance.PowerSharing)
	e.agenda = agents.AgendaTarget(e.actors, e.weights, e.believed, 0, e.measured, 0)
	e.agendaAtRun = e.agenda
	for i := range e.actors {
		e.actors[i].Attended = false
	}
	e.active = e.active[:0]
	e.natPos = 0
	e.outNeed, e.outProg = agents.Vec{}, agents.Vec{}
	for b := 0; b < e.pop.N; b++ {
		for d := range e.outNeed {
			e.outNeed[d] += e.pop.Need[b*agents.NumDomains+d]
		}
	}
	e.activeRes, e.coverage, e.nCovered, e.lastCov = agents.Vec{}, agents.Vec{}, 0, agents.Vec{}
	e.outcomes, e.byProgram, e.dropped, e.reached = 0, 0, 0, 0
	e.weeksToOut, e.cost = 0, 0
	clear(e.perTick)
	clear(e.metrics)
	// Staff already paid from the actors' own budgets is in place at the
	// start; new money ramps up.
	for i := range e.actors {
		a := &e.actors[i]
		a.Capacity = e.affordable(a, a.Budget)
		if !a.IsFunder() {
			for d := range a.Routine {
				a.Routine[d] = a.Capacity * a.Priority[d]
			}
		}
	}
}

// affordable is the staff hours a tick that yearly money buys, up to staff.
// A funder's budget is grant money, not its own staff: its staff is its own.
func (e *Engine) affordable(a *agents.Actor, money float64) float64 {
	staffHours := a.Staff * 40 * 52 / float64(e.p.TicksPerYear)
	if a.IsFunder() {
		return staffHours
	}
	return math.Min(staffHours, money/float64(e.p.TicksPerYear)/e.sc.Economics.HourlyCost)
}

func (e *Engine) String() string {
	return fmt.Sprintf("sim.Engine{%s, %d actors, %d beneficiaries, %d ticks}", e.sc.Name, len(e.actors), e.pop.N, e.ticks)
}
