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

// IndicatorView is how much of the remaining need in each domain the shared
// indicators see. Indicators chosen without beneficiaries look at what is
// easy to count (jobs, exams) and miss root issues such as belief in
// oneself (seed 000: "not understanding the beneficiaries' root issues,
// hence looking at the wrong data"); beneficiaries who help build the
// measurement tools close part of that blind spot:
//
//	v_d = 1 − β·(1 − μ_d)·(1 − ι)
//
// with μ_d the measurability of domain d, β in [0,1] how far indicators
// miss what is hard to measure, and ι in [0,1] the share of the blind spot
// closed by beneficiaries' part in building the indicators.
func IndicatorView(measurability Vec, bias, codesign float64) Vec {
	var v Vec
	for d := range v {
		v[d] = 1 - bias*(1-measurability[d])*(1-codesign)
	}
	return v
}

// MeasuredNeeds is the need profile shared measurement shows: the
// remaining need of those in the programme, domain by domain, as far as the
// indicators see it, normalised:
//
//	ν_M,d ∝ v_d·r_d
func MeasuredNeeds(residual, view Vec) Vec {
	var m Vec
	for d := range m {
		m[d] = view[d] * residual[d]
	}
	return m.Normalized()
}
