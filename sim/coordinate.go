package sim

// coordinate sizes the joint work of this week and lets the backbone cover
// what its paid staff can (docs/MODEL.md §7.9). The need N sums meeting
// preparation, follow-up between meetings (with the follow-up channel),
// shared measurement, the pooled fund's administration, active referrals
// (last week's) and open conflicts; what the backbone does not cover falls
// on the members, in proportion to their capacity.
func (e *Engine) coordinate() {
	p, g, pl := e.p, &e.sc.Governance, &e.plan
	members := float64(e.members())
	need := 0.0
	followUp := e.ch.FollowUp && g.MeetingIntervalWeeks > 0 // work between meetings, if there are meetings
	if g.MeetingIntervalWeeks > 0 {
		need += p.Meetings.PrepHours * members / float64(g.MeetingIntervalWeeks)
	}
	if followUp {
		need += p.Coordination.FollowUpHours * members
	}
	if g.SharedMeasurement {
		need += p.Measurement.Hours * float64(e.sharedRecords())
	}
	if e.sc.Funding.Pooled {
		need += p.Funding.PoolAdminHours
	}
	need += p.Delivery.ReferralHours*e.bens.referred + p.Conflict.Hours*float64(e.openConflicts())
	supplied := g.BackboneStaff * HoursPerFTEWeek * e.fund.paid
	pl.coord = p.Coordination.Coordinate(need, supplied)
	pl.followUp = 0
	if followUp {
		pl.followUp = p.Coordination.FollowUpShare(pl.coord)
	}
	total := 0.0
	for i := range e.actors {
		if e.actors[i].Member {
			total += e.actors[i].Capacity
		}
	}
	for i := range e.actors {
		pl.coordHours[i] = 0
		if e.actors[i].Member && total > 0 {
			pl.coordHours[i] = pl.coord.Burden * e.actors[i].Capacity / total
		}
	}
}

// openConflicts counts the open conflicts from the actors' tallies: n
// look-ups, not the n² of the conflict matrix.
func (e *Engine) openConflicts() int {
	n := 0
	for i := range e.actors {
		n += e.actors[i].Conflicts // each open conflict is counted by both its sides
	}
	return n / 2
}
