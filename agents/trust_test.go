package agents

import (
	"math/rand/v2"
	"testing"
)

func TestTrustMatrix(t *testing.T) {
	tr := NewTrust(3)
	if tr.N != 3 || len(tr.T) != 9 {
		t.Fatalf("NewTrust(3) = N %d, len %d; want 3, 9", tr.N, len(tr.T))
	}
	for _, v := range tr.T {
		if v != 0 {
			t.Fatalf("NewTrust not zero: %v", tr.T)
		}
	}
	tr.Set(0, 2, 0.7)
	tr.Set(2, 0, 0.1)
	if tr.At(0, 2) != 0.7 || tr.At(2, 0) != 0.1 {
		t.Errorf("At(0,2), At(2,0) = %v, %v; want 0.7, 0.1 (trust is asymmetric)", tr.At(0, 2), tr.At(2, 0))
	}
	if tr.T[0*3+2] != 0.7 { // row-major: i*N + j
		t.Errorf("storage not row-major: %v", tr.T)
	}
}

func TestTrustSignal(t *testing.T) {
	cases := []struct {
		name                  string
		a, b, i, theta, noise float64
		want                  float64
		eps                   float64
	}{
		{"mixed", 0.6, 0.9, 0.3, 0.5, 0, 0.1, tol},              // (0.6+0.9+0.3)/3 − 0.5 = 0.6 − 0.5 = 0.1
		{"all good", 1, 1, 1, 0.5, 0, 0.5, 0},                   // 3/3 − 0.5 = 0.5 (exact)
		{"all bad", 0, 0, 0, 0.5, 0, -0.5, 0},                   // 0 − 0.5 = −0.5 (exact)
		{"neutral plus noise", 0.5, 0.5, 0.5, 0.5, 0.2, 0.2, 0}, // 1.5/3 − 0.5 + 0.2 = 0.2 (exact: 0.5 − 0.5 = 0)
		{"negative noise", 0.3, 0.6, 0.9, 0.4, -0.1, 0.1, tol},  // 1.8/3 − 0.4 − 0.1 = 0.6 − 0.5 = 0.1
	}
	for _, c := range cases {
		checkNear(t, c.name, TrustSignal(c.a, c.b, c.i, c.theta, c.noise), c.want, c.eps)
	}
}

func TestUpdateTrust(t *testing.T) {
	cases := []struct {
		name             string
		tau, s, gain, ls float64
		want             float64
		eps              float64
	}{
		{"gain", 0.3, 0.2, 0.05, 0.15, 0.307, tol},                 // 0.3 + 0.05·0.2·0.7 = 0.3 + 0.007 = 0.307
		{"loss", 0.3, -0.2, 0.05, 0.15, 0.291, tol},                // 0.3 − 0.15·0.2·0.3 = 0.3 − 0.009 = 0.291
		{"zero signal", 0.5, 0, 0.05, 0.15, 0.5, 0},                // 0.5 + 0.05·0·0.5 = 0.5 (exact)
		{"full trust cannot grow", 1, 0.4, 0.05, 0.15, 1, 0},       // 1 + 0.05·0.4·0 = 1 (exact)
		{"no trust cannot fall", 0, -0.4, 0.05, 0.15, 0, 0},        // 0 − 0.15·0.4·0 = 0 (exact)
		{"from zero", 0, 0.5, 0.1, 0.3, 0.05, tol},                 // 0 + 0.1·0.5·1 = 0.05
		{"strong breach", 0.8, -1, 0.1, 0.3, 0.56, tol},            // 0.8 − 0.3·1·0.8 = 0.8 − 0.24 = 0.56
		{"full rate full signal", 0.25, 1, 1, 1, 1, 0},             // 0.25 + 1·1·0.75 = 1 (exact)
		{"full rate full breach", 0.75, -1, 1, 1, 0, 0},            // 0.75 − 1·1·0.75 = 0 (exact)
		{"loss ignores gain rate", 0.5, -0.5, 0.9, 0.2, 0.45, tol}, // 0.5 − 0.2·0.5·0.5 = 0.45 (gain 0.9 unused)
	}
	for _, c := range cases {
		checkNear(t, c.name, UpdateTrust(c.tau, c.s, c.gain, c.ls), c.want, c.eps)
	}
}

// Trust is slow to build and fast to break: with λ⁻ = 3λ⁺ a bad meeting
// moves trust further than a good one of the same size.
func TestUpdateTrustBuildsSlowerThanItBreaks(t *testing.T) {
	const gain, loss = 0.05, 0.15 // λ⁻ = 3λ⁺
	for _, s := range []float64{0.05, 0.2, 0.5, 1} {
		// At τ = ½ the factors (1−τ) and τ are equal, so the two steps are in
		// the ratio λ⁻/λ⁺ = 3 exactly (up to rounding).
		up := UpdateTrust(0.5, s, gain, loss) - 0.5
		down := 0.5 - UpdateTrust(0.5, -s, gain, loss)
		if !(down > up) {
			t.Errorf("s=%v: loss %v not larger than gain %v", s, down, up)
		}
		checkNear(t, "loss/gain ratio at τ=½", down/up, 3, 1e-9) // relative rounding of a ratio of small differences
		// For any τ > ¼ the loss λ⁻·s·τ exceeds the gain λ⁺·s·(1−τ).
		for _, tau := range []float64{0.3, 0.5, 0.7, 0.9} {
			if g, l := UpdateTrust(tau, s, gain, loss)-tau, tau-UpdateTrust(tau, -s, gain, loss); !(l > g) {
				t.Errorf("τ=%v s=%v: loss %v not larger than gain %v", tau, s, l, g)
			}
		}
	}

	// One bad meeting takes at least three good ones to undo.
	tau := UpdateTrust(0.5, -0.2, gain, loss) // 0.5 − 0.15·0.2·0.5 = 0.485
	n := 0
	for tau < 0.5 {
		tau = UpdateTrust(tau, 0.2, gain, loss) // each step adds 0.01·(1−τ) ≈ 0.0051
		n++
	}
	if n < 3 {
		t.Errorf("one bad meeting undone by %d good ones, want ≥ 3", n)
	}

	// Alternating good and bad meetings of equal size settle well below ½:
	// the two-step map τ → (τ + a(1−τ))(1−b), a = λ⁺s = 0.01, b = λ⁻s = 0.03,
	// has fixed point a(1−b)/(a + b − ab) = 0.0097/0.0397 ≈ 0.2443.
	tau = 0.5
	for k := 0; k < 2000; k++ {
		tau = UpdateTrust(tau, 0.2, gain, loss)
		tau = UpdateTrust(tau, -0.2, gain, loss)
	}
	checkNear(t, "alternating fixed point", tau, 0.0097/0.0397, 1e-9) // converged geometrically (factor 0.96 per pair)
}

// The factors (1−τ) and τ keep trust in [0,1] for any signal in [−1, 1]
// and rates in [0, 1], however many steps are taken.
func TestUpdateTrustStaysInUnitInterval(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, rates := range [][2]float64{{0.05, 0.15}, {0.5, 1}, {1, 1}, {1, 0.3}} {
		for _, start := range []float64{0, 0.5, 1} {
			tau := start
			for k := 0; k < 10000; k++ {
				var s float64
				switch rng.IntN(3) {
				case 0:
					s = 1 // extreme good experience
				case 1:
					s = -1 // extreme breach
				default:
					s = 2*rng.Float64() - 1
				}
				tau = UpdateTrust(tau, s, rates[0], rates[1])
				if tau < 0 || tau > 1 {
					t.Fatalf("rates %v, start %v, step %d: τ = %v left [0,1]", rates, start, k, tau)
				}
			}
		}
		// A run of only extreme good (bad) signals approaches 1 (0) without
		// passing it.
		hi, lo := 0.5, 0.5
		for k := 0; k < 1000; k++ {
			hi = UpdateTrust(hi, 1, rates[0], rates[1])
			lo = UpdateTrust(lo, -1, rates[0], rates[1])
		}
		if hi > 1 || hi < 0.999 || lo < 0 || lo > 0.001 {
			t.Errorf("rates %v: after 1000 extreme signals τ = %v (good), %v (bad)", rates, hi, lo)
		}
	}
}

// The doc comment says the factors keep τ in [0,1] without clamping. That
// holds only while λ·|s| ≤ 1, but s = (A+B+I)/3 − θ + ε with Gaussian ε is
// unbounded, and scenario validation allows trust_gain, trust_loss and
// trust_noise up to 1.
func TestUpdateTrustStaysInUnitIntervalForLargeSignals(t *testing.T) {
	for _, c := range []struct{ tau, s, gain, loss float64 }{
		{0.5, -10, 0.05, 0.15}, // 0.5 − 0.15·10·0.5 = −0.25
		{0.5, 2, 1, 1},         // 0.5 + 1·2·0.5 = 1.5
	} {
		if got := UpdateTrust(c.tau, c.s, c.gain, c.loss); got < 0 || got > 1 {
			t.Errorf("UpdateTrust(%v, %v, %v, %v) = %v, outside [0,1]", c.tau, c.s, c.gain, c.loss, got)
		}
	}
}

func TestDecayTrust(t *testing.T) {
	cases := []struct {
		name                    string
		tau, floor, rate, follo float64
		want                    float64
		eps                     float64
	}{
		{"no follow-up", 0.6, 0.2, 0.1, 0, 0.56, tol},        // 0.6 − 0.1·1·0.4 = 0.56
		{"half follow-up", 0.6, 0.2, 0.1, 0.5, 0.58, tol},    // 0.6 − 0.1·0.5·0.4 = 0.58
		{"full follow-up", 0.6, 0.2, 0.1, 1, 0.6, 0},         // 0.6 − 0.1·0·0.4 = 0.6 (exact)
		{"below floor rises", 0.1, 0.2, 0.1, 0, 0.11, tol},   // 0.1 − 0.1·1·(−0.1) = 0.11
		{"at floor stays", 0.2, 0.2, 0.1, 0, 0.2, 0},         // 0.2 − 0.1·(0.2 − 0.2) = 0.2 (exact)
		{"full rate hits floor", 0.9, 0.25, 1, 0, 0.25, tol}, // 0.9 − 1·1·0.65 = 0.25
	}
	for _, c := range cases {
		checkNear(t, c.name, DecayTrust(c.tau, c.floor, c.rate, c.follo), c.want, c.eps)
	}
}

func TestDecayTrustWithoutContactReachesFloor(t *testing.T) {
	const floor, rate = 0.2, 0.05
	tau := 0.9
	for k := 0; k < 1000; k++ {
		next := DecayTrust(tau, floor, rate, 0)
		if next > tau || next < floor {
			t.Fatalf("step %d: τ %v → %v, want monotone decay not below the floor %v", k, tau, next, floor)
		}
		tau = next
	}
	// |τ − floor| = 0.7·0.95^1000 ≈ 4e-23.
	checkNear(t, "τ after 1000 ticks", tau, floor, tol)

	// From below the floor trust rises to it.
	tau = 0
	for k := 0; k < 1000; k++ {
		tau = DecayTrust(tau, floor, rate, 0)
	}
	checkNear(t, "τ from 0 after 1000 ticks", tau, floor, tol)
}

func TestDecayTrustFullFollowUpKeepsTrust(t *testing.T) {
	for _, start := range []float64{0, 0.2, 0.55, 0.9, 1} {
		tau := start
		for k := 0; k < 1000; k++ {
			tau = DecayTrust(tau, 0.2, 0.05, 1) // δ·(1−1) = 0: τ − 0·(τ − floor) = τ exactly
		}
		if tau != start {
			t.Errorf("full follow-up: τ %v → %v after 1000 ticks, want unchanged", start, tau)
		}
	}
}

func TestBreakTrust(t *testing.T) {
	cases := []struct {
		tau, breach, want, eps float64
	}{
		{0.8, 0.5, 0.4, 0},     // 0.8·0.5 = 0.4 (exact: halving)
		{0.8, 0, 0.8, 0},       // 0.8·1 = 0.8
		{0.8, 1, 0, 0},         // 0.8·0 = 0
		{0.6, 0.25, 0.45, tol}, // 0.6·0.75 = 0.45
		{0, 0.5, 0, 0},         // 0·0.5 = 0
	}
	for _, c := range cases {
		checkNear(t, "BreakTrust", BreakTrust(c.tau, c.breach), c.want, c.eps)
	}
}
