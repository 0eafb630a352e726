package agents

import (
	"math/rand/v2"
	"testing"
)

func TestEffortShares(t *testing.T) {
	flat := uniform()
	cases := []struct {
		name                           string
		priority, agenda, cap, meanCap Vec
		m, quality                     float64
		want                           Vec
		eps                            float64
	}{
		// m = 0: x = 1·k + 0·z = k exactly.
		{"no agenda", Vec{0.5, 0.5, 0, 0, 0}, Vec{0, 0, 0.5, 0.5, 0}, Vec{1, 0, 0, 0, 0}, flat, 0, 1,
			Vec{0.5, 0.5, 0, 0, 0}, 0},
		// m = 1, Q = 0: z ∝ a·(0·rel + 1) = a: x = (0, 0, ½, ½, 0).
		{"all agenda, no coordination", Vec{0.5, 0.5, 0, 0, 0}, Vec{0, 0, 0.5, 0.5, 0}, Vec{1, 0.1, 0.9, 0.1, 0.5}, flat, 1, 0,
			Vec{0, 0, 0.5, 0.5, 0}, tol},
		// Q = 1: rel = (0.9/0.6, 0.3/0.6) = (1.5, 0.5); z ∝ (0.5·1.5, 0.5·0.5) = (0.75, 0.25).
		// m = ½: x = ½·0.2 + ½·z = (0.1+0.375, 0.1+0.125, 0.1, 0.1, 0.1) = (0.475, 0.225, 0.1, 0.1, 0.1).
		{"full coordination", flat, Vec{0.5, 0.5, 0, 0, 0}, Vec{0.9, 0.3, 0.5, 0.5, 0.5}, Vec{0.6, 0.6, 0.6, 0.6, 0.6}, 0.5, 1,
			Vec{0.475, 0.225, 0.1, 0.1, 0.1}, tol},
		// Q = ½: factors ½·1.5 + ½ = 1.25, ½·0.5 + ½ = 0.75; z ∝ (0.625, 0.375), sum 1.
		// x = (0.1 + 0.3125, 0.1 + 0.1875, 0.1, 0.1, 0.1) = (0.4125, 0.2875, 0.1, 0.1, 0.1).
		{"half coordination", flat, Vec{0.5, 0.5, 0, 0, 0}, Vec{0.9, 0.3, 0.5, 0.5, 0.5}, Vec{0.6, 0.6, 0.6, 0.6, 0.6}, 0.5, 0.5,
			Vec{0.4125, 0.2875, 0.1, 0.1, 0.1}, tol},
		// Mean capability 0 in a domain counts as rel = 1: factors (1, 0.3/0.6 = 0.5),
		// z ∝ (0.5, 0.25) → (2/3, 1/3); m = 1.
		{"no mean capability", flat, Vec{0.5, 0.5, 0, 0, 0}, Vec{0.9, 0.3, 0, 0, 0}, Vec{0, 0.6, 0, 0, 0}, 1, 1,
			Vec{2.0 / 3, 1.0 / 3, 0, 0, 0}, tol},
		// Agenda all zero: z is uniform; m = 1 gives the uniform profile.
		{"empty agenda", Vec{1, 0, 0, 0, 0}, Vec{}, flat, flat, 1, 1, flat, tol},
	}
	for _, c := range cases {
		got := EffortShares(c.priority, c.agenda, c.cap, c.meanCap, c.m, c.quality)
		if !vecNear(got, c.want, c.eps) {
			t.Errorf("%s: x = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestEffortSharesProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	randVec := func() Vec {
		var v Vec
		for d := range v {
			v[d] = rng.Float64()
		}
		return v
	}
	for trial := 0; trial < 5000; trial++ {
		k := randVec().Normalized()
		a := randVec().Normalized()
		cp, mc := randVec(), randVec()
		m, q := rng.Float64(), rng.Float64()
		x := EffortShares(k, a, cp, mc, m, q)
		// A convex combination of two distributions: sums to one.
		checkNear(t, "Σx", x.Sum(), 1, tol)
		for d := range x {
			if x[d] < 0 {
				t.Fatalf("negative share %v", x)
			}
		}
		// m = 0: the actor's own priorities, exactly.
		if x0 := EffortShares(k, a, cp, mc, 0, q); x0 != k {
			t.Fatalf("m=0: x = %v, want priority %v", x0, k)
		}
	}

	// With coordination, the agenda's share goes where the actor is
	// relatively strong: capability 0.9 vs mean 0.6 in Skills, 0.3 vs 0.6 in
	// SelfEsteem.
	k := uniform()
	a := Vec{0.5, 0.5, 0, 0, 0}
	cp := Vec{0.9, 0.3, 0.5, 0.5, 0.5}
	mc := Vec{0.6, 0.6, 0.6, 0.6, 0.6}
	prevStrong, prevWeak := 0.0, 1.0
	for _, q := range []float64{0, 0.25, 0.5, 0.75, 1} {
		x := EffortShares(k, a, cp, mc, 0.6, q)
		if q > 0 && !(x[Skills] > prevStrong && x[SelfEsteem] < prevWeak) {
			t.Errorf("Q=%v: strong %v (was %v), weak %v (was %v)", q, x[Skills], prevStrong, x[SelfEsteem], prevWeak)
		}
		if q == 1 && !(x[Skills] > x[SelfEsteem]) {
			t.Errorf("Q=1: strong domain %v not above weak %v", x[Skills], x[SelfEsteem])
		}
		prevStrong, prevWeak = x[Skills], x[SelfEsteem]
	}
}

func TestReferral(t *testing.T) {
	tr := NewTrust(3)
	tr.Set(0, 1, 0.5)
	tr.Set(1, 0, 0.8)
	tr.Set(0, 2, 1) // one-sided: 2 does not trust 0
	cases := []struct {
		name                    string
		h, i                    int
		base, strength, quality float64
		want, eps               float64
	}{
		{"own", 1, 1, 0.1, 0.5, 0.5, 1, 0},                        // h = i
		{"referral", 0, 1, 0.1, 0.5, 0.5, 0.2, tol},               // 0.1 + 0.5·0.5·0.8·0.5 = 0.1 + 0.1 = 0.2
		{"mutual trust symmetric", 1, 0, 0.1, 0.5, 0.5, 0.2, tol}, // τ_10·τ_01 is the same product
		{"no coordination", 0, 1, 0.1, 0.5, 0, 0.1, 0},            // 0.1 + 0.5·0.4·0 = 0.1
		{"one-sided trust", 0, 2, 0.1, 0.5, 1, 0.1, 0},            // τ_20 = 0: 0.1 + 0
		{"full", 0, 1, 0.2, 1, 1, 0.6, tol},                       // 0.2 + 1·0.4·1 = 0.6
	}
	for _, c := range cases {
		checkNear(t, c.name, Referral(c.h, c.i, tr, c.base, c.strength, c.quality), c.want, c.eps)
	}
}

func TestOutput(t *testing.T) {
	cases := []struct {
		name                           string
		hours, routine, cap, prod, eta float64
		want, eps                      float64
	}{
		{"within routine", 10, 20, 0.5, 1, 0.3, 5, 0},          // 0.5·1·(10 + 0.3·0) = 5
		{"at routine", 20, 20, 0.5, 1, 0.3, 10, 0},             // 0.5·(20 + 0) = 10
		{"beyond routine", 30, 20, 0.5, 1, 0.3, 11.5, tol},     // 0.5·(20 + 0.3·10) = 0.5·23 = 11.5
		{"all new work", 30, 0, 0.5, 2, 0.5, 15, 0},            // 0.5·2·(0 + 0.5·30) = 15
		{"innovation multiplier", 8, 10, 0.75, 1.5, 0.3, 9, 0}, // 0.75·1.5·8 = 9
		{"no hours", 0, 10, 0.5, 1, 0.3, 0, 0},
	}
	for _, c := range cases {
		checkNear(t, c.name, Output(c.hours, c.routine, c.cap, c.prod, c.eta), c.want, c.eps)
	}
	// Hours within routine count fully, hours beyond at η: the marginal
	// output of an hour is cap·prod below R and cap·prod·η above.
	const capab, prod, eta, routine = 0.8, 1.25, 0.4, 12.0
	for h := 0.0; h < routine; h++ {
		checkNear(t, "hour within routine", Output(h+1, routine, capab, prod, eta)-Output(h, routine, capab, prod, eta), capab*prod, tol)
	}
	for h := routine; h < 3*routine; h++ {
		checkNear(t, "hour beyond routine", Output(h+1, routine, capab, prod, eta)-Output(h, routine, capab, prod, eta), capab*prod*eta, tol)
	}
}

func TestAdaptRoutine(t *testing.T) {
	cases := []struct{ routine, hours, weeks, want, eps float64 }{
		{10, 20, 4, 12.5, 0}, // 10 + 10/4 = 12.5
		{20, 10, 5, 18, 0},   // 20 − 10/5 = 18
		{10, 10, 4, 10, 0},   // no change when hours match routine
		{3, 17, 1, 17, 0},    // T = 1: routine becomes the hours
		{0, 7, 8, 0.875, 0},  // 0 + 7/8 = 0.875 (exact)
	}
	for _, c := range cases {
		checkNear(t, "AdaptRoutine", AdaptRoutine(c.routine, c.hours, c.weeks), c.want, c.eps)
	}
	// Repeated ticks converge on the hours worked.
	r := 0.0
	for k := 0; k < 2000; k++ {
		r = AdaptRoutine(r, 30, 26)
	}
	checkNear(t, "routine after 2000 ticks", r, 30, 1e-9) // 30·(25/26)^2000 ≈ 1e-33
}

func TestProgress(t *testing.T) {
	cases := []struct{ x, max, half, want, eps float64 }{
		{0, 0.1, 2, 0, 0},       // no service, no progress
		{-1, 0.1, 2, 0, 0},      // negative intensity treated as none
		{2, 0.1, 2, 0.05, tol},  // x = K: half the maximum, 0.1·2/4
		{6, 0.1, 2, 0.075, tol}, // 0.1·6/8 = 0.075
		{1, 0.2, 3, 0.05, tol},  // 0.2·1/4 = 0.05
		{1, 0.5, 0, 0.5, 0},     // K = 0: full π at any positive intensity
	}
	for _, c := range cases {
		checkNear(t, "Progress", Progress(c.x, c.max, c.half), c.want, c.eps)
	}
	// Diminishing returns: increasing, concave, below π.
	prev, prevGain := 0.0, 1.0
	for x := 1.0; x <= 50; x++ {
		p := Progress(x, 0.1, 2)
		gain := p - prev
		if !(p > prev && p < 0.1 && gain < prevGain) {
			t.Errorf("x=%v: progress %v (prev %v, gain %v after %v)", x, p, prev, gain, prevGain)
		}
		prev, prevGain = p, gain
	}
}
