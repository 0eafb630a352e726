package agents

import "testing"

func TestMature(t *testing.T) {
	cases := []struct {
		name             string
		m, rate, quality float64
		shared           bool
		want, eps        float64
	}{
		{"growing", 0.2, 0.1, 0.5, true, 0.24, tol},    // 0.2 + 0.1·0.5·0.8 = 0.24
		{"decaying", 0.2, 0.1, 0.5, false, 0.18, tol},  // 0.2·0.9 = 0.18 (quality unused)
		{"mature", 1, 0.1, 1, true, 1, 0},              // 1 + 0.1·1·0 = 1
		{"nothing to lose", 0, 0.1, 1, false, 0, 0},    // 0·0.9 = 0
		{"no coordination", 0.3, 0.1, 0, true, 0.3, 0}, // 0.3 + 0.1·0·0.7 = 0.3
		{"from zero", 0, 0.25, 0.5, true, 0.125, 0},    // 0 + 0.25·0.5·1 = 0.125 (exact)
	}
	for _, c := range cases {
		checkNear(t, c.name, Mature(c.m, c.rate, c.quality, c.shared), c.want, c.eps)
	}
	// Many ticks: approaches 1 with shared measurement and some
	// coordination, 0 without; never leaves [0,1].
	up, down := 0.0, 1.0
	for k := 0; k < 2000; k++ {
		up = Mature(up, 0.05, 0.6, true)
		down = Mature(down, 0.05, 0.6, false)
		if up < 0 || up > 1 || down < 0 || down > 1 {
			t.Fatalf("tick %d: maturity %v, %v outside [0,1]", k, up, down)
		}
	}
	checkNear(t, "with shared measurement", up, 1, 1e-9) // 1 − 0.97^2000 ≈ 1 − 4e-27
	checkNear(t, "without", down, 0, 1e-9)               // 0.95^2000 ≈ 3e-45
}

func TestLearn(t *testing.T) {
	own := Vec{0.6, 0.4, 0, 0, 0}
	r := Vec{0, 0, 1, 0, 0}
	cases := []struct {
		name string
		rate float64
		want Vec
		eps  float64
	}{
		// 0.6 + 0.25·(0 − 0.6) = 0.45; 0.4 − 0.1 = 0.3; 0 + 0.25·1 = 0.25 (exact binary fractions).
		{"quarter step", 0.25, Vec{0.45, 0.3, 0.25, 0, 0}, tol},
		{"no learning", 0, own, 0},
		{"full step", 1, r, 0}, // k + 1·(r − k) = r (exact here: 0.6 − 0.6 = 0)
	}
	for _, c := range cases {
		orig := own
		got := Learn(own, r, c.rate)
		if !vecNear(got, c.want, c.eps) {
			t.Errorf("%s: k' = %v, want %v", c.name, got, c.want)
		}
		checkNear(t, c.name+" Σk'", got.Sum(), 1, tol)
		if own != orig {
			t.Errorf("%s: Learn changed its argument", c.name)
		}
	}
}

func TestGapReinforcement(t *testing.T) {
	cases := []struct {
		name     string
		gap, cap Vec
		want     Vec
	}{
		// gap·cap = (0.1, 0.3, 0, 0.5, 0), Σ = 0.9: (1/9, 1/3, 0, 5/9, 0).
		{"weighted", Vec{0.5, 0.5, 0, 1, 0}, Vec{0.2, 0.6, 1, 0.5, 0.5}, Vec{1.0 / 9, 1.0 / 3, 0, 5.0 / 9, 0}},
		// Equal capability: the gaps themselves, normalised: (2, 1, 1, 0, 0)/4.
		{"equal capability", Vec{0.4, 0.2, 0.2, 0, 0}, Vec{0.7, 0.7, 0.7, 0.7, 0.7}, Vec{0.5, 0.25, 0.25, 0, 0}},
		// No gap where the actor can help: uniform (Normalized of zero).
		{"nothing to do", Vec{0, 0, 0, 0, 1}, Vec{1, 1, 1, 1, 0}, uniform()},
	}
	for _, c := range cases {
		got := GapReinforcement(c.gap, c.cap)
		if !vecNear(got, c.want, tol) {
			t.Errorf("%s: r = %v, want %v", c.name, got, c.want)
		}
	}
}
