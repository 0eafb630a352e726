package agents

// Mature grows the maturity M of shared measurement by one tick. Indicators,
// data collection and the habit of using them take time and someone to run
// them:
//
//	M' = M + μ·Q·(1 − M)   with shared measurement
//	M' = M·(1 − μ)         without
//
// with μ the weekly rate and Q coordination quality.
func Mature(m, rate, quality float64, shared bool) float64 {
	if shared {
		return m + rate*quality*(1-m)
	}
	return m * (1 - rate)
}

// Learn is one Bush–Mosteller step (Bush & Mosteller 1955) on an actor's
// own priorities: the priorities move toward the profile that the actor's
// feedback rewards,
//
//	k' = k + λ·(r − k)
//
// where r (a distribution over domains) is, with shared measurement, the
// collective gaps the shared indicators show weighted by where the actor is
// able to help; without it, the actor's own reported results (which
// reinforce what it already does well). λ is the learning rate.
func Learn(own, reinforcement Vec, rate float64) Vec {
	for d := range own {
		own[d] += rate * (reinforcement[d] - own[d])
	}
	return own
}

// GapReinforcement is the reinforcement shared indicators give an actor: the
// collective remaining need in each domain weighted by the actor's
// capability there, normalised: r_d ∝ gap_d·cap_d.
func GapReinforcement(gap, capability Vec) Vec {
	var r Vec
	for d := range r {
		r[d] = gap[d] * capability[d]
	}
	return r.Normalized()
}
