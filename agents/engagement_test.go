package agents

import "testing"

func TestRevealNeeds(t *testing.T) {
	belief := uniform()
	obs := Vec{0.6, 0.1, 0.1, 0.1, 0.1}
	cases := []struct {
		name         string
		sample, half float64
		want         Vec
		eps          float64
	}{
		// φ = 10/(10+10) = ½: ½·0.2 + ½·0.6 = 0.4; ½·0.2 + ½·0.1 = 0.15.
		{"half", 10, 10, Vec{0.4, 0.15, 0.15, 0.15, 0.15}, tol},
		// φ = 30/40 = ¾: 0.25·0.2 + 0.75·0.6 = 0.5; 0.05 + 0.075 = 0.125.
		{"three quarters", 30, 10, Vec{0.5, 0.125, 0.125, 0.125, 0.125}, tol},
		// Nobody heard: the belief stays.
		{"no sample", 0, 10, belief, 0},
		{"negative sample", -3, 10, belief, 0},
		// m₀ = 0: φ = 1, the evidence replaces the belief.
		{"no prior weight", 5, 0, obs, tol},
	}
	for _, c := range cases {
		orig := belief
		got := RevealNeeds(belief, obs, c.sample, c.half)
		if !vecNear(got, c.want, c.eps) {
			t.Errorf("%s: ν' = %v, want %v", c.name, got, c.want)
		}
		if belief != orig {
			t.Errorf("%s: RevealNeeds changed its argument", c.name)
		}
	}
	// A larger sample moves the belief further toward the evidence.
	prev := Alignment(belief, obs)
	for _, m := range []float64{1, 5, 20, 100, 1000} {
		a := Alignment(RevealNeeds(belief, obs, m, 10), obs)
		if a <= prev {
			t.Errorf("sample %v: alignment %v not above %v", m, a, prev)
		}
		prev = a
	}
}

func TestTargeting(t *testing.T) {
	cases := []struct {
		base     float64
		rung     int
		maturity float64
		want     float64
		eps      float64
	}{
		{0.2, 0, 0, 0.2, 0},       // 0.2 + 0.8·(0 + 0)/2 = 0.2
		{0.2, 4, 1, 1, tol},       // 0.2 + 0.8·(1 + 1)/2 = 1
		{0.2, 2, 0.5, 0.6, tol},   // 0.2 + 0.8·(0.5 + 0.5)/2 = 0.2 + 0.4 = 0.6
		{0.5, 1, 0, 0.5625, 0},    // 0.5 + 0.5·(0.25 + 0)/2 = 0.5625 (exact)
		{0.5, 0, 0.5, 0.625, 0},   // 0.5 + 0.5·(0 + 0.5)/2 = 0.625 (exact)
		{0.3, 3, 0.25, 0.65, tol}, // 0.3 + 0.7·(0.75 + 0.25)/2 = 0.3 + 0.35 = 0.65
		{1, 4, 1, 1, 0},           // already fully targeted
	}
	for _, c := range cases {
		checkNear(t, "Targeting", Targeting(c.base, c.rung, c.maturity), c.want, c.eps)
	}
}

func TestBeneficiaryTrust(t *testing.T) {
	cases := []struct {
		name                                 string
		tau, fit, boost, expected, gain, los float64
		want                                 float64
	}{
		// s = 0.5 + 0.1 − 0.35 = 0.25: 0.4 + 0.05·0.25·0.6 = 0.4075.
		{"good week", 0.4, 0.5, 0.1, 0.35, 0.05, 0.15, 0.4075},
		// s = 0.1 + 0 − 0.35 = −0.25: 0.4 − 0.15·0.25·0.4 = 0.385.
		{"poor week", 0.4, 0.1, 0, 0.35, 0.05, 0.15, 0.385},
		// s = 0.25 + 0.1 − 0.35 = 0: unchanged.
		{"as expected", 0.4, 0.25, 0.1, 0.35, 0.05, 0.15, 0.4},
	}
	for _, c := range cases {
		got := BeneficiaryTrust(c.tau, c.fit, c.boost, c.expected, c.gain, c.los)
		checkNear(t, c.name, got, c.want, tol)
		checkNear(t, c.name+" = UpdateTrust", got, UpdateTrust(c.tau, c.fit+c.boost-c.expected, c.gain, c.los), 0)
	}
	// Being heard (boost) raises trust for the same fit.
	if BeneficiaryTrust(0.4, 0.3, 0.1, 0.35, 0.05, 0.15) <= BeneficiaryTrust(0.4, 0.3, 0, 0.35, 0.05, 0.15) {
		t.Error("voice boost did not raise trust")
	}
}

func TestDropoutProbability(t *testing.T) {
	cases := []struct{ trust, max, want, eps float64 }{
		{0, 0.1, 0.1, 0},       // 0.1·1² = 0.1
		{1, 0.1, 0, 0},         // 0.1·0² = 0
		{0.5, 0.1, 0.025, tol}, // 0.1·0.5² = 0.025
		{0.8, 0.2, 0.008, tol}, // 0.2·0.2² = 0.008
		{0.75, 1, 0.0625, 0},   // 1·0.25² = 0.0625 (exact)
	}
	for _, c := range cases {
		checkNear(t, "DropoutProbability", DropoutProbability(c.trust, c.max), c.want, c.eps)
	}
	// Decreasing in trust.
	prev := 1.0
	for k := 0; k <= 10; k++ {
		p := DropoutProbability(float64(k)/10, 0.5)
		if p > prev {
			t.Errorf("dropout rose with trust at %v", float64(k)/10)
		}
		prev = p
	}
}

func TestTakeUp(t *testing.T) {
	cases := []struct{ prior, boost, base, want, eps float64 }{
		{0.3, 0.1, 0.5, 0.4, tol},   // 0.5·(0.3 + 0.1)/½ = 0.4
		{0.5, 0, 1, 1, 0},           // 1·0.5/½ = 1 (exact)
		{0.8, 0.2, 0.9, 1, 0},       // 0.9·1/½ = 1.8 → capped at 1
		{0, 0, 0.5, 0, 0},           // no trust, no boost: 0
		{0.25, 0, 0.5, 0.25, 0},     // 0.5·0.25/½ = 0.25 (exact)
		{0.1, 0.05, 0.6, 0.18, tol}, // 0.6·0.15·2 = 0.18
	}
	for _, c := range cases {
		checkNear(t, "TakeUp", TakeUp(c.prior, c.boost, c.base), c.want, c.eps)
	}
}
