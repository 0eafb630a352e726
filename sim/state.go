package sim

import "github.com/cisim/cisim/agents"

// partnership is the state of the partnership as a whole.
type partnership struct {
	tick      int
	phase     agents.Phase
	phaseTick [agents.NumPhases]int
	agenda    agents.Vec // a: the common agenda on the table (the plan's priorities over domains)
	plan      agents.Vec // the plan in force: the agenda as last agreed, kept through a re-design
	believed  agents.Vec // ν_B: need profile revealed by engagement
	measured  agents.Vec // ν_M: need profile the shared indicators published
	collected agents.Vec // the profile collected this cycle, published at the next
	hasData   bool       // a profile has been collected
	published bool       // a profile has been published
	maturity  float64    // M
	coord     agents.Coordination
	followUp  float64 // f: share of decay and failed hand-offs prevented this week

	agreed       bool // a plan is in force
	everAgreed   bool
	pending      bool // a plan is on the table
	justAgreed   bool // a plan was agreed this week
	justReviewed bool // the plan was opened for review this week
	champion     int  // actor whose leader champions the partnership; −1 none

	weights  []float64 // influence at the table
	conflict []bool    // open conflicts, n×n (i < j)
	talked   []bool    // pairs that interacted at this week's meeting, n×n
	order    []int     // scratch: attendees in a random order
	distance []float64 // capability distance of each pair, n×n
	similar  []float64 // value similarity of each pair, n×n, as the values stand (agents.Similarities)
	moved    []bool    // scratch: actors whose values moved at this week's meeting
	trials   []agents.Trial
	adopted  int // practices adopted since the first plan was agreed
	adoption int // adoptions of all practices

	shocks   []agents.Shock // the world's shocks, by tick
	shockPos int

	initial      int // members at the start
	brokeUp      bool
	exited       []bool
	meetingHours []float64 // hours in this week's meeting, per actor
	extraHours   []float64 // one-off hours this week: decisions, agreements
	coordHours   []float64 // share of the coordination burden
	joint        []float64 // each actor's jointness summed over the weeks since the last review
	jointWeeks   int       // weeks summed in joint
}

func (p *partnership) alloc(n int) {
	p.weights = make([]float64, n)
	p.conflict = make([]bool, n*n)
	p.talked = make([]bool, n*n)
	p.order = make([]int, 0, n)
	p.trials = make([]agents.Trial, 0, n)
	p.distance = make([]float64, n*n)
	p.similar = make([]float64, n*n)
	p.moved = make([]bool, n)
	p.exited = make([]bool, n)
	p.meetingHours = make([]float64, n)
	p.extraHours = make([]float64, n)
	p.coordHours = make([]float64, n)
	p.joint = make([]float64, n)
}

// funding is the state of the money: this round's allocations and what
// funders expect.
type funding struct {
	share    []float64    // each funder's pooled share this round
	expect   []float64    // E_f: each funder's expected cost per programme outcome
	grants   []float64    // SEK a year of separate grants to each actor
	pooled   []agents.Vec // SEK a year of pooled money to each actor, by domain
	sep      []float64    // each funder's separate grant money this round
	caps     []float64    // scratch: what each actor can still absorb
	scores   []float64    // scratch: grant scores
	weights  []float64    // scratch: allocation weights
	round    float64      // Σ funders' budgets this round, a year
	left     float64      // money this round nobody could absorb, a year
	poolYear float64      // the pool after the backbone, a year
	bbPaid   float64      // backbone paid this round, a year
	paid     float64      // share of the backbone's cost that is paid
	host     int          // funder hosting the backbone; −1 none
	next     int          // the week of the next funding round
	started  bool         // the pooled fund has paid the partners in this run (PooledFundStarted logged)
	// redesign is what an intervention changed that takes effect at the
	// next funding round (the funding, the backbone); nil: nothing.
	redesign *roundDesign
	pledged  []float64    // each funder's pooled share when the plan was agreed
	spend    []float64    // SEK each actor spent since the last round
	cost     float64      // SEK the programme cost since the last round
	results  float64      // programme outcomes since the last round
	apps     []int        // applications each actor writes this round
	appLeft  []int        // weeks of application writing left
	target   []float64    // staff hours a week the actor's money buys
	perc     []agents.Vec // ĉap: perceived capability
	percZ    []agents.Vec // z of the perception error, drawn once per replicate
}

func (f *funding) alloc(n int) {
	for _, s := range []*[]float64{&f.share, &f.expect, &f.grants, &f.sep, &f.caps, &f.scores,
		&f.weights, &f.spend, &f.target, &f.pledged} {
		*s = make([]float64, n)
	}
	f.pooled = make([]agents.Vec, n)
	f.perc = make([]agents.Vec, n)
	f.percZ = make([]agents.Vec, n)
	f.apps = make([]int, n)
	f.appLeft = make([]int, n)
}

// beneficiaries is the bookkeeping of the population and its services.
type beneficiaries struct {
	ref      []float64    // referral shares r_hi, row h
	delivers []bool       // scratch: each actor delivers services this week
	load     []float64    // L_i
	intA     []agents.Vec // per home actor: A_h,d of x = A + B·r
	intB     []agents.Vec
	handoff  []float64    // q_h: weekly hazard of a failed hand-off per home
	groupRes []agents.Vec // residual need summed over each home's beneficiaries
	referred float64      // beneficiaries served through active referral (last week)

	drift      []agents.Vec // need multipliers per tick
	tickCount  []int32      // scratch of byTick, one per tick and one for later
	natOrder   []int32      // beneficiaries by natural outcome tick
	ageOrder   []int32      // beneficiaries by age-out tick
	natPos     int
	agePos     int
	entrant    int     // next entrant (entrants are numbered in entry order)
	queue      []int32 // ring of beneficiaries to reach
	qHead      int
	qLen       int
	active     []int32 // enrolled beneficiaries
	activePos  []int32 // position in active, −1 if not active
	outNeed    agents.Vec
	outProg    agents.Vec // need and progress summed over those in need but not enrolled
	activeRes  agents.Vec // residual need summed over the enrolled (this tick)
	coverage   agents.Vec // coverage summed over the enrolled (this tick)
	lastCov    agents.Vec // mean coverage of the enrolled when last anyone was enrolled
	nCovered   int
	perTick    []int32 // programme outcomes per tick
	yearly     [3]float64
	count      counts
	weeksToOut float64
	shared     *sharedPopulation // the population drawn last by this engine or one it shares with (SharePopulation); nil none
}

// counts are the run's tallies of what happened to beneficiaries.
type counts struct {
	present        int // entered the population so far
	outcomes       int // reached a job or studies, any route
	byProgram      int // reached it through the programme
	natural        int // reached it on their own
	counterfactual int // would have reached it on their own by the horizon without any programme
	participants   int // ever enrolled
	partOutcomes   int // participants who reached the outcome, any route
	dropped        int // dropped out at least once
	lostTrust      int // drop-outs who lost faith
	lostHandoff    int // drop-outs lost in a hand-off
	lostLong       int // left after the longest stay
	agedOut        int // left the target group without the outcome
}

func (b *beneficiaries) alloc(n, N, ticks int) {
	b.ref = make([]float64, n*n)
	b.delivers = make([]bool, n)
	b.load = make([]float64, n)
	b.intA = make([]agents.Vec, n)
	b.intB = make([]agents.Vec, n)
	b.handoff = make([]float64, n)
	b.groupRes = make([]agents.Vec, n)
	b.drift = make([]agents.Vec, ticks+1)
	b.tickCount = make([]int32, ticks+1)
	b.natOrder = make([]int32, N)
	b.ageOrder = make([]int32, N)
	b.queue = make([]int32, N)
	b.active = make([]int32, 0, N)
	b.activePos = make([]int32, N)
	b.perTick = make([]int32, ticks)
}
