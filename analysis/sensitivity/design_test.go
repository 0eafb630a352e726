package sensitivity

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func seeded(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0)) }

func TestFactorScale(t *testing.T) {
	cont := Factor{Name: "budget", Lo: 10, Hi: 20}
	for _, c := range []struct{ u, want float64 }{{0, 10}, {0.25, 12.5}, {1, 20}} {
		if got := cont.Scale(c.u); got != c.want {
			t.Errorf("continuous Scale(%v) = %v, want %v", c.u, got, c.want)
		}
	}
	// Rung 0–4: u = i/1000 for i < 1000 puts exactly 200 on each rung
	// (the cut points .2, .4, … fall between grid values or on them, and
	// floor sends a value on a cut to the upper rung), and u = 1 is 4.
	rung := Factor{Name: "rung", Lo: 0, Hi: 4, Integer: true}
	count := make(map[float64]int)
	for i := range 1000 {
		count[rung.Scale(float64(i)/1000)]++
	}
	for v := 0.0; v < 5; v++ {
		if count[v] != 200 {
			t.Errorf("rung %v got %d of 1000, want 200 (counts %v)", v, count[v], count)
		}
	}
	if got := rung.Scale(1); got != 4 {
		t.Errorf("rung Scale(1) = %v, want 4", got)
	}
	flag := Factor{Name: "flag", Lo: 0, Hi: 1, Integer: true}
	for _, c := range []struct{ u, want float64 }{{0, 0}, {0.4999, 0}, {0.5, 1}, {1, 1}} {
		if got := flag.Scale(c.u); got != c.want {
			t.Errorf("bool Scale(%v) = %v, want %v", c.u, got, c.want)
		}
	}
	got := Scale([][]float64{{0.5, 0.5}, {1, 0}}, []Factor{cont, rung})
	if want := [][]float64{{15, 2}, {20, 0}}; !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("Scale = %v, want %v", got, want)
	}
	mustPanic(t, "short row", func() { Scale([][]float64{{0.5}}, []Factor{cont, rung}) })
}

func TestLevelsAndGrid(t *testing.T) {
	if got, want := Levels(0, 1, 5), []float64{0, 0.25, 0.5, 0.75, 1}; !slices.Equal(got, want) {
		t.Errorf("Levels(0, 1, 5) = %v, want %v", got, want)
	}
	// 0.1 steps are not exact in binary; the ends must still be.
	l := Levels(0.1, 0.7, 7)
	if l[0] != 0.1 || l[6] != 0.7 {
		t.Errorf("Levels(0.1, 0.7, 7) = %v, ends not exact", l)
	}
	if got := Levels(3, 9, 1); !slices.Equal(got, []float64{3}) {
		t.Errorf("one level = %v, want [3]", got)
	}
	mustPanic(t, "zero levels", func() { Levels(0, 1, 0) })

	got := Grid([]float64{1, 2}, []float64{10, 20, 30})
	want := [][]float64{{1, 10}, {1, 20}, {1, 30}, {2, 10}, {2, 20}, {2, 30}}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("Grid = %v, want %v", got, want)
	}
	if n := len(Grid(Levels(0, 4, 5), []float64{0, 1}, Levels(0, 1, 3))); n != 30 {
		t.Errorf("5×2×3 grid has %d rows", n)
	}
	if g := Grid([]float64{1}, nil); g != nil {
		t.Errorf("grid with an empty factor = %v, want none", g)
	}
	if g := Grid(); g != nil {
		t.Errorf("grid of no factors = %v, want none", g)
	}
}

func TestLHS(t *testing.T) {
	const n, k = 50, 4
	rows := LHS(n, k, seeded(3))
	for j := range k {
		hit := make([]bool, n)
		for _, r := range rows {
			hit[int(r[j]*n)] = true
		}
		if slices.Contains(hit, false) {
			t.Errorf("column %d misses a stratum", j)
		}
	}
	again := LHS(n, k, seeded(3))
	if !slices.EqualFunc(rows, again, slices.Equal) {
		t.Error("seed 3 gave two samples")
	}
	if other := LHS(n, k, seeded(4)); slices.EqualFunc(rows, other, slices.Equal) {
		t.Error("seeds 3 and 4 gave the same sample")
	}
	mustPanic(t, "nil source", func() { LHS(n, k, nil) })
}
