package agents

import "testing"

// table returns actors for the influence tests: three attending members
// with budgets 300, 100 and 0, a member who stayed away (budget 600) and an
// outsider who came to the meeting (budget 1000).
func table() []Actor {
	return []Actor{
		{Name: "A", Member: true, Attended: true, Budget: 300},
		{Name: "B", Member: true, Attended: true, Budget: 100},
		{Name: "C", Member: true, Attended: true, Budget: 0},
		{Name: "D", Member: true, Attended: false, Budget: 600},
		{Name: "E", Member: false, Attended: true, Budget: 1000},
	}
}

func TestInfluenceWeights(t *testing.T) {
	// n = 3 attending members (A, B, C), Σ money = 300 + 100 + 0 = 400.
	cases := []struct {
		name    string
		sharing float64
		want    []float64
		eps     float64
	}{
		// ψ=0: money buys voice: 300/400 = 0.75, 100/400 = 0.25, 0/400 = 0 (exact).
		{"no power sharing", 0, []float64{0.75, 0.25, 0, 0, 0}, 0},
		// ψ=1: equal voice: 0·share + 1/3.
		{"full power sharing", 1, []float64{1.0 / 3, 1.0 / 3, 1.0 / 3, 0, 0}, 0},
		// ψ=½: A 0.5·0.75 + 0.5/3 = 0.375 + 0.1667 = 0.541667,
		//      B 0.5·0.25 + 0.5/3 = 0.125 + 0.1667 = 0.291667, C 0 + 0.5/3 = 0.166667.
		{"half", 0.5, []float64{0.375 + 0.5/3, 0.125 + 0.5/3, 0.5 / 3, 0, 0}, tol},
	}
	for _, c := range cases {
		w := []float64{9, 9, 9, 9, 9} // stale values must be overwritten
		InfluenceWeights(w, table(), c.sharing)
		for i := range w {
			if !near(w[i], c.want[i], c.eps) {
				t.Errorf("%s: w = %v, want %v", c.name, w, c.want)
				break
			}
		}
	}
}

func TestInfluenceWeightsProperties(t *testing.T) {
	actors := table()
	w := make([]float64, len(actors))
	for _, psi := range []float64{0, 0.1, 0.25, 0.5, 0.75, 0.9, 1} {
		InfluenceWeights(w, actors, psi)
		sum := 0.0
		for _, x := range w {
			sum += x
		}
		checkNear(t, "Σw", sum, 1, tol)
		// Non-attendees and non-members weigh nothing, whatever they pay.
		if w[3] != 0 || w[4] != 0 {
			t.Errorf("ψ=%v: absent member / outsider weigh %v, %v; want 0", psi, w[3], w[4])
		}
		// With ψ = 0 the weights are the budget shares among attendees.
		if psi == 0 {
			for i := 0; i < 3; i++ {
				if w[i] != actors[i].Budget/400 {
					t.Errorf("ψ=0: w[%d] = %v, want budget share %v", i, w[i], actors[i].Budget/400)
				}
			}
		}
		// More power sharing never gives the richest less than equal voice
		// nor the poorest more than equal voice.
		if w[0] < 1.0/3 || w[2] > 1.0/3 {
			t.Errorf("ψ=%v: w = %v", psi, w)
		}
	}

	// A table with no money at all falls back to equal voice for any ψ:
	// (1−ψ)·½ + ψ/2 = ½.
	poor := []Actor{{Member: true, Attended: true}, {Member: true, Attended: true}}
	w2 := make([]float64, 2)
	for _, psi := range []float64{0, 0.3, 1} {
		InfluenceWeights(w2, poor, psi)
		if w2[0] != 0.5 || w2[1] != 0.5 {
			t.Errorf("no money, ψ=%v: w = %v, want [0.5 0.5]", psi, w2)
		}
	}

	// Nobody at the table: everyone weighs 0 (and no NaN from 0/0).
	empty := table()
	for i := range empty {
		empty[i].Attended = false
	}
	w = []float64{1, 1, 1, 1, 1}
	InfluenceWeights(w, empty, 0.5)
	for i, x := range w {
		if x != 0 {
			t.Errorf("nobody attending: w[%d] = %v, want 0", i, x)
		}
	}
}

func TestAgendaTarget(t *testing.T) {
	actors := []Actor{
		{Priority: Vec{1, 0, 0, 0, 0}},
		{Priority: Vec{0, 1, 0, 0, 0}},
		{Priority: Vec{0, 0, 0, 0, 1}}, // weight 0: ignored
	}
	voice := Vec{0, 0, 0, 0, 1}
	data := Vec{0, 0, 0, 1, 0}
	cases := []struct {
		name   string
		w      []float64
		ωB, ωM float64
		want   Vec
	}{
		// Σ w_j k_j = 0.75·e₁ + 0.25·e₂.
		{"members only", []float64{0.75, 0.25, 0}, 0, 0, Vec{0.75, 0.25, 0, 0, 0}},
		// own = 1 − 0.2 − 0.2 = 0.6: 0.6·(0.75, 0.25) = (0.45, 0.15), + 0.2·e₅ (voice) + 0.2·e₄ (data).
		{"voice and data", []float64{0.75, 0.25, 0}, 0.2, 0.2, Vec{0.45, 0.15, 0, 0.2, 0.2}},
		// Weights that do not sum to one are rescaled: 3/4 and 1/4 as above.
		{"unnormalised weights", []float64{3, 1, 0}, 0, 0, Vec{0.75, 0.25, 0, 0, 0}},
		// Voice only: own = 0.5: 0.5·(0.75, 0.25) = (0.375, 0.125), + 0.5·e₅.
		{"half voice", []float64{0.75, 0.25, 0}, 0.5, 0, Vec{0.375, 0.125, 0, 0, 0.5}},
		// All the seat to the beneficiaries: the voice vector itself.
		{"all voice", []float64{0.75, 0.25, 0}, 1, 0, voice},
		// Nobody weighs anything: the uniform fallback, never NaN.
		{"no weights", []float64{0, 0, 0}, 0.2, 0.2, uniform()},
	}
	for _, c := range cases {
		got := AgendaTarget(actors, c.w, voice, c.ωB, data, c.ωM)
		if !vecNear(got, c.want, tol) {
			t.Errorf("%s: target = %v, want %v", c.name, got, c.want)
		}
	}
}

// The more weight beneficiaries' voice has, the closer the target is to it.
func TestAgendaTargetMovesTowardVoice(t *testing.T) {
	actors := []Actor{
		{Priority: Vec{0.6, 0.4, 0, 0, 0}},
		{Priority: Vec{0.2, 0.2, 0.6, 0, 0}},
	}
	w := []float64{0.5, 0.5}
	voice := Vec{0, 0.1, 0.1, 0.3, 0.5}
	data := uniform()
	prev := -1.0
	for k := 0; k <= 8; k++ {
		ωB := float64(k) / 10
		got := AgendaTarget(actors, w, voice, ωB, data, 0.2)
		checkNear(t, "Σ target", got.Sum(), 1, tol)
		a := Alignment(got, voice)
		if a <= prev {
			t.Errorf("ω_B=%v: alignment with voice %v, not above %v at lower weight", ωB, a, prev)
		}
		prev = a
	}
}

func TestMoveAgenda(t *testing.T) {
	a := uniform()
	target := Vec{0.6, 0.1, 0.1, 0.1, 0.1}
	cases := []struct {
		name                 string
		rate, trust, mandate float64
		want                 Vec
		eps                  float64
	}{
		// ρ = 0.5·0.8·0.5 = 0.2: 0.8·0.2 + 0.2·0.6 = 0.28; 0.8·0.2 + 0.2·0.1 = 0.18.
		{"partial", 0.5, 0.8, 0.5, Vec{0.28, 0.18, 0.18, 0.18, 0.18}, tol},
		// ρ = 1: (1−1)·a + 1·a* = a* (exact).
		{"full", 1, 1, 1, target, 0},
		// ρ = 0 from zero trust: 1·a + 0·a* = a (exact).
		{"zero trust", 0.5, 0, 0.9, a, 0},
		// ρ = 0 from zero mandate.
		{"zero mandate", 0.5, 0.9, 0, a, 0},
		// ρ = 0 from zero base rate.
		{"zero rate", 0, 1, 1, a, 0},
	}
	for _, c := range cases {
		orig := a
		got := MoveAgenda(a, target, c.rate, c.trust, c.mandate)
		if !vecNear(got, c.want, c.eps) {
			t.Errorf("%s: a' = %v, want %v", c.name, got, c.want)
		}
		if a != orig {
			t.Errorf("%s: MoveAgenda changed its argument", c.name)
		}
	}
	// Trust and mandate both slow the table: the step shrinks with either.
	step := func(trust, mandate float64) float64 {
		return MoveAgenda(a, target, 0.5, trust, mandate)[0] - a[0]
	}
	if !(step(0.4, 0.8) < step(0.8, 0.8) && step(0.8, 0.4) < step(0.8, 0.8)) {
		t.Errorf("lower trust or mandate should move the agenda less")
	}
}

func TestCoherence(t *testing.T) {
	member := func(hours float64, effort Vec) Actor {
		return Actor{Member: true, Hours: hours, Effort: effort}
	}
	cases := []struct {
		name   string
		actors []Actor
		want   float64
	}{
		// x̄ = (30, 20)/50 = (0.6, 0.4); alignments 1 − ½(0.4+0.4) = 0.6,
		// 1 − ½(0.6+0.6) = 0.4 twice: (0.6 + 0.4 + 0.4)/3 = 0.4667.
		// (An unweighted mean (1/3, 2/3) would give 5/9 = 0.5556.)
		{"hours-weighted mean", []Actor{
			member(30, Vec{30, 0, 0, 0, 0}),
			member(10, Vec{0, 10, 0, 0, 0}),
			member(10, Vec{0, 10, 0, 0, 0}),
		}, 1.4 / 3},
		// Same profile (0.25, 0.5, 0.25) at different scales: everyone aligned.
		{"same priorities", []Actor{
			member(40, Vec{10, 20, 10, 0, 0}),
			member(8, Vec{2, 4, 2, 0, 0}),
		}, 1},
		// Disjoint, equal hours: x̄ = (½, ½); each 1 − ½(½+½) = ½.
		{"disjoint", []Actor{
			member(10, Vec{10, 0, 0, 0, 0}),
			member(10, Vec{0, 10, 0, 0, 0}),
		}, 0.5},
		// Non-members and members without hours do not count.
		{"ignores outsiders and idle", []Actor{
			member(10, Vec{10, 0, 0, 0, 0}),
			member(10, Vec{0, 10, 0, 0, 0}),
			{Member: false, Hours: 50, Effort: Vec{0, 0, 0, 0, 50}},
			member(0, Vec{0, 0, 7, 0, 0}),
		}, 0.5},
		{"no members", []Actor{{Hours: 10, Effort: Vec{10}}}, 0},
	}
	for _, c := range cases {
		checkNear(t, c.name, Coherence(c.actors), c.want, tol)
	}
}
