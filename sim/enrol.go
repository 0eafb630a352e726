package sim

import "github.com/cisim/cisim/agents"

// enrol fills each home actor's free places from the outreach queue, in
// scenario order of the actors (docs/MODEL.md §7.4). Each beneficiary taken
// from the queue is one try, at most 2·places tries an actor a week; one
// who is reached but does not take up, or who left the programme less than
// W_re weeks ago, goes to the back of the queue; one no longer in need
// leaves it.
func (e *Engine) enrol(t int) {
	p, pop, b := e.p, e.pop, &e.bens
	rng := e.rs.get(streamEnrolment)
	boost := e.p.Engagement.At(e.sc.Governance.BeneficiaryEngagement).TrustBoost
	for h := range e.actors {
		a := &e.actors[h]
		free := a.Places - a.Enrolled
		for try := 0; free > 0 && b.qLen > 0 && try < 2*a.Places; try++ {
			k := int(b.queue[b.qHead])
			b.qHead = (b.qHead + 1) % pop.N
			b.qLen--
			prior := pop.Prior[k]
			switch pop.State[k] {
			case agents.NotReached:
			case agents.DroppedOut:
				if t-int(pop.Done[k]) < p.Beneficiary.ReentryWeeks {
					e.pushQueue(k)
					continue
				}
				prior = pop.Trust[k]
			default:
				continue
			}
			if rng.Float64() >= p.Beneficiary.TakeUp(prior, boost, a.Reach) {
				e.pushQueue(k)
				continue
			}
			free--
			e.enrolOne(k, h, t, min(1, prior+boost))
		}
	}
}

func (e *Engine) enrolOne(k, h, t int, trust float64) {
	pop, b := e.pop, &e.bens
	if pop.Since[k] < 0 { // first enrolment: θ on the readiness scale, needed from now on
		b.count.participants++
		e.thr[k] = e.ready.Threshold(pop.Threshold[k])
	}
	pop.State[k] = agents.Enrolled
	pop.Home[k] = int16(h)
	pop.Since[k] = int32(t)
	pop.Trust[k] = trust
	e.leaveOut(k)
	b.activePos[k] = int32(len(b.active))
	b.active = append(b.active, int32(k))
	e.actors[h].Enrolled++
}
