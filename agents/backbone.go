package agents

// Coordination describes this week's coordination work and who does it.
type Coordination struct {
	Need     float64 // N: hours a week the joint work requires
	Supplied float64 // S: hours a week the backbone's paid staff supply
	Coverage float64 // C: share of the need the backbone covers, in [0,1]
	Quality  float64 // Q: coordination quality, in [0,1]
	Burden   float64 // hours a week that fall on the partners
}

// Coordinate computes coverage, quality and the partners' burden. The
// backbone covers C = min(1, S/N) of the need N with its supply S; the rest
// falls on the partners, who do it at efficiency η_p (it costs them
// (1−C)·N/η_p hours) and less well:
//
//	Q = C + (1 − C)·q_p
//
// (Bitterman & Koliba 2020: too little capacity gives bottlenecks). With no
// joint work to coordinate, C = Q = 1 and nobody is burdened.
func (r *CoordinationRule) Coordinate(need, supplied float64) Coordination {
	c := Coordination{Need: need, Supplied: supplied, Coverage: 1, Quality: 1}
	if need <= 0 {
		return c
	}
	if supplied < need {
		c.Coverage = supplied / need
	}
	c.Quality = c.Coverage + (1-c.Coverage)*r.PartnerQuality
	c.Burden = (1 - c.Coverage) * need / r.PartnerEfficiency
	return c
}

// FollowUpShare is the share f = F·Q of trust decay and of failed
// hand-offs that follow-up in between meetings prevents ("it is
// in-between the meetings that all the work happens", seed 000), with Q
// the coordination quality: the backbone's follow-up at full quality, the
// partners' own, where it does not cover them, at q_p. Its hours are part
// of the coordination need, so partners who do it pay for it.
func (r *CoordinationRule) FollowUpShare(c Coordination) float64 {
	return r.FollowUp * c.Quality
}
