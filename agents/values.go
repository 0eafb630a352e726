package agents

// ValueRule holds the parameters of value convergence at meetings
// (bounded confidence, Deffuant et al. 2000).
type ValueRule struct {
	Confidence float64 `yaml:"confidence"` // ε: values closer than this on every dimension converge
	Rate       float64 `yaml:"rate"`       // μ_v: convergence per encounter
}

// Encounter is one encounter between i and j: if their values differ by
// less than ε on every dimension, each moves toward the other in
// proportion to its trust in the other,
//
//	v_i' = v_i + μ_v·τ_ij·(v_j − v_i),   v_j' = v_j + μ_v·τ_ji·(v_i − v_j)
//
// Otherwise neither moves: values too far apart do not converge.
func (r *ValueRule) Encounter(vi, vj Values, tauIJ, tauJI float64) (Values, Values) {
	for k := range vi {
		x := vi[k] - vj[k]
		if x < 0 {
			x = -x
		}
		if x >= r.Confidence {
			return vi, vj
		}
	}
	ni, nj := vi, vj
	for k := range vi {
		ni[k] = vi[k] + r.Rate*tauIJ*(vj[k]-vi[k])
		nj[k] = vj[k] + r.Rate*tauJI*(vi[k]-vj[k])
	}
	return ni, nj
}

// Dispersion is the mean pairwise value distance (1 − similarity) among
// members: 0 when all hold the same values, 0 with fewer than two members.
func Dispersion(actors []Actor) float64 {
	s, n := 0.0, 0
	for i := range actors {
		if !actors[i].Member {
			continue
		}
		for j := i + 1; j < len(actors); j++ {
			if actors[j].Member {
				s += 1 - actors[i].Values.Similarity(actors[j].Values)
				n++
			}
		}
	}
	if n == 0 {
		return 0
	}
	return s / float64(n)
}

// Similarities fills dst (n×n, row-major) with the value similarity of
// every pair of actors whose row is marked in rows (all pairs when rows is
// nil), both ways: Similarity is symmetric, bit for bit.
func Similarities(dst []float64, actors []Actor, rows []bool) {
	n := len(actors)
	for i := range actors {
		for j := i; j < n; j++ {
			if rows == nil || rows[i] || rows[j] {
				s := actors[i].Values.Similarity(actors[j].Values)
				dst[i*n+j], dst[j*n+i] = s, s
			}
		}
	}
}

// DispersionOf is Dispersion from the actors' Similarities, the same
// number in n²/2 look-ups.
func DispersionOf(actors []Actor, similar []float64) float64 {
	s, m, n := 0.0, 0, len(actors)
	for i := range actors {
		if !actors[i].Member {
			continue
		}
		for j := i + 1; j < n; j++ {
			if actors[j].Member {
				s += 1 - similar[i*n+j]
				m++
			}
		}
	}
	if m == 0 {
		return 0
	}
	return s / float64(m)
}

// CommitmentRule holds the parameters of commitment to the common agenda.
type CommitmentRule struct {
	InitMean   float64 `yaml:"init_mean"`   // mean initial commitment
	InitSpread float64 `yaml:"init_spread"` // initial commitment ~ U(mean − spread, mean + spread)
	Rate       float64 `yaml:"rate"`        // κ_c per meeting attended
	Pressure   float64 `yaml:"pressure"`    // π_K: how far own KPIs pull committed hours back (seed 000)
}

// Update moves an attending member's commitment toward what its experience
// of the partnership warrants, plus what its agreement binds it to:
//
//	c' = c + κ_c·(min(1, (τ̄_i + B̄_i)/2 + β_A) − c)
//
// τ̄_i is its mean trust in the other members, B̄_i its mean value
// similarity to them (H3), β_A the commitment the agreement adds.
func (r *CommitmentRule) Update(c, meanTrust, meanSimilarity, bound float64) float64 {
	return c + r.Rate*(min(1, (meanTrust+meanSimilarity)/2+bound)-c)
}

// Defection is the share of its agenda commitment a partner pulls back to
// its own KPIs ("partners are restricted by their own company's KPIs",
// seed 000): the further the agenda is from what it is judged on and the
// less its delegate may commit, the more its line organisation overrules
// the plan; operational steering holds partners to it:
//
//	δ = π_K·(1 − A(KPI, a))·(1 − mandate)·(1 − h_op·s)
//
// with A the alignment of distributions, s the steering style (1 fully
// operational) and h_op how far operational steering holds partners.
func (r *CommitmentRule) Defection(kpi, agenda Vec, mandate, hold float64) float64 {
	return r.Pressure * (1 - Alignment(kpi, agenda)) * (1 - mandate) * (1 - hold)
}
