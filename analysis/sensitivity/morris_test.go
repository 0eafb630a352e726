package sensitivity

import (
	"math"
	"slices"
	"testing"
)

func TestMorrisDesign(t *testing.T) {
	const r, k, p = 200, 5, 4
	m := MorrisDesign(r, k, p, seeded(5))
	if m.Delta != 4.0/6 || len(m.Rows) != r*(k+1) || len(m.Moved) != r*k || m.Trajectories() != r {
		t.Fatalf("Δ = %v, %d rows, %d moves, %d trajectories", m.Delta, len(m.Rows), len(m.Moved), m.Trajectories())
	}
	seen := make([]map[float64]int, k) // level counts per factor
	for i := range seen {
		seen[i] = map[float64]int{}
	}
	for tr := range r {
		moved := make([]bool, k)
		for j := range k + 1 {
			row := m.Rows[tr*(k+1)+j]
			for i, x := range row {
				// On the grid: x·(p−1) a whole number in [0, p−1].
				if g := x * (p - 1); g != math.Round(g) || g < 0 || g > p-1 {
					t.Fatalf("trajectory %d row %d: %v off the grid", tr, j, row)
				}
				seen[i][x]++
			}
			if j == k {
				break
			}
			next := m.Rows[tr*(k+1)+j+1]
			f := m.Moved[tr*k+j]
			moved[f] = true
			for i := range k {
				d := math.Abs(next[i] - row[i])
				if i == f && math.Abs(d-m.Delta) > 1e-15 || i != f && d != 0 {
					t.Fatalf("trajectory %d step %d (factor %d): %v → %v", tr, j, f, row, next)
				}
			}
		}
		if slices.Contains(moved, false) {
			t.Fatalf("trajectory %d did not move every factor: %v", tr, m.Moved[tr*k:(tr+1)*k])
		}
	}
	// Every level is used: 200 trajectories give 1200 values per factor,
	// 300 expected per level; none should be near empty (a level's count is
	// about Binomial, SD ≈ 15, so 200 is 6 SD below).
	for i, c := range seen {
		for l := range p {
			if n := c[float64(l)/(p-1)]; n < 200 {
				t.Errorf("factor %d level %d used %d times of %d", i, l, n, r*(k+1))
			}
		}
	}
	if again := MorrisDesign(r, k, p, seeded(5)); !slices.EqualFunc(m.Rows, again.Rows, slices.Equal) {
		t.Error("seed 5 gave two designs")
	}
	mustPanic(t, "odd levels", func() { MorrisDesign(r, k, 5, seeded(1)) })
	mustPanic(t, "nil source", func() { MorrisDesign(r, k, p, nil) })
}

func TestMorrisIndicesByHand(t *testing.T) {
	// One factor, two trajectories on 2 levels (Δ = 1): 0 → 1, then 1 → 0.
	m := &Morris{K: 1, P: 2, Delta: 1, Rows: [][]float64{{0}, {1}, {1}, {0}}, Moved: []int{0, 0}}
	tests := []struct {
		y                 []float64
		mu, muStar, sigma float64
	}{
		// EE = 2/1 and (1−5)/(0−1) = 4.
		{[]float64{0, 2, 5, 1}, 3, 3, math.Sqrt2},
		// EE = 2 and (5−1)/(0−1) = −4: μ = −1, μ* = 3, σ = √((9+9)/1).
		{[]float64{0, 2, 1, 5}, -1, 3, math.Sqrt(18)},
	}
	for _, tt := range tests {
		got := MorrisIndices(tt.y, m, 100, 0.9, seeded(1))[0]
		if math.Abs(got.Mu-tt.mu) > 1e-12 || math.Abs(got.MuStar.Value-tt.muStar) > 1e-12 || math.Abs(got.Sigma-tt.sigma) > 1e-12 {
			t.Errorf("y = %v: μ %v μ* %v σ %v, want %v %v %v", tt.y, got.Mu, got.MuStar.Value, got.Sigma, tt.mu, tt.muStar, tt.sigma)
		}
		// |EE| = {2, 4}: every resample's mean lies in [2, 4].
		if !(got.MuStar.Lo >= 2 && got.MuStar.Hi <= 4 && got.MuStar.Lo < got.MuStar.Hi) {
			t.Errorf("y = %v: μ* interval [%v, %v]", tt.y, got.MuStar.Lo, got.MuStar.Hi)
		}
	}
	got := MorrisIndices([]float64{0, math.NaN(), 5, 1}, m, 100, 0.9, seeded(1))[0]
	if !math.IsNaN(got.Mu) || !math.IsNaN(got.MuStar.Value) || !math.IsNaN(got.MuStar.Lo) || !math.IsNaN(got.MuStar.Hi) {
		t.Errorf("NaN output: %+v, want NaN", got)
	}
	mustPanic(t, "wrong length", func() { MorrisIndices([]float64{1}, m, 10, 0.9, seeded(1)) })
}

func TestMorrisLinear(t *testing.T) {
	// f = Σ c_i x_i on the levers' ranges: every elementary effect of x_i
	// is c_i·(Hi − Lo) exactly, so μ = that, μ* = its size and σ = 0, up
	// to rounding (1e-9 of effects of order 10).
	c := []float64{3, -2, 0.5, 0}
	factors := []Factor{{Lo: 0, Hi: 1}, {Lo: -5, Hi: 5}, {Lo: 100, Hi: 104}, {Lo: 0, Hi: 7}}
	m := MorrisDesign(10, len(c), 4, seeded(9))
	y := evaluate(func(x []float64) float64 {
		var s float64
		for i, ci := range c {
			s += ci * x[i]
		}
		return s
	}, Scale(m.Rows, factors))
	for i, got := range MorrisIndices(y, m, 200, 0.95, seeded(1)) {
		want := c[i] * (factors[i].Hi - factors[i].Lo)
		if math.Abs(got.Mu-want) > 1e-9 || math.Abs(got.MuStar.Value-math.Abs(want)) > 1e-9 || got.Sigma > 1e-9 {
			t.Errorf("x%d: μ %v μ* %v σ %v, want %v %v 0", i+1, got.Mu, got.MuStar.Value, got.Sigma, want, math.Abs(want))
		}
		if math.Abs(got.MuStar.Lo-math.Abs(want)) > 1e-9 || math.Abs(got.MuStar.Hi-math.Abs(want)) > 1e-9 {
			t.Errorf("x%d: μ* interval [%v, %v], want the point %v", i+1, got.MuStar.Lo, got.MuStar.Hi, math.Abs(want))
		}
	}
}

func TestMorrisGFunction(t *testing.T) {
	// μ* ranks the g-function's factors by a: an effect of x_i is of order
	// 4/(1+a_i) times the other factors' product, so successive a's differ
	// by a factor of 1.8 or more, and the a = 99 factors by 10 from a = 9.
	a := []float64{0, 1, 4.5, 9, 99, 99, 99, 99}
	m := MorrisDesign(50, len(a), 4, seeded(11))
	got := MorrisIndices(evaluate(gFunction(a), m.Rows), m, 500, 0.95, seeded(1))
	for i := range a {
		t.Logf("x%d (a=%v): μ* %.4f [%.4f, %.4f], σ %.4f", i+1, a[i], got[i].MuStar.Value, got[i].MuStar.Lo, got[i].MuStar.Hi, got[i].Sigma)
	}
	for i := range 4 {
		// Each important factor's μ* interval lies above the next one's
		// estimate, and the a = 99 factors' below a = 9's interval.
		next := got[i+1].MuStar.Value
		if i == 3 {
			for _, g := range got[4:] {
				next = max(next, g.MuStar.Value)
			}
		}
		if !(got[i].MuStar.Lo > next) {
			t.Errorf("x%d: μ* interval [%.4f, %.4f] not above %.4f", i+1, got[i].MuStar.Lo, got[i].MuStar.Hi, next)
		}
	}
	// x1 (a = 0) interacts with the rest: its effects vary.
	if !(got[0].Sigma > 0.1*got[0].MuStar.Value) {
		t.Errorf("x1: σ %v, μ* %v: expected spread from interactions", got[0].Sigma, got[0].MuStar.Value)
	}
}

// Two trajectories of one factor on two levels: {0, 1} and {0, 1} are at
// distance |0−0| + |0−1| + |1−0| + |1−1| = 2.
func TestTrajectoryDistanceByHand(t *testing.T) {
	m := &Morris{K: 1, P: 2, Delta: 1, Rows: [][]float64{{0}, {1}, {0}, {1}, {1}, {0}}, Moved: []int{0, 0, 0}}
	if got := m.TrajectorySpread(); got != 2+2+2 {
		t.Errorf("spread of three trajectories = %v, want 6", got)
	}
}

// Spread keeps r trajectories, in their order, whole (each still moves
// every factor once by Δ), and spread wider than the first r or any of a
// hundred random subsets of r.
func TestSpreadKeepsTheFarthestTrajectories(t *testing.T) {
	const k, p, r, n = 4, 4, 10, 100
	all := MorrisDesign(n, k, p, seeded(11))
	kept := all.Spread(r)
	if kept.Trajectories() != r || len(kept.Moved) != r*k {
		t.Fatalf("%d trajectories, %d moves; want %d, %d", kept.Trajectories(), len(kept.Moved), r, r*k)
	}
	// Each kept trajectory is one of the candidates, in the same order.
	next := 0
	for tr := range r {
		for next < n && !slices.EqualFunc(all.trajectory(next), kept.trajectory(tr), slices.Equal[[]float64]) {
			next++
		}
		if next == n {
			t.Fatalf("kept trajectory %d is not a candidate in order", tr)
		}
		next++
	}
	first := &Morris{K: k, P: p, Delta: all.Delta, Rows: all.Rows[:r*(k+1)], Moved: all.Moved[:r*k]}
	best := kept.TrajectorySpread()
	if best <= first.TrajectorySpread() {
		t.Errorf("spread %v not above the first %d trajectories' %v", best, r, first.TrajectorySpread())
	}
	rng := seeded(12)
	for range 100 {
		sub := &Morris{K: k, P: p, Delta: all.Delta}
		for _, tr := range rng.Perm(n)[:r] {
			sub.Rows = append(sub.Rows, all.trajectory(tr)...)
			sub.Moved = append(sub.Moved, all.Moved[tr*k:(tr+1)*k]...)
		}
		if s := sub.TrajectorySpread(); s > best {
			t.Fatalf("a random subset spreads wider (%v) than the chosen one (%v)", s, best)
		}
	}
	if got := all.Spread(n); got.TrajectorySpread() != all.TrajectorySpread() {
		t.Error("keeping every trajectory changed the design")
	}
}
