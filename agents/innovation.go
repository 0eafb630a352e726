package agents

// InnovationHazard is the weekly chance that actor i finds a better way of
// working. Every organisation innovates a little alone (ι₀); more comes from
// working closely with different others, and from data:
//
//	p_i = ι₀ + ι·D_i·(½ + ½·M),   D_i = Σ_j τ_ij·τ_ji·d_ij / (n − 1)
//
// with d_ij = ‖cap_i − cap_j‖₁/D the mean absolute capability difference
// (CapabilityDistance), M measurement maturity, over the n members.
func InnovationHazard(i int, actors []Actor, t Trust, alone, together, maturity float64) float64 {
	if !actors[i].Member {
		return 0
	}
	s, n := 0.0, 0
	for j := range actors {
		if j == i || !actors[j].Member {
			continue
		}
		n++
		s += t.At(i, j) * t.At(j, i) * CapabilityDistance(actors[i].Capability, actors[j].Capability)
	}
	div := 0.0
	if n > 0 {
		div = s / float64(n)
	}
	return alone + together*div*(0.5+0.5*maturity)
}

// CapabilityDistance is the mean absolute difference of two capability
// vectors, in [0,1].
func CapabilityDistance(a, b Vec) float64 { return l1(a[:], b[:]) / float64(NumDomains) }
