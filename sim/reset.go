package sim

import (
	"math"

	"github.com/cisim/cisim/agents"
)

// Reset draws the world of one replicate and clears all state, the
// scenario's design included (what rules or Intervene changed). The world —
// the uncertain numbers, actors' starting state, beneficiaries, needs and
// their drift, the world's shocks and first impressions — comes from world
// streams only, so it is the same whatever the governance design.
func (e *Engine) Reset(seed uint64, replicate int) {
	e.restoreDesign()
	e.rs.seed(seed, replicate)
	e.drawUncertain()
	e.resetActors()
	e.population(seed, replicate)
	e.resetNeeds()
	e.resetShocks()
	e.resetPerception()
	e.resetPartnership()
	e.resetFunding()
	e.log = e.log[:0]
	e.book = agents.Ledger{}
	clear(e.metrics)
}

// posteriorHash keys the uniform that picks a replicate's posterior
// particle; no number has this name.
var posteriorHash = nameHash("posterior particle")

// drawUncertain writes this replicate's draw of every uncertain number into
// the engine's scenario: x = F⁻¹(u), u keyed by the number's name.
func (e *Engine) drawUncertain() {
	var particle []float64
	if post := e.sc.Posterior; post != nil {
		particle = post.Particles[post.Pick(e.rs.uniform(posteriorHash))]
	}
	for i := range e.draws {
		d := &e.draws[i]
		if d.post >= 0 {
			d.value = particle[d.post]
		} else {
			d.value = d.dist.Quantile(e.rs.uniform(d.name))
		}
		*d.ptr = d.value
	}
	if e.ready.Kappa() != e.sc.Problem.Complementarity || !e.ready.Built() {
		e.ready.Set(e.sc.Problem.Complementarity)
	}
}

func (e *Engine) resetActors() {
	p, rng := e.p, e.rs.get(streamActors)
	n := len(e.actors)
	around := func(mean, spread float64) float64 { return mean - spread + 2*spread*rng.Float64() }
	for i, s := range e.sc.Actors {
		a := &e.actors[i]
		*a = agents.Actor{
			Name: s.Name, Sector: s.Sector, Capability: s.Capability, Values: s.Values,
			KPI: s.KPI.Normalized(), Budget: s.Budget, Staff: s.Staff, Mandate: s.Mandate,
			Reach: s.Reach, Bureaucracy: s.Bureaucracy, Member: s.Member, Productivity: 1,
			Integrity: 1, ApprovalDue: -1,
		}
		a.Priority = a.KPI
		a.Commitment = around(p.Commitment.InitMean, p.Commitment.InitSpread)
		a.OutsideOption = p.Membership.OutsideOptionHigh * rng.Float64()
	}
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			v := 1.0
			if i != j {
				v = around(p.Trust.InitMean, p.Trust.InitSpread)
			}
			e.trust.Set(i, j, v)
		}
	}
	copy(e.trust0, e.trust.T)
}

// resetPopulation draws the first cohort and every entrant of later
// cohorts: needs, prior trust, voice, readiness threshold, the tick of a
// natural outcome and of leaving the target group, and the outreach order.
func (e *Engine) resetPopulation() {
	p, pop, b, rng := &e.p.Population, e.pop, &e.bens, e.rs.get(streamPopulation)
	mean := e.sc.Beneficiaries.MeanNeed
	var need [agents.NumDomains]betaDraw
	for d := range need {
		need[d] = newBetaDraw(mean[d]*p.NeedConc, (1-mean[d])*p.NeedConc)
	}
	shaped := func(m, c float64) betaDraw { return newBetaDraw(m*c, (1-m)*c) }
	prior, voice := shaped(p.PriorTrustMean, p.PriorTrustConc), shaped(p.VoiceMean, p.VoiceConc)
	threshold := shaped(p.ThresholdMean, p.ThresholdConc)
	weekly := p.NaturalRate / WeeksPerYear
	first := e.sc.Beneficiaries.Count
	for k := 0; k < pop.N; k++ {
		for d := range need {
			pop.Need[k*agents.NumDomains+d] = need[d].rand(rng)
			pop.Progress[k*agents.NumDomains+d] = 0
		}
		pop.Prior[k], pop.Voice[k], pop.Threshold[k] = prior.rand(rng), voice.rand(rng), threshold.rand(rng)
		entry, ageHigh := 0, p.AgeOut
		if k >= first {
			entry, ageHigh = e.entryTick(k-first), p.EntryAgeHigh
		}
		age := p.AgeLow + (ageHigh-p.AgeLow)*rng.Float64()
		pop.Entry[k] = int32(entry)
		pop.AgeOut[k] = int32(min(math.MaxInt32/2, float64(entry)+math.Ceil((p.AgeOut-age)*WeeksPerYear)))
		pop.Natural[k] = math.MaxInt32
		if weekly > 0 {
			pop.Natural[k] = int32(min(math.MaxInt32/2, float64(entry)+rng.ExpFloat64()/weekly))
		}
		pop.Early[k] = rng.Float64()
		for d := range need {
			pop.RecordErr[k*agents.NumDomains+d] = float32(rng.NormFloat64())
		}
		e.clearBeneficiary(k)
	}
	e.resetQueue(first, rng.IntN)
	e.byTick(b.natOrder, pop.Natural)
	e.byTick(b.ageOrder, pop.AgeOut)
}

// byTick fills order with the beneficiaries sorted by their tick (ties in
// index order), those at or after the horizon last in index order: a
// counting sort, since ticks are whole weeks.
func (e *Engine) byTick(order, tick []int32) {
	count := e.bens.tickCount
	clear(count)
	for _, t := range tick {
		count[min(int(t), e.ticks)]++
	}
	sum := int32(0)
	for t := range count {
		count[t], sum = sum, sum+count[t]
	}
	for k, t := range tick {
		at := min(int(t), e.ticks)
		order[count[at]] = int32(k)
		count[at]++
	}
}

// entryTick is the week entrant k (counted from 0) enters: each year's
// cohort is spread evenly over its weeks.
func (e *Engine) entryTick(k int) int {
	n, rate := e.sc.Beneficiaries.Count, e.sc.Beneficiaries.EntryRate
	for y := 0; ; y++ {
		c := agents.Cohort(n, rate, y)
		if k < c {
			return y*WeeksPerYear + k*WeeksPerYear/c
		}
		k -= c
	}
}

func (e *Engine) clearBeneficiary(k int) {
	pop := e.pop
	pop.State[k] = agents.NotReached
	if k >= e.sc.Beneficiaries.Count {
		pop.State[k] = agents.NotEntered
	}
	pop.Trust[k], pop.Home[k], pop.Since[k], pop.Done[k] = 0, -1, -1, -1
	pop.ByProgram[k], pop.Dropped[k] = false, false
	e.bens.activePos[k] = -1
}

// resetQueue puts the first cohort in the outreach queue in a random order,
// the same for every design; entrants join it as they enter.
func (e *Engine) resetQueue(first int, intN func(int) int) {
	b := &e.bens
	for k := 0; k < first; k++ {
		b.queue[k] = int32(k)
	}
	for k := first - 1; k > 0; k-- {
		j := intN(k + 1)
		b.queue[k], b.queue[j] = b.queue[j], b.queue[k]
	}
	b.qHead, b.qLen = 0, first
}

// resetNeeds draws the drift of the need profile: each domain's needs are
// scaled by m_d(t) = exp(Σ σ_N·z), z ~ N(0, 1) a week.
func (e *Engine) resetNeeds() {
	rng, sigma := e.rs.get(streamNeeds), e.sc.Problem.NeedDrift
	var logm agents.Vec
	for t := range e.bens.drift {
		for d := range logm {
			e.bens.drift[t][d] = math.Exp(logm[d])
			logm[d] += sigma * rng.NormFloat64()
		}
	}
}

// resetPerception draws the first impression of each actor's capability:
// the log error's direction z, one per actor and domain.
func (e *Engine) resetPerception() {
	rng := e.rs.get(streamPerception)
	for i := range e.fund.percZ {
		for d := range e.fund.percZ[i] {
			e.fund.percZ[i][d] = rng.NormFloat64()
		}
	}
}
