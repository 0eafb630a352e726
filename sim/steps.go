package sim

import (
	"github.com/cisim/cisim/agents"
)

// meet holds a steering meeting when one is due: members attend with a
// chance that rises with commitment; each pair that meets updates trust,
// values converge within bounded confidence, commitment follows trust and
// shared values, and with a common agenda the table moves the agenda.
// Pairs that did not meet this tick lose trust toward the floor, less so
// where the backbone follows up in between meetings.
func (e *Engine) meet(t int) {
	p, g := e.p, &e.sc.Governance
	rng := e.rs.get(streamMeetings)
	due := g.MeetingIntervalWeeks > 0 && t%g.MeetingIntervalWeeks == 0
	attending := 0
	for i := range e.actors {
		a := &e.actors[i]
		a.Attended = false
		e.meetingHours[i] = 0
		if due && a.Member {
			a.Attended = rng.Float64() < p.AttendBase+(1-p.AttendBase)*a.Commitment
		}
		if a.Attended {
			attending++
			e.meetingHours[i] = p.MeetingHours
		}
	}
	followUp := 0.0
	if e.coord.Supplied > 0 {
		followUp = p.FollowUp * e.coord.Coverage
	}
	noise := p.TrustNoise * (1 - 0.5*e.maturity)
	trng := e.rs.get(streamTrust)
	n := len(e.actors)
	for i := 0; i < n; i++ {
		ai := &e.actors[i]
		if !ai.Member {
			continue
		}
		for j := 0; j < n; j++ {
			aj := &e.actors[j]
			if j == i || !aj.Member {
				continue
			}
			tau := e.trust.At(i, j)
			if ai.Attended && aj.Attended {
				s := agents.TrustSignal(e.ability(j), ai.Values.Similarity(aj.Values), e.integrity(j),
					p.TrustNeutral, noise*trng.NormFloat64())
				tau = agents.UpdateTrust(tau, s, p.TrustGain, p.TrustLoss)
			} else {
				tau = agents.DecayTrust(tau, p.TrustFloor, p.TrustDecay, followUp)
			}
			e.trust.Set(i, j, tau)
		}
	}
	if attending < 2 {
		return
	}
	meanTrust, pairs, mandate := 0.0, 0, 0.0
	for i := 0; i < n; i++ {
		ai := &e.actors[i]
		if !ai.Attended {
			continue
		}
		mandate += ai.Mandate
		for j := i + 1; j < n; j++ {
			aj := &e.actors[j]
			if !aj.Attended {
				continue
			}
			meanTrust += e.trust.At(i, j) + e.trust.At(j, i)
			pairs += 2
			ai.Values, aj.Values = agents.BoundedConfidence(ai.Values, aj.Values,
				e.trust.At(i, j), e.trust.At(j, i), p.ValueConfidence, p.ValueRate)
		}
	}
	meanTrust /= float64(pairs)
	mandate /= float64(attending)
	for i := range e.actors {
		a := &e.actors[i]
		if a.Attended {
			a.Commitment = agents.UpdateCommitment(a.Commitment, e.meanTrustOf(i), e.meanSimilarityOf(i), p.CommitmentRate)
		}
	}
	if g.CommonAgenda {
		rung := p.Rungs[g.BeneficiaryEngagement]
		agents.InfluenceWeights(e.weights, e.actors, g.PowerSharing)
		target := agents.AgendaTarget(e.actors, e.weights, e.believed, rung.Voice, e.measured, p.DataWeight*e.maturity)
		e.agenda = agents.MoveAgenda(e.agenda, target, p.AgendaRate, meanTrust, mandate)
	}
}

// ability is the share of an actor's capacity that reached services last
// tick (the rest went to overheads).
func (e *Engine) ability(j int) float64 {
	a := &e.actors[j]
	if a.Capacity <= 0 {
		return 0
	}
	return 1 - a.Overhead/a.Capacity
}

// integrity is how far an actor's work follows what it agreed: the common
// agenda where there is one, its own stated priorities otherwise.
func (e *Engine) integrity(j int) float64 {
	a := &e.actors[j]
	if !e.sc.Governance.CommonAgenda {
		return 1
	}
	x := a.Priority
	if a.Hours > 0 {
		x = a.Effort.Normalized()
	}
	return agents.Alignment(x, e.agenda)
}

// engageAndMeasure hears beneficiaries about their needs once a month at
// the engagement rung, matures shared measurement, and reads the measured
// need profile off the shared indicators.
func (e *Engine) engageAndMeasure(t int) {
	p, g, pop := e.p, &e.sc.Governance, e.pop
	e.maturity = agents.Mature(e.maturity, p.MaturityRate, e.coord.Quality, g.SharedMeasurement)
	rung := p.Rungs[g.BeneficiaryEngagement]
	if e.activeRes.Sum() > 0 {
		view := agents.IndicatorView(e.sc.Problem.Measurability, p.IndicatorBias, rung.Indicators)
		e.measured = agents.MeasuredNeeds(e.activeRes, view)
	}
	if t%e.month() != 0 || rung.Sample <= 0 {
		return
	}
	rng := e.rs.get(streamEngagement)
	want := int(rung.Sample)
	var obs agents.Vec
	heard := 0
	m := &e.drift[t]
	for try := 0; heard < want && try < 20*want; try++ {
		b := rng.IntN(pop.N)
		if pop.State[b] == agents.OutcomeReached || rng.Float64() >= pop.Voice[b] {
			continue
		}
		heard++
		for d := range obs {
			obs[d] += pop.Residual(b, d, m[d])
		}
	}
	if heard > 0 && obs.Sum() > 0 {
		e.believed = agents.RevealNeeds(e.believed, obs.Normalized(), float64(heard), p.SampleHalf)
	}
}

// learn moves each delivering member's priorities toward what its feedback
// rewards: with mature shared measurement the collective gaps it can help
// close, otherwise its own reported results.
func (e *Engine) learn() {
	m := e.maturity
	for j := range e.actors {
		if !e.delivers(j) {
			continue
		}
		a := &e.actors[j]
		own := a.Reported
		if own.Sum() <= 0 {
			own = a.Effort
		}
		own = own.Normalized()
		gap := agents.GapReinforcement(e.measured, a.Capability)
		var r agents.Vec
		for d := range r {
			r[d] = m*gap[d] + (1-m)*own[d]
		}
		a.Priority = agents.Learn(a.Priority, r, e.p.LearningRate)
	}
}

// activities takes overheads off each member's capacity, splits the free
// hours over domains (pooled, designated work first), turns hours into
// output, and sets the per-home service intensities through referrals.
func (e *Engine) activities() {
	p, g := e.p, &e.sc.Governance
	rung := p.Rungs[g.BeneficiaryEngagement]
	engageHours := rung.Hours * float64(len(e.active))
	reachCap := 0.0
	var meanCap agents.Vec
	delivering := 0
	for i := range e.actors {
		a := &e.actors[i]
		if a.Member {
			reachCap += a.Reach * a.Capacity
		}
		if e.delivers(i) {
			delivering++
			for d := range meanCap {
				meanCap[d] += a.Capability[d]
			}
		}
	}
	for d := range meanCap {
		meanCap[d] /= float64(max(1, delivering))
	}
	for i := range e.actors {
		a := &e.actors[i]
		a.Effort, a.Output, a.Hours, a.Overhead, a.Places = agents.Vec{}, agents.Vec{}, 0, 0, 0
		e.commit[i] = 0
		if !a.Member {
			continue
		}
		over := e.meetingHours[i] + e.coordHours[i]
		if reachCap > 0 {
			over += engageHours * a.Reach * a.Capacity / reachCap
		}
		if e.appLeft[i] > 0 {
			over += p.ApplicationHours * float64(e.applications[i]) / float64(p.ApplicationWeeks)
			e.appLeft[i]--
		}
		a.Overhead = min(over, a.Capacity)
		if a.Capacity > 0 {
			a.Burden += (a.Overhead/a.Capacity - a.Burden) / float64(p.ReviewWeeks)
		}
		spend := a.Capacity * e.hourly()
		e.cost += spend
		e.roundSpend[i] += spend
		if !e.delivers(i) {
			continue
		}
		free := a.Capacity - a.Overhead
		a.Hours = free
		if free <= 0 {
			continue
		}
		// Pooled money is designated to domains; the rest follows the actor's
		// own priorities blended with the agenda by commitment and mandate.
		designated := 0.0
		var pooledHours agents.Vec
		if e.target[i] > 0 && e.agreed {
			scale := free / e.target[i] / float64(p.TicksPerYear) / e.hourly()
			for d := range pooledHours {
				pooledHours[d] = e.pooled[i][d] * scale
				designated += pooledHours[d]
			}
		}
		if designated > free {
			for d := range pooledHours {
				pooledHours[d] *= free / designated
			}
			designated = free
		}
		if g.CommonAgenda {
			e.commit[i] = a.Commitment * a.Mandate
		}
		x := agents.EffortShares(a.Priority, e.agenda, a.Capability, meanCap, e.commit[i], e.coord.Quality)
		for d := range x {
			a.Effort[d] = pooledHours[d] + (free-designated)*x[d]
			a.Output[d] = agents.Output(a.Effort[d], a.Routine[d], a.Capability[d], a.Productivity, p.NewEfficiency)
			a.Routine[d] = agents.AdaptRoutine(a.Routine[d], a.Effort[d], p.RoutineWeeks)
			a.Reported[d] += a.Output[d]
		}
		if a.Reach > 0 {
			a.Places = int(free * a.Reach / p.HoursPerPlace)
		}
	}
	if bb := g.BackboneStaff * 40 * 52 / float64(p.TicksPerYear) * e.backbonePaid; bb > 0 {
		e.cost += bb * e.hourly()
	}
	e.setIntensities()
}

// setIntensities computes, for the beneficiaries of each home actor h, the
// coefficients of their per-domain service intensity x = A_h,d + B_h,d·r
// (r their own residual need): I_h,d = Σ_i r_hi·O_i,d / L_i shared over the
// group, spread between even (1−ζ) and need-targeted (ζ) delivery.
func (e *Engine) setIntensities() {
	p, g := e.p, &e.sc.Governance
	n := len(e.actors)
	for i := 0; i < n; i++ {
		e.load[i] = 0
	}
	e.referred = 0
	for h := 0; h < n; h++ {
		nh := float64(e.actors[h].Enrolled)
		for i := 0; i < n; i++ {
			r := 0.0
			if nh > 0 && e.delivers(i) && e.actors[h].Member {
				r = agents.Referral(h, i, e.trust, p.ReferralBase, p.ReferralStrength, e.coord.Quality)
			}
			e.ref[h*n+i] = r
			e.load[i] += r * nh
			if i != h && r > p.ReferralBase {
				// Only active referral needs coordinating, not ordinary signposting.
				e.referred += (r - p.ReferralBase) * nh
			}
		}
	}
	zeta := agents.Targeting(p.TargetingBase, g.BeneficiaryEngagement, e.maturity)
	for h := 0; h < n; h++ {
		nh := e.actors[h].Enrolled
		e.intA[h], e.intB[h] = agents.Vec{}, agents.Vec{}
		if nh == 0 {
			continue
		}
		var in agents.Vec
		for i := 0; i < n; i++ {
			r := e.ref[h*n+i]
			if r == 0 || e.load[i] == 0 {
				continue
			}
			for d := range in {
				in[d] += r * e.actors[i].Output[d] / e.load[i]
			}
		}
		for d := range in {
			mean := e.groupRes[h][d] / float64(nh)
			if mean > 0 {
				e.intA[h][d] = in[d] * (1 - zeta)
				e.intB[h][d] = in[d] * zeta / mean
			} else {
				e.intA[h][d] = in[d]
			}
		}
	}
}

// enrol fills each home actor's free places from the outreach queue; a
// beneficiary reached who does not take up goes to the back of the queue.
func (e *Engine) enrol(t int) {
	p, pop := e.p, e.pop
	rng := e.rs.get(streamEnrolment)
	boost := p.Rungs[e.sc.Governance.BeneficiaryEngagement].TrustBoost
	for h := range e.actors {
		a := &e.actors[h]
		free := a.Places - a.Enrolled
		for try := 0; free > 0 && e.qLen > 0 && try < 2*a.Places; try++ {
			b := int(e.queue[e.qHead])
			e.qHead = (e.qHead + 1) % pop.N
			e.qLen--
			prior := pop.Prior[b]
			switch pop.State[b] {
			case agents.NotReached:
			case agents.DroppedOut:
				if t-int(pop.Done[b]) < p.ReentryWeeks {
					e.pushQueue(b)
					continue
				}
				prior = pop.Trust[b]
			default:
				continue
			}
			if rng.Float64() >= agents.TakeUp(prior, boost, p.TakeUpBase)*(0.5+0.5*a.Reach) {
				e.pushQueue(b)
				continue
			}
			free--
			if pop.Since[b] < 0 {
				e.reached++
			}
			pop.State[b] = agents.Enrolled
			pop.Home[b] = int16(h)
			pop.Since[b] = int32(t)
			pop.Trust[b] = min(1, prior+boost)
			e.leaveOut(b)
			e.activePos[b] = int32(len(e.active))
			e.active = append(e.active, int32(b))
			a.Enrolled++
		}
	}
}

func (e *Engine) pushQueue(b int) {
	e.queue[(e.qHead+e.qLen)%e.pop.N] = int32(b)
	e.qLen++
}
