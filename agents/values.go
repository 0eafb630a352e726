package agents

// BoundedConfidence is one Deffuant encounter between i and j at a meeting
// (Deffuant et al. 2000): if their values differ by less than ε on every
// dimension, each moves toward the other in proportion to its trust in the
// other,
//
//	v_i' = v_i + μ·τ_ij·(v_j − v_i),   v_j' = v_j + μ·τ_ji·(v_i − v_j)
//
// Otherwise neither moves: values too far apart do not converge.
func BoundedConfidence(vi, vj Values, tauIJ, tauJI, confidence, rate float64) (Values, Values) {
	for k := range vi {
		x := vi[k] - vj[k]
		if x < 0 {
			x = -x
		}
		if x >= confidence {
			return vi, vj
		}
	}
	ni, nj := vi, vj
	for k := range vi {
		ni[k] = vi[k] + rate*tauIJ*(vj[k]-vi[k])
		nj[k] = vj[k] + rate*tauJI*(vi[k]-vj[k])
	}
	return ni, nj
}

// Dispersion is the mean pairwise value distance (1 − similarity) among
// members: 0 when all hold the same values.
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

// UpdateCommitment moves an attending member's commitment to the common
// agenda toward what its experience of the partnership warrants:
//
//	c' = c + κ·((τ̄_i + B̄_i)/2 − c)
//
// with τ̄_i its mean trust in the other members and B̄_i its mean value
// similarity to them: shared values and trust make a partner put more of
// its own capacity behind the agenda (H3).
func UpdateCommitment(c, meanTrust, meanSimilarity, rate float64) float64 {
	return c + rate*((meanTrust+meanSimilarity)/2-c)
}
