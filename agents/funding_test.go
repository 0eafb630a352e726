package agents

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestContribution(t *testing.T) {
	cases := []struct {
		others, trust, base, slope, trustSlope float64
		want, eps                              float64
	}{
		{0.4, 0.7, 0.1, 0.8, 0.5, 0.52, tol}, // 0.1 + 0.8·0.4 + 0.5·(0.7−0.5) = 0.1 + 0.32 + 0.1 = 0.52
		{0.5, 0.5, 0.2, 0.6, 2, 0.5, tol},    // 0.2 + 0.3 + 2·0 = 0.5
		{0, 0, 0, 0.5, 1, 0, 0},              // 0 + 0 + 1·(−0.5) = −0.5 → clamped to 0
		{1, 1, 0.5, 0.9, 1, 1, 0},            // 0.5 + 0.9 + 0.5 = 1.9 → clamped to 1
		{0.25, 0.5, 0, 1, 0, 0.25, 0},        // 0 + 1·0.25 + 0 = 0.25 (exact)
	}
	for _, c := range cases {
		checkNear(t, "Contribution", Contribution(c.others, c.trust, c.base, c.slope, c.trustSlope), c.want, c.eps)
	}
	// Always in [0,1], even for parameters far outside the usual range.
	for _, others := range []float64{-1, 0, 0.5, 1, 3} {
		for _, trust := range []float64{0, 0.5, 1} {
			for _, base := range []float64{-2, 0, 0.3, 2} {
				for _, slope := range []float64{-1, 0, 0.8, 5} {
					s := Contribution(others, trust, base, slope, 3)
					if s < 0 || s > 1 || math.IsNaN(s) {
						t.Errorf("Contribution(%v, %v, %v, %v, 3) = %v, outside [0,1]", others, trust, base, slope, s)
					}
				}
			}
		}
	}
	// Conditional cooperation: more from the others, more from this funder.
	if Contribution(0.6, 0.5, 0.1, 0.8, 0.5) <= Contribution(0.2, 0.5, 0.1, 0.8, 0.5) {
		t.Error("contribution does not rise with the others' contributions")
	}
}

func TestReportedScore(t *testing.T) {
	kpi := Vec{0.5, 0.5, 0, 0, 0}
	mu := Vec{1, 0.2, 1, 1, 1}
	rep := Vec{10, 20, 30, 0, 0}
	cases := []struct {
		name      string
		cost      float64
		want, eps float64
	}{
		// (0.5·1·10 + 0.5·0.2·20 + 0·1·30)/2 = (5 + 2 + 0)/2 = 3.5.
		{"cost 2", 2, 3.5, tol},
		// Same over 7: 7/7 = 1.
		{"cost 7", 7, 1, tol},
		{"zero cost", 0, 0, 0},
		{"negative cost", -1, 0, 0},
	}
	for _, c := range cases {
		checkNear(t, c.name, ReportedScore(kpi, mu, rep, c.cost), c.want, c.eps)
	}
	// Unmeasurable domains do not count: results only in a domain with μ = 0.
	if s := ReportedScore(Vec{0, 1, 0, 0, 0}, Vec{1, 0, 1, 1, 1}, Vec{0, 50, 0, 0, 0}, 1); s != 0 {
		t.Errorf("score from an unmeasurable domain = %v, want 0", s)
	}
}

func TestAllocateCompetitive(t *testing.T) {
	cases := []struct {
		name      string
		scores    []float64
		total     float64
		sharpness float64
		want      []float64
		eps       float64
	}{
		// β=1: proportional, 600·(1, 2, 3)/6 = 100, 200, 300.
		{"proportional", []float64{1, 2, 3}, 600, 1, []float64{100, 200, 300}, 1e-9},
		// β=2: 600·(1, 4, 9)/14 = 42.857, 171.429, 385.714.
		{"sharp", []float64{1, 2, 3}, 600, 2, []float64{600.0 / 14, 2400.0 / 14, 5400.0 / 14}, 1e-9},
		// β=0: s⁰ = 1 for every positive score: 600/3 = 200 each.
		{"flat", []float64{1, 2, 3}, 600, 0, []float64{200, 200, 200}, 1e-9},
		// β=0: zero and negative scores still get nothing: 600/2 = 300.
		{"flat with non-scorers", []float64{3, 0, 1, -1}, 600, 0, []float64{300, 0, 300, 0}, 1e-9},
		// Only positive scorers share: the one positive score takes all 600.
		{"one scorer", []float64{2, 0, -1}, 600, 1, []float64{600, 0, 0}, 1e-9},
		// Nobody scores: 600/3 to each of the three zero scores, nothing to −1.
		{"first round", []float64{0, 0, -1, 0}, 600, 2, []float64{200, 200, 0, 200}, 1e-9},
		// Nobody applies with a score ≥ 0: nothing is given.
		{"no applicants", []float64{-1, -2}, 600, 1, []float64{0, 0}, 0},
	}
	for _, c := range cases {
		dst := make([]float64, len(c.scores))
		for j := range dst {
			dst[j] = 99 // stale values must be overwritten
		}
		AllocateCompetitive(dst, c.scores, c.total, c.sharpness)
		for j := range dst {
			if !near(dst[j], c.want[j], c.eps) {
				t.Errorf("%s: G = %v, want %v", c.name, dst, c.want)
				break
			}
		}
	}
}

func TestAllocateCompetitiveProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := 0; trial < 2000; trial++ {
		n := 1 + rng.IntN(8)
		scores := make([]float64, n)
		anyPositive := false
		for j := range scores {
			switch rng.IntN(5) {
			case 0:
				scores[j] = -1 // not applying
			case 1:
				scores[j] = 0
			default:
				scores[j] = rng.Float64() * 10
				anyPositive = anyPositive || scores[j] > 0
			}
		}
		total := 1000 * rng.Float64()
		beta := []float64{0, 0.5, 1, 2, 5}[rng.IntN(5)]
		dst := make([]float64, n)
		AllocateCompetitive(dst, scores, total, beta)

		sum, zeros := 0.0, 0
		for j, g := range dst {
			sum += g
			if scores[j] == 0 {
				zeros++
			}
			if g < 0 || math.IsNaN(g) {
				t.Fatalf("scores %v: negative or NaN grant %v", scores, dst)
			}
			if scores[j] < 0 && g != 0 {
				t.Fatalf("scores %v: applicant with negative score got %v", scores, g)
			}
			if anyPositive && scores[j] == 0 && g != 0 {
				t.Fatalf("scores %v: zero score got %v while others scored", scores, g)
			}
		}
		// The budget is conserved whenever someone can receive it.
		if anyPositive || zeros > 0 {
			checkNear(t, "Σ grants", sum, total, 1e-9*math.Max(1, total)) // rounding of a sum of ≤ 8 terms
		}
		if !anyPositive && zeros > 0 {
			for j, g := range dst {
				if scores[j] == 0 && !near(g, total/float64(zeros), 1e-9) {
					t.Fatalf("scores %v: uneven first-round split %v", scores, dst)
				}
			}
		}
		// Higher score, more money (β > 0); equal shares among scorers at β = 0.
		for i := range scores {
			for j := range scores {
				if scores[i] <= 0 || scores[j] <= 0 {
					continue
				}
				switch {
				case beta == 0 && !near(dst[i], dst[j], 1e-9):
					t.Fatalf("β=0, scores %v: unequal shares %v", scores, dst)
				case beta > 0 && scores[i] > scores[j] && !(dst[i] > dst[j]):
					t.Fatalf("β=%v, scores %v: %v not more than %v", beta, scores, dst[i], dst[j])
				}
			}
		}
	}
	// Sharper competition moves money toward the best.
	scores := []float64{1, 2, 4}
	prev := 0.0
	for _, beta := range []float64{0, 0.5, 1, 2, 4} {
		dst := make([]float64, 3)
		AllocateCompetitive(dst, scores, 100, beta)
		if dst[2] <= prev {
			t.Errorf("β=%v: best applicant gets %v, not more than %v at lower β", beta, dst[2], prev)
		}
		prev = dst[2]
	}
}

// A positive score whose power underflows to 0 (or overflows to +Inf) falls
// through to the "nobody scores" branch (or gives Inf/Inf = NaN). The doc
// says applicants with score ≤ 0 get nothing and the rest share G.
func TestAllocateCompetitiveExtremeScores(t *testing.T) {
	for _, c := range []struct {
		scores []float64
		want   []float64
	}{
		{[]float64{1e-200, 0}, []float64{600, 0}}, // the only positive score takes all
		{[]float64{1e200, 1}, []float64{600, 0}},  // (1e200)² dominates 1²: ≈ everything to the first
	} {
		dst := make([]float64, 2)
		AllocateCompetitive(dst, c.scores, 600, 2)
		for j := range dst {
			if !near(dst[j], c.want[j], 1e-9) {
				t.Errorf("scores %v: G = %v, want %v", c.scores, dst, c.want)
			}
		}
	}
}

func TestGoalDrift(t *testing.T) {
	own := Vec{0.4, 0.4, 0.2, 0, 0}
	funder := Vec{1, 0, 0, 0, 0}
	cases := []struct {
		name        string
		share, rate float64
		want        Vec
		eps         float64
	}{
		// χ·g = 0.3·0.5 = 0.15: 0.4 + 0.15·0.6 = 0.49, 0.4 − 0.15·0.4 = 0.34, 0.2 − 0.15·0.2 = 0.17.
		{"half funded", 0.5, 0.3, Vec{0.49, 0.34, 0.17, 0, 0}, tol},
		// No grant: no drift (x + 0·(…) = x).
		{"no grant", 0, 0.3, own, 0},
		// χ·g = 1: the funder's KPIs.
		{"captured", 1, 1, funder, tol},
	}
	for _, c := range cases {
		orig := own
		got := GoalDrift(own, funder, c.share, c.rate)
		if !vecNear(got, c.want, c.eps) {
			t.Errorf("%s: k' = %v, want %v", c.name, got, c.want)
		}
		checkNear(t, c.name+" Σk'", got.Sum(), 1, tol) // a convex combination of two distributions
		if own != orig {
			t.Errorf("%s: GoalDrift changed its argument", c.name)
		}
	}
}

func TestPooledShare(t *testing.T) {
	cases := []struct {
		name         string
		capJ, capSum float64
		want, eps    float64
	}{
		{"quarter", 0.25, 1, 0.25, 0},                    // 0.25/1
		{"q=2", 0.5 * 0.5, 0.25 + 0.09 + 0.16, 0.5, tol}, // 0.5²/(0.5² + 0.3² + 0.4²) = 0.25/0.5 = 0.5
		{"nobody able", 0.3, 0, 0, 0},
		{"negative sum", 0.3, -1, 0, 0},
	}
	for _, c := range cases {
		checkNear(t, c.name, PooledShare(c.capJ, c.capSum), c.want, c.eps)
	}
	// The caller raises capabilities to the power q: shares sum to one and
	// a larger q gives more to the most capable.
	caps := []float64{0.8, 0.4, 0.2}
	prev := 0.0
	for _, q := range []float64{0, 1, 2, 4} {
		sum, total := 0.0, 0.0
		for _, c := range caps {
			total += math.Pow(c, q)
		}
		for _, c := range caps {
			sum += PooledShare(math.Pow(c, q), total)
		}
		checkNear(t, "Σ shares", sum, 1, tol)
		best := PooledShare(math.Pow(caps[0], q), total)
		if q == 0 {
			checkNear(t, "q=0 share", best, 1.0/3, tol) // 1/(1+1+1)
		}
		if q == 1 {
			checkNear(t, "q=1 share", best, 0.8/1.4, tol) // 0.8/(0.8+0.4+0.2)
		}
		if best <= prev {
			t.Errorf("q=%v: best share %v not above %v", q, best, prev)
		}
		prev = best
	}
}
