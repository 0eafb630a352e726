package agents

// Coordination describes this tick's coordination work and who does it.
type Coordination struct {
	Need     float64 // hours a week the joint work requires
	Supplied float64 // hours a week the backbone's paid staff supply
	Coverage float64 // share of the need the backbone covers, in [0,1]
	Quality  float64 // coordination quality Q, in [0,1]
	Burden   float64 // hours a week that fall on the partners
}

// Coordinate computes coverage, quality and the partners' burden. The
// backbone covers C = min(1, S/N) of the need N with its supply S; the rest
// falls on the partners, who do it at efficiency η (it costs them
// (1−C)·N/η hours) and less well:
//
//	Q = C + (1 − C)·q_p
//
// where q_p is the quality of coordination run on the side by partners
// (Bitterman & Koliba 2020: too little capacity gives bottlenecks). With no
// joint work to coordinate, C = Q = 1 and nobody is burdened.
func Coordinate(need, supplied, partnerQuality, partnerEfficiency float64) Coordination {
	c := Coordination{Need: need, Supplied: supplied, Coverage: 1, Quality: 1}
	if need <= 0 {
		return c
	}
	if supplied < need {
		c.Coverage = supplied / need
	}
	c.Quality = c.Coverage + (1-c.Coverage)*partnerQuality
	c.Burden = (1 - c.Coverage) * need / partnerEfficiency
	return c
}
