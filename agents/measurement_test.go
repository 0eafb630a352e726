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

func TestIndicatorView(t *testing.T) {
	mu := Vec{0.9, 0.3, 0.6, 0.9, 0.3} // the default measurability
	cases := []struct {
		name           string
		bias, codesign float64
		want           Vec
	}{
		// 1 − 0.5·(1 − μ): 1 − 0.05 = 0.95, 1 − 0.35 = 0.65, 1 − 0.2 = 0.8.
		{"default, no beneficiaries", 0.5, 0, Vec{0.95, 0.65, 0.8, 0.95, 0.65}},
		// 1 − 0.5·(1 − μ)·(1 − 0.5): 1 − 0.025 = 0.975, 1 − 0.175 = 0.825, 1 − 0.1 = 0.9.
		{"co-designed indicators", 0.5, 0.5, Vec{0.975, 0.825, 0.9, 0.975, 0.825}},
		// β = 1: indicators see exactly the measurability.
		{"full bias", 1, 0, mu},
		// β = 0 or ι = 1: indicators see every domain fully.
		{"no bias", 0, 0, Vec{1, 1, 1, 1, 1}},
		{"fully co-designed", 1, 1, Vec{1, 1, 1, 1, 1}},
	}
	for _, c := range cases {
		if got := IndicatorView(mu, c.bias, c.codesign); !vecNear(got, c.want, tol) {
			t.Errorf("%s: v = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestMeasuredNeeds(t *testing.T) {
	cases := []struct {
		name           string
		residual, view Vec
		want           Vec
	}{
		// v·r = (0.19, 0.26, 0, 0.095, 0.13), Σ = 0.675:
		// (0.19, 0.26, 0, 0.095, 0.13)/0.675.
		{"default view", Vec{0.2, 0.4, 0, 0.1, 0.2}, Vec{0.95, 0.65, 0.8, 0.95, 0.65},
			Vec{0.19 / 0.675, 0.26 / 0.675, 0, 0.095 / 0.675, 0.13 / 0.675}},
		// Seeing everything: the residual profile itself, (2, 4, 0, 1, 2)/9.
		{"full view", Vec{0.2, 0.4, 0, 0.1, 0.2}, Vec{1, 1, 1, 1, 1},
			Vec{2.0 / 9, 4.0 / 9, 0, 1.0 / 9, 2.0 / 9}},
		// Equal residuals, self-esteem half seen: (1, 0.5, 1, 1, 1)/4.5.
		{"blind spot", Vec{0.3, 0.3, 0.3, 0.3, 0.3}, Vec{1, 0.5, 1, 1, 1},
			Vec{1 / 4.5, 0.5 / 4.5, 1 / 4.5, 1 / 4.5, 1 / 4.5}},
		// No need left: uniform (Normalized of zero).
		{"nothing left", Vec{}, Vec{1, 1, 1, 1, 1}, uniform()},
	}
	for _, c := range cases {
		got := MeasuredNeeds(c.residual, c.view)
		if !vecNear(got, c.want, tol) {
			t.Errorf("%s: ν_M = %v, want %v", c.name, got, c.want)
		}
		checkNear(t, c.name+" Σν_M", got.Sum(), 1, tol)
	}
}
