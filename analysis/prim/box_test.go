package prim

import (
	"math"
	"slices"
	"testing"
)

func TestBetween(t *testing.T) {
	tests := []struct{ a, b, want float64 }{
		{0.5987, 0.6004, 0.6},
		{1, 2, 1.5},
		{0.59871, 0.59875, 0.59873},
		{12345.6, 12400, 12370}, // 12400 itself is b, not between
		{-0.31, -0.29, -0.3},
		{0.1, 0.25, 0.2}, // one digit suffices; 0.2 is the only such
	}
	for _, tt := range tests {
		got := between(tt.a, tt.b)
		if got != tt.want || !(got > tt.a && got < tt.b) {
			t.Errorf("between(%v, %v) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 1234567: "1,234,567", -1000: "-1,000"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestLimitString(t *testing.T) {
	x := Lever{Name: "x", Min: 0, Max: 1}
	rung := Lever{Name: "rung", Discrete: true, Min: 0, Max: 4}
	inf := math.Inf(1)
	tests := []struct {
		l    Limit
		want string
	}{
		{Limit{x, 0.42, inf}, "x ≥ 0.42"},
		{Limit{x, -inf, 0.3}, "x ≤ 0.3"},
		{Limit{x, 0.2, 0.5}, "0.2 ≤ x ≤ 0.5"},
		{Limit{x, -inf, inf}, "x unrestricted"},
		{Limit{x, -1, 2}, "x unrestricted"}, // bounds beyond the data's range
		{Limit{x, 0, 0.5}, "x ≤ 0.5"},       // the lower bound keeps the minimum
		{Limit{rung, 3, inf}, "rung ≥ 3"},
		{Limit{rung, 4, inf}, "rung = 4"},
		{Limit{rung, -inf, 0}, "rung = 0"},
		{Limit{rung, 2, 2}, "rung = 2"},
		{Limit{rung, 1, 3}, "1 ≤ rung ≤ 3"},
	}
	for _, tt := range tests {
		if got := tt.l.String(); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.l, got, tt.want)
		}
	}
}

func TestBoxStats(t *testing.T) {
	x := [][]float64{{0, 0}, {1, 0}, {2, 1}, {3, 1}, {4, 0}}
	cases := []bool{false, true, true, false, true}
	d, err := NewData([]string{"a", "b"}, x, cases)
	if err != nil {
		t.Fatal(err)
	}
	b := d.FullBox()
	b.Lo[0], b.Hi[0] = 0.5, 2.5 // points 1 and 2, both cases
	if !b.Contains([]float64{1, 7}) || b.Contains([]float64{3, 0}) {
		t.Error("Contains disagrees with 0.5 ≤ a ≤ 2.5")
	}
	want := Stats{Coverage: 2.0 / 3, Density: 1, Mass: 0.4, Points: 2, Cases: 2, Total: 5, TotalCases: 3}
	if got := d.Stats(b); got != want {
		t.Errorf("stats %+v, want %+v", got, want)
	}
	if got, want := (Step{Box: b, Stats: want}).String(), "0.5 ≤ a ≤ 2.5 (coverage 0.67, density 1.00, 2 of 5 points)"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
}

func TestThreshold(t *testing.T) {
	y := []float64{0.1, 0.5, 0.9}
	above, err := Threshold(y, 0.5, true)
	if err != nil || above[0] || above[1] || !above[2] {
		t.Errorf("above 0.5: %v, %v", above, err)
	}
	below, err := Threshold(y, 0.5, false)
	if err != nil || !below[0] || below[1] || below[2] {
		t.Errorf("below 0.5: %v, %v", below, err)
	}
	if _, err := Threshold([]float64{1, math.NaN()}, 0.5, true); err == nil {
		t.Error("NaN outcome accepted")
	}
}

func TestChoosing(t *testing.T) {
	step := func(c, d float64) Step { return Step{Stats: Stats{Coverage: c, Density: d}} }
	traj := Trajectory{step(1, 0.2), step(0.9, 0.6), step(0.9, 0.8), step(0.7, 0.85), step(0.5, 0.99), step(0.4, 0.95)}
	if k, ok := traj.MinDensity(0.8); k != 2 || !ok {
		t.Errorf("MinDensity(0.8) = %d, %v; want 2 (ties with step 1 on coverage, denser)", k, ok)
	}
	if k, ok := traj.MinDensity(0.999); ok {
		t.Errorf("MinDensity(0.999) = %d, want none", k)
	}
	if got, want := traj.Frontier(), []int{0, 2, 3, 4}; !slices.Equal(got, want) {
		t.Errorf("frontier %v, want %v", got, want)
	}
	// F1: 0.333, 0.72, 0.847, 0.773, 0.663, 0.567.
	if k := traj.Balanced(); k != 2 {
		t.Errorf("Balanced = %d, want 2", k)
	}
}
