package agents

import "testing"

func TestCapabilityDistance(t *testing.T) {
	cases := []struct {
		name string
		a, b Vec
		want float64
	}{
		// |1−0| + 0 + 0 + |0.5−1| + |0−0.5| = 2; 2/5 = 0.4.
		{"mixed", Vec{1, 0, 0.5, 0.5, 0}, Vec{0, 0, 0.5, 1, 0.5}, 0.4},
		{"same", Vec{0.3, 0.2, 0.9, 0.1, 0.5}, Vec{0.3, 0.2, 0.9, 0.1, 0.5}, 0},
		{"opposite", Vec{1, 1, 1, 1, 1}, Vec{}, 1},
		// 5·0.25/5 = 0.25 (exact).
		{"shift", Vec{0.5, 0.5, 0.5, 0.5, 0.5}, Vec{0.25, 0.75, 0.25, 0.75, 0.25}, 0.25},
	}
	for _, c := range cases {
		checkNear(t, c.name, CapabilityDistance(c.a, c.b), c.want, tol)
		if CapabilityDistance(c.a, c.b) != CapabilityDistance(c.b, c.a) {
			t.Errorf("%s: not symmetric", c.name)
		}
	}
}

// innovators returns four actors: 0 and 1 are members at capability
// distance 0.4, 2 is a member with 0's capabilities, 3 is not a member.
func innovators() ([]Actor, Trust) {
	actors := []Actor{
		{Member: true, Capability: Vec{1, 0, 0.5, 0.5, 0}},
		{Member: true, Capability: Vec{0, 0, 0.5, 1, 0.5}},
		{Member: true, Capability: Vec{1, 0, 0.5, 0.5, 0}},
		{Member: false, Capability: Vec{0, 1, 0, 0, 1}},
	}
	tr := NewTrust(4)
	tr.Set(0, 1, 0.5)
	tr.Set(1, 0, 0.8) // τ₀₁·τ₁₀ = 0.4
	tr.Set(0, 2, 1)
	tr.Set(2, 0, 1) // full trust, distance 0
	tr.Set(0, 3, 1)
	tr.Set(3, 0, 1) // full trust, but 3 is not a member
	return actors, tr
}

func TestInnovationHazard(t *testing.T) {
	actors, tr := innovators()
	// For actor 0: D₀ = (0.4·0.4 + 1·1·0)/2 = 0.08 (two other members).
	cases := []struct {
		name     string
		i        int
		maturity float64
		want     float64
	}{
		{"half maturity", 0, 0.5, 0.04}, // 0.01 + 0.5·0.08·(0.5 + 0.25) = 0.01 + 0.03 = 0.04
		{"no data", 0, 0, 0.03},         // 0.01 + 0.5·0.08·0.5 = 0.03
		{"full data", 0, 1, 0.05},       // 0.01 + 0.5·0.08·1 = 0.05
		// Actor 1: D₁ = (0.8·0.5·0.4 + 0·0.4)/2 = 0.08 as well (τ₁₂ = 0).
		{"other member", 1, 0.5, 0.04},
		{"non-member", 3, 1, 0},
	}
	for _, c := range cases {
		checkNear(t, c.name, InnovationHazard(c.i, actors, tr, 0.01, 0.5, c.maturity), c.want, tol)
	}

	// Alone in the partnership: only ι₀.
	solo, _ := innovators()
	solo[1].Member, solo[2].Member = false, false
	checkNear(t, "no other members", InnovationHazard(0, solo, tr, 0.01, 0.5, 1), 0.01, 0)

	// Nobody trusts anybody: only ι₀.
	checkNear(t, "zero trust", InnovationHazard(0, actors, NewTrust(4), 0.01, 0.5, 1), 0.01, 0)
}

func TestInnovationHazardGrowsWithTrustAndDistance(t *testing.T) {
	actors, _ := innovators()
	actors = actors[:2] // two members at distance 0.4
	prev := -1.0
	for k := 0; k <= 4; k++ {
		x := float64(k) / 4
		tr := NewTrust(2)
		tr.Set(0, 1, x)
		tr.Set(1, 0, x)
		p := InnovationHazard(0, actors, tr, 0.01, 0.5, 0.5)
		checkNear(t, "hazard", p, 0.01+0.5*x*x*0.4*0.75, tol) // ι₀ + ι·τ²·0.4·(½ + ½·½)
		if p <= prev && k > 0 {
			t.Errorf("trust %v: hazard %v not above %v", x, p, prev)
		}
		prev = p
	}

	tr := NewTrust(2)
	tr.Set(0, 1, 0.9)
	tr.Set(1, 0, 0.9)
	prev = -1
	for k := 0; k <= 4; k++ {
		gap := float64(k) / 4
		a := []Actor{
			{Member: true, Capability: Vec{0.5, 0.5, 0.5, 0.5, 0.5}},
			{Member: true, Capability: Vec{0.5 + gap/2, 0.5 - gap/2, 0.5, 0.5, 0.5}},
		}
		p := InnovationHazard(0, a, tr, 0.01, 0.5, 0.5)
		if k > 0 && p <= prev {
			t.Errorf("capability gap %v: hazard %v not above %v", gap, p, prev)
		}
		if k == 0 {
			checkNear(t, "identical partners", p, 0.01, 0) // d = 0: nothing to learn from each other
		}
		prev = p
	}
}
