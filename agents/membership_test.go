package agents

import "testing"

func TestStayValue(t *testing.T) {
	cases := []struct {
		name                                      string
		sat, joint, trust, ref, sim, burden, exit float64
		want                                      float64
	}{
		// 0.5 + 0.5·(0.7−0.5) + 0.5·(0.8−0.5) − 0.1 + 0.2 = 0.5 + 0.1 + 0.15 − 0.1 + 0.2 = 0.85.
		{"joint", 0.5, 0.5, 0.7, 0.5, 0.8, 0.1, 0.2, 0.85},
		// j = 0: trust and similarity do not matter: 0.4 − 0.3 = 0.1.
		{"own work", 0.4, 0, 0.1, 0.5, 0, 0.3, 0, 0.1},
		// 0.2 + 1·(0.3−0.5) + 1·(0.4−0.5) − 0.05 = 0.2 − 0.2 − 0.1 − 0.05 = −0.15.
		{"distrust", 0.2, 1, 0.3, 0.5, 0.4, 0.05, 0, -0.15},
		// An exit cost adds one for one: 0 + 0 + 0 − 0 + 0.3.
		{"exit cost", 0, 1, 0.5, 0.5, 0.5, 0, 0.3, 0.3},
	}
	for _, c := range cases {
		checkNear(t, c.name, StayValue(c.sat, c.joint, c.trust, c.ref, c.sim, c.burden, c.exit), c.want, tol)
	}
	// With j = 0 the value is independent of trust and similarity.
	a := StayValue(0.4, 0, 0, 0.5, 0, 0.1, 0)
	b := StayValue(0.4, 0, 1, 0.5, 1, 0.1, 0)
	if a != b {
		t.Errorf("own work: value depends on trust/similarity (%v vs %v)", a, b)
	}
}

func TestJoinProbability(t *testing.T) {
	cases := []struct{ base, gravity, sim, want, eps float64 }{
		{0.1, 0.5, 0.8, 0.04, tol}, // 0.1·0.5·0.8 = 0.04
		{0.2, 0, 1, 0, 0},          // no centre of gravity: nobody joins
		{1, 1, 1, 1, 0},
		{0.5, 0.5, 0.5, 0.125, 0}, // ½³ (exact)
	}
	for _, c := range cases {
		checkNear(t, "JoinProbability", JoinProbability(c.base, c.gravity, c.sim), c.want, c.eps)
	}
}
