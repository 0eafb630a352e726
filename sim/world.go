package sim

import "github.com/cisim/cisim/agents"

// world is the week's turn of the world: young people of the new cohort
// enter and join the outreach queue (at its head, reached at entry, for a
// share s_X once the approach has spread), those whose own time has come
// reach the outcome without the programme, those who turn age_out leave
// the target group, and the world's shocks strike.
func (e *Engine) world(t int) {
	e.enter(t)
	e.naturalOutcomes(t)
	e.ageOut(t)
	e.shocksNow(t)
}

func (e *Engine) enter(t int) {
	b, pop := &e.bens, e.pop
	spread := e.plan.phase == agents.Exponential
	for b.entrant < pop.N && int(pop.Entry[b.entrant]) <= t {
		k := b.entrant
		b.entrant++
		pop.State[k] = agents.NotReached
		b.count.present++
		e.joinOut(k)
		if spread && pop.Early[k] < e.p.Phases.Spread {
			e.pushFront(k)
		} else {
			e.pushQueue(k)
		}
	}
}

// naturalOutcomes lets beneficiaries reach the outcome on their own (the
// deadweight a programme must not claim).
func (e *Engine) naturalOutcomes(t int) {
	b, pop := &e.bens, e.pop
	for b.natPos < pop.N {
		k := int(b.natOrder[b.natPos])
		if int(pop.Natural[k]) > t {
			return
		}
		b.natPos++
		if !pop.State[k].InNeed() {
			continue
		}
		e.leaveNeed(k)
		pop.State[k] = agents.OutcomeReached
		pop.Done[k] = int32(t)
		b.count.outcomes++
		b.count.natural++
		if pop.Since[k] >= 0 {
			b.count.partOutcomes++
		}
	}
}

// ageOut takes those who turn age_out out of the target group.
func (e *Engine) ageOut(t int) {
	b, pop := &e.bens, e.pop
	for b.agePos < pop.N {
		k := int(b.ageOrder[b.agePos])
		if int(pop.AgeOut[k]) > t {
			return
		}
		b.agePos++
		if !pop.State[k].InNeed() {
			continue
		}
		e.leaveNeed(k)
		pop.State[k] = agents.AgedOut
		pop.Done[k] = int32(t)
		b.count.agedOut++
	}
}

// leaveNeed takes a beneficiary in need out of the programme or out of the
// sums of those in need outside it.
func (e *Engine) leaveNeed(k int) {
	if e.pop.State[k].Active() {
		e.deactivate(k)
		return
	}
	e.leaveOut(k)
}

// leaveOut removes a beneficiary who is not enrolled from the sums of
// those in need.
func (e *Engine) leaveOut(k int) {
	b := &e.bens
	for d := range b.outNeed {
		b.outNeed[d] -= e.pop.Need[k*agents.NumDomains+d]
		b.outProg[d] -= e.pop.Progress[k*agents.NumDomains+d]
	}
}

// joinOut adds a beneficiary in need who is not enrolled to those sums.
func (e *Engine) joinOut(k int) {
	b := &e.bens
	for d := range b.outNeed {
		b.outNeed[d] += e.pop.Need[k*agents.NumDomains+d]
		b.outProg[d] += e.pop.Progress[k*agents.NumDomains+d]
	}
}

// deactivate takes beneficiary k off the active list and its home's roll.
func (e *Engine) deactivate(k int) {
	b := &e.bens
	pos := b.activePos[k]
	last := b.active[len(b.active)-1]
	b.active[pos] = last
	b.activePos[last] = pos
	b.active = b.active[:len(b.active)-1]
	b.activePos[k] = -1
	if h := e.pop.Home[k]; h >= 0 {
		e.actors[h].Enrolled--
	}
}

func (e *Engine) pushQueue(k int) {
	b := &e.bens
	b.queue[(b.qHead+b.qLen)%e.pop.N] = int32(k)
	b.qLen++
}

func (e *Engine) pushFront(k int) {
	b := &e.bens
	b.qHead = (b.qHead + e.pop.N - 1) % e.pop.N
	b.queue[b.qHead] = int32(k)
	b.qLen++
}

// SharePopulation lets engines that are reset one after another on one
// goroutine share their draws of the population: the replicate's world is
// the same under every design, so where an engine is reset to the seed and
// replicate another last drew, with the same population parameters,
// beneficiaries and horizon, it copies that population (and the outreach
// order and the order of natural outcomes and ageing out) instead of
// drawing it again. The copy is the draw, bit for bit: resetPopulation is
// the only user of the population's stream, which every Reset seeds
// afresh. Engines that run on different goroutines must not share.
func SharePopulation(engines ...*Engine) {
	w := &sharedPopulation{}
	for _, e := range engines {
		e.bens.shared = w
	}
}

// populationKey is everything resetPopulation's draw depends on.
type populationKey struct {
	seed      uint64
	replicate int
	rule      agents.PopulationRule
	bens      Beneficiaries
	n, ticks  int
}

// sharedPopulation is the last population drawn by engines that share
// (SharePopulation), as resetPopulation left it.
type sharedPopulation struct {
	key                                  populationKey
	ok                                   bool
	need, prior, voice, threshold, early []float64
	recordErr                            []float32
	entry, ageOut, natural               []int32
	queue, natOrder, ageOrder            []int32
}

// population draws the replicate's population (resetPopulation), or
// copies it from the engine it shares with that drew it last. A key with
// a NaN never matches, so such a population is always drawn.
func (e *Engine) population(seed uint64, replicate int) {
	w := e.bens.shared
	if w == nil {
		e.resetPopulation()
		return
	}
	key := populationKey{seed, replicate, e.p.Population, e.sc.Beneficiaries, e.pop.N, e.ticks}
	if w.ok && w.key == key {
		e.copyPopulation(w)
		return
	}
	e.resetPopulation()
	pop, b, first := e.pop, &e.bens, e.sc.Beneficiaries.Count
	w.key, w.ok = key, true
	w.need, w.prior, w.voice = append(w.need[:0], pop.Need...), append(w.prior[:0], pop.Prior...), append(w.voice[:0], pop.Voice...)
	w.threshold, w.early = append(w.threshold[:0], pop.Threshold...), append(w.early[:0], pop.Early...)
	w.recordErr = append(w.recordErr[:0], pop.RecordErr...)
	w.entry, w.ageOut, w.natural = append(w.entry[:0], pop.Entry...), append(w.ageOut[:0], pop.AgeOut...), append(w.natural[:0], pop.Natural...)
	w.queue = append(w.queue[:0], b.queue[:first]...)
	w.natOrder, w.ageOrder = append(w.natOrder[:0], b.natOrder...), append(w.ageOrder[:0], b.ageOrder...)
}

// copyPopulation leaves the population as resetPopulation would draw it
// for w's key.
func (e *Engine) copyPopulation(w *sharedPopulation) {
	pop, b, first := e.pop, &e.bens, e.sc.Beneficiaries.Count
	copy(pop.Need, w.need)
	clear(pop.Progress)
	copy(pop.Prior, w.prior)
	copy(pop.Voice, w.voice)
	copy(pop.Threshold, w.threshold)
	copy(pop.Early, w.early)
	copy(pop.RecordErr, w.recordErr)
	copy(pop.Entry, w.entry)
	copy(pop.AgeOut, w.ageOut)
	copy(pop.Natural, w.natural)
	for k := range pop.N {
		e.clearBeneficiary(k)
	}
	copy(b.queue, w.queue)
	b.qHead, b.qLen = 0, first
	copy(b.natOrder, w.natOrder)
	copy(b.ageOrder, w.ageOrder)
}
