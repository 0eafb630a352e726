package agents

import "testing"

func TestBoundedConfidence(t *testing.T) {
	cases := []struct {
		name                string
		vi, vj              Values
		τij, τji, eps, rate float64
		wantI, wantJ        Values
		tolerance           float64
	}{
		// max |Δ| = 0.2 < ε = 0.3: i moves μ·τ_ij = 0.25 of the gap, j moves 0.5:
		// v_i = (0.2+0.25·0.2, 0.5+0.25·0.1, 0.8−0.25·0.1) = (0.25, 0.525, 0.775),
		// v_j = (0.4−0.5·0.2, 0.6−0.5·0.1, 0.7+0.5·0.1) = (0.3, 0.55, 0.75).
		{"close", Values{0.2, 0.5, 0.8}, Values{0.4, 0.6, 0.7}, 0.5, 1, 0.3, 0.5,
			Values{0.25, 0.525, 0.775}, Values{0.3, 0.55, 0.75}, tol},
		// |0.75 − 0.5| = 0.25 = ε exactly (exact binary fractions): no move.
		{"difference equals ε", Values{0.25, 0.5, 0.5}, Values{0.25, 0.5, 0.75}, 1, 1, 0.25, 0.5,
			Values{0.25, 0.5, 0.5}, Values{0.25, 0.5, 0.75}, 0},
		// Two dimensions agree closely, the third differs by 0.9 ≥ 0.5: no move.
		{"one dimension far", Values{0, 0, 0}, Values{0.1, 0.1, 0.9}, 1, 1, 0.5, 0.5,
			Values{0, 0, 0}, Values{0.1, 0.1, 0.9}, 0},
		// Symmetric trust 0.6, μ = 0.5: each moves 0.3 of the gap (0.2, 0.1, 0):
		// v_i = (0.36, 0.43, 0.5), v_j = (0.44, 0.47, 0.5).
		{"symmetric", Values{0.3, 0.4, 0.5}, Values{0.5, 0.5, 0.5}, 0.6, 0.6, 0.3, 0.5,
			Values{0.36, 0.43, 0.5}, Values{0.44, 0.47, 0.5}, tol},
		// Close but no trust: v + μ·0·Δ = v.
		{"no trust", Values{0.3, 0.4, 0.5}, Values{0.5, 0.5, 0.5}, 0, 0, 0.3, 0.5,
			Values{0.3, 0.4, 0.5}, Values{0.5, 0.5, 0.5}, 0},
	}
	for _, c := range cases {
		gi, gj := BoundedConfidence(c.vi, c.vj, c.τij, c.τji, c.eps, c.rate)
		if !valuesNear(gi, c.wantI, c.tolerance) || !valuesNear(gj, c.wantJ, c.tolerance) {
			t.Errorf("%s: got %v, %v; want %v, %v", c.name, gi, gj, c.wantI, c.wantJ)
		}
	}
}

// With equal trust both move by the same amount toward each other: the
// midpoint stays put and the gap shrinks by 1 − 2μτ.
func TestBoundedConfidenceSymmetricMove(t *testing.T) {
	vi, vj := Values{0.1, 0.45, 0.9}, Values{0.3, 0.35, 0.8}
	const tau, mu = 0.8, 0.25 // gap factor 1 − 2·0.25·0.8 = 0.6
	gi, gj := BoundedConfidence(vi, vj, tau, tau, 0.5, mu)
	for k := range vi {
		checkNear(t, "midpoint", (gi[k]+gj[k])/2, (vi[k]+vj[k])/2, tol)
		checkNear(t, "gap", gj[k]-gi[k], 0.6*(vj[k]-vi[k]), tol)
	}
	// Swapping the pair swaps the result.
	hj, hi := BoundedConfidence(vj, vi, tau, tau, 0.5, mu)
	if hi != gi || hj != gj {
		t.Errorf("not symmetric under swap: %v %v vs %v %v", gi, gj, hi, hj)
	}
}

// No move at all whenever any dimension differs by ε or more.
func TestBoundedConfidenceThreshold(t *testing.T) {
	base := Values{0.5, 0.5, 0.5}
	for k := 0; k < NumValues; k++ {
		for _, diff := range []float64{0.25, 0.375, 0.5} { // exact binary fractions ≥ ε = 0.25
			vj := base
			vj[k] += diff
			gi, gj := BoundedConfidence(base, vj, 1, 1, 0.25, 0.5)
			if gi != base || gj != vj {
				t.Errorf("dim %d diff %v ≥ ε: moved to %v, %v", k, diff, gi, gj)
			}
		}
		vj := base
		vj[k] += 0.125 // < ε: moves
		if gi, _ := BoundedConfidence(base, vj, 1, 1, 0.25, 0.5); gi == base {
			t.Errorf("dim %d diff 0.125 < ε: did not move", k)
		}
	}
}

func TestDispersion(t *testing.T) {
	cases := []struct {
		name   string
		actors []Actor
		want   float64
	}{
		// Pairs: A–B 1 − (1 − (0.3+0.6+0.9)/3) = 0.6, A–C 0, B–C 0.6: mean 1.2/3 = 0.4.
		// D is not a member and is ignored.
		{"three members", []Actor{
			{Member: true, Values: Values{0, 0, 0}},
			{Member: true, Values: Values{0.3, 0.6, 0.9}},
			{Member: true, Values: Values{0, 0, 0}},
			{Member: false, Values: Values{1, 1, 1}},
		}, 0.4},
		{"all alike", []Actor{
			{Member: true, Values: Values{0.2, 0.4, 0.6}},
			{Member: true, Values: Values{0.2, 0.4, 0.6}},
		}, 0},
		// Opposite corners: distance 1.
		{"opposite", []Actor{
			{Member: true, Values: Values{0, 0, 0}},
			{Member: true, Values: Values{1, 1, 1}},
		}, 1},
		{"single member", []Actor{{Member: true, Values: Values{0.2, 0.4, 0.6}}, {Values: Values{1, 1, 1}}}, 0},
		{"none", nil, 0},
	}
	for _, c := range cases {
		checkNear(t, c.name, Dispersion(c.actors), c.want, tol)
	}
}

func TestUpdateCommitment(t *testing.T) {
	cases := []struct {
		c, trust, sim, rate, want, eps float64
	}{
		{0.2, 0.6, 0.8, 0.5, 0.45, tol},  // target (0.6+0.8)/2 = 0.7: 0.2 + 0.5·0.5 = 0.45
		{0.9, 0.2, 0.4, 0.25, 0.75, tol}, // target 0.3: 0.9 + 0.25·(−0.6) = 0.75
		{0.4, 1, 1, 0, 0.4, 0},           // rate 0: unchanged (0.4 + 0·0.6)
		{0.4, 0.5, 0.75, 1, 0.625, 0},    // rate 1: the target (0.5+0.75)/2 = 0.625 (exact)
		{0.5, 0.5, 0.5, 0.3, 0.5, 0},     // already at the target
	}
	for _, c := range cases {
		checkNear(t, "UpdateCommitment", UpdateCommitment(c.c, c.trust, c.sim, c.rate), c.want, c.eps)
	}
}
