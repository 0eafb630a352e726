package robust

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
)

// tol is the tolerance for hand-worked values: they are decimal fractions
// such as 0.3·6, which float64 holds only to about 1e-16 relative.
const tol = 1e-12

var nan = math.NaN()

func close(a, b float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= tol*max(1, math.Abs(b))
}

func closeAll(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !close(a[i], b[i]) {
			return false
		}
	}
	return true
}

// fourByFour is higher-is-better: four designs in four futures. The best
// in each future: f0 7 (A), f1 8 (C), f2 6 (A and C tie), f3 6 (A and D
// tie). B is best in no future, and has the lowest maximum regret.
var fourByFour = [][]float64{
	{7, 0, 6, 6}, // A
	{2, 4, 4, 1}, // B
	{1, 8, 6, 3}, // C
	{2, 2, 2, 6}, // D
}

const (
	dA = iota
	dB
	dC
	dD
)

func TestEvaluateHandWorked(t *testing.T) {
	r, err := Evaluate(fourByFour, HigherIsBetter, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	// regret = best in the future − the design's outcome; best = 7, 8, 6, 6.
	wantRegret := [][]float64{
		{0, 8, 0, 0}, // A: 7−7, 8−0, 6−6, 6−6
		{5, 4, 2, 5}, // B: 7−2, 8−4, 6−4, 6−1
		{6, 0, 0, 3}, // C: 7−1, 8−8, 6−6 (tied best: 0), 6−3
		{5, 6, 4, 0}, // D: 7−2, 8−2, 6−2, 6−6 (tied best: 0)
	}
	for d := range wantRegret {
		if !closeAll(r.Regret[d], wantRegret[d]) {
			t.Errorf("regret of design %d = %v, want %v", d, r.Regret[d], wantRegret[d])
		}
	}
	// Type 7 quantiles of n = 4 values: p = 0.1 at h = 1 + 3·0.1 = 1.3,
	// x(1) + 0.3·(x(2) − x(1)); p = 0.9 at h = 1 + 3·0.9 = 3.7,
	// x(3) + 0.7·(x(4) − x(3)).
	for _, c := range []struct {
		name string
		got  []float64
		want []float64
	}{
		// A (7+0+6+6)/4 = 4.75; B 11/4 = 2.75; C 18/4 = 4.5; D 12/4 = 3.
		{"mean", r.Mean, []float64{4.75, 2.75, 4.5, 3}},
		// sorted A 0,6,6,7: 0 + 0.3·6 = 1.8; B 1,2,4,4: 1 + 0.3·1 = 1.3;
		// C 1,3,6,8: 1 + 0.3·2 = 1.6; D 2,2,2,6: 2 + 0.3·0 = 2.
		{"worst decile", r.WorstDecile, []float64{1.8, 1.3, 1.6, 2}},
		{"worst", r.Worst, []float64{0, 1, 1, 2}},
		{"best", r.Best, []float64{7, 4, 8, 6}},
		// 0.5·best + 0.5·worst: A 3.5, B 2.5, C 4.5, D 4.
		{"Hurwicz", r.Hurwicz, []float64{3.5, 2.5, 4.5, 4}},
		{"max regret", r.MaxRegret, []float64{8, 5, 6, 6}},
		// sorted regrets A 0,0,0,8: 0 + 0.7·8 = 5.6; B 2,4,5,5: 5 + 0.7·0 = 5;
		// C 0,0,3,6: 3 + 0.7·3 = 5.1; D 0,4,5,6: 5 + 0.7·1 = 5.7.
		{"90th-percentile regret", r.Regret90, []float64{5.6, 5, 5.1, 5.7}},
	} {
		if !closeAll(c.got, c.want) {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	if !slices.Equal(r.Used, []int{0, 1, 2, 3}) || len(r.Left) != 0 {
		t.Errorf("used %v, left %v; want all four futures used", r.Used, r.Left)
	}
	// B is best in no single future (its regret is positive in each) …
	for f, reg := range r.Regret[dB] {
		if reg == 0 {
			t.Errorf("B is best in future %d; the table is meant to have it best in none", f)
		}
	}
	// … yet minimax regret puts it first, alone.
	if first := Rank(MinimaxRegret, r.MaxRegret, LowerIsBetter).First(); !slices.Equal(first, []int{dB}) {
		t.Errorf("minimax regret puts %v first, want B alone", first)
	}
}

// TestPercentilesAsDocumented checks the package comment's statements on
// the type 7 percentiles: with ten futures the worst decile is nine tenths
// of the way from the worst to the second worst; with eleven it is the
// second worst exactly, and the 90th-percentile regret the second largest,
// the order statistics RAPID's "nearest" also picks.
func TestPercentilesAsDocumented(t *testing.T) {
	// A rises 0, 10, 20, …; B is 50 in every future. n = 10: h = 1 + 9·0.1
	// = 1.9, A's worst decile 0 + 0.9·(10 − 0) = 9. A's regret is
	// max(0, 50 − x): 50, 40, 30, 20, 10, 0, …, so at h = 1 + 9·0.9 = 9.1
	// (sorted ascending 0,0,0,0,0,10,20,30,40,50) it is 40 + 0.1·10 = 41.
	for _, c := range []struct {
		n                    int
		worstDecile, regret9 float64
	}{
		{10, 9, 41},
		// n = 11: h = 1 + 10·0.1 = 2, A's second worst, 10; h = 1 + 10·0.9
		// = 10, the second largest regret, 40.
		{11, 10, 40},
	} {
		a, b := make([]float64, c.n), make([]float64, c.n)
		for f := range a {
			a[f], b[f] = float64(10*f), 50
		}
		r, err := Evaluate([][]float64{a, b}, HigherIsBetter, 0.5)
		if err != nil {
			t.Fatal(err)
		}
		if !close(r.WorstDecile[0], c.worstDecile) || !close(r.Regret90[0], c.regret9) || r.WorstDecile[1] != 50 {
			t.Errorf("n = %d: worst deciles %v, 90th-percentile regret of A %v; want %v, 50 and %v",
				c.n, r.WorstDecile, r.Regret90[0], c.worstDecile, c.regret9)
		}
	}
}

func TestHurwiczAlpha(t *testing.T) {
	for _, c := range []struct {
		alpha float64
		want  []float64
	}{
		{0, []float64{0, 1, 1, 2}},             // α = 0 is maximin: the worst
		{1, []float64{7, 4, 8, 6}},             // α = 1 is maximax: the best
		{0.25, []float64{1.75, 1.75, 2.75, 3}}, // A 0.25·7 + 0.75·0 = 1.75; B 0.25·4 + 0.75·1 = 1.75; C 2 + 0.75 = 2.75; D 1.5 + 1.5 = 3
	} {
		r, err := Evaluate(fourByFour, HigherIsBetter, c.alpha)
		if err != nil {
			t.Fatal(err)
		}
		if !closeAll(r.Hurwicz, c.want) || r.Alpha != c.alpha {
			t.Errorf("α = %v: Hurwicz %v (α %v), want %v", c.alpha, r.Hurwicz, r.Alpha, c.want)
		}
	}
}

func TestRankingsHandWorked(t *testing.T) {
	r, err := Evaluate(fourByFour, HigherIsBetter, DefaultAlpha)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		metric Metric
		order  []int
		place  []int // by design A, B, C, D
	}{
		// mean 4.75 > 4.5 > 3 > 2.75: A, C, D, B.
		{Laplace, []int{dA, dC, dD, dB}, []int{1, 4, 2, 3}},
		// worst decile 2 > 1.8 > 1.6 > 1.3: D, A, C, B.
		{WorstDecile, []int{dD, dA, dC, dB}, []int{2, 4, 3, 1}},
		// worst 2 > 1 = 1 > 0: D, then B and C tied (by index), then A.
		{Maximin, []int{dD, dB, dC, dA}, []int{4, 2, 2, 1}},
		// max regret 5 < 6 = 6 < 8: B, then C and D tied, then A.
		{MinimaxRegret, []int{dB, dC, dD, dA}, []int{4, 1, 2, 2}},
		// 90th-percentile regret 5 < 5.1 < 5.6 < 5.7: B, C, A, D.
		{Regret90, []int{dB, dC, dA, dD}, []int{3, 1, 2, 4}},
		// Hurwicz 4.5 > 4 > 3.5 > 2.5: C, D, A, B.
		{Hurwicz, []int{dC, dD, dA, dB}, []int{3, 4, 1, 2}},
	}
	got := r.Rankings()
	if len(got) != len(want) {
		t.Fatalf("%d rankings, want %d", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.Metric != w.metric || !slices.Equal(g.Order, w.order) || !slices.Equal(g.Place, w.place) {
			t.Errorf("%v: order %v places %v, want %v (%v) %v", g.Metric, g.Order, g.Place, w.metric, w.order, w.place)
		}
	}
	if !got[2].Tied(dB, dC) || got[2].Tied(dD, dB) {
		t.Errorf("maximin should tie B and C only")
	}
}

func TestCompareHandWorked(t *testing.T) {
	r, err := Evaluate(fourByFour, HigherIsBetter, DefaultAlpha)
	if err != nil {
		t.Fatal(err)
	}
	rankings := r.Rankings()
	c, err := Compare(rankings)
	if err != nil {
		t.Fatal(err)
	}
	// Six rankings: 6·5/2 = 15 pairs, (0,1) … (4,5).
	if len(c.Pairs) != 15 || c.Pairs[0].I != 0 || c.Pairs[0].J != 1 || c.Pairs[14].I != 4 || c.Pairs[14].J != 5 {
		t.Fatalf("pairs %v", c.Pairs)
	}
	// Laplace (places A1 B4 C2 D3) against minimax regret (A4 B1 C2 D2):
	// A–B, A–C, A–D, B–C, B–D are reversed (D = 5), C–D is tied in
	// minimax regret only (t_b = 1), none concordant (C = 0), so
	// τ_b = (0 − 5)/√((6 − 0)·(6 − 1)) = −5/√30 ≈ −0.9129 (R's
	// cor(c(1,4,2,3), c(4,1,2,2), method = "kendall") = −0.9128709).
	p := c.Pairs[2] // (0, 3): Laplace, MinimaxRegret
	if p.I != 0 || p.J != 3 {
		t.Fatalf("pair 2 is (%d, %d), want (0, 3)", p.I, p.J)
	}
	if !close(p.Tau, -5/math.Sqrt(30)) {
		t.Errorf("τ_b(Laplace, minimax regret) = %v, want −5/√30 = %v", p.Tau, -5/math.Sqrt(30))
	}
	wantRev := [][2]int{{dA, dB}, {dA, dC}, {dA, dD}, {dB, dC}, {dB, dD}}
	if !slices.Equal(p.Reversed, wantRev) || p.Same || p.SameFirst {
		t.Errorf("reversed %v same %v sameFirst %v, want %v false false", p.Reversed, p.Same, p.SameFirst, wantRev)
	}
	// Maximin (A4 B2 C2 D1) against worst decile (A2 B4 C3 D1): A–B
	// and A–C reversed (D = 2); A–D, B–D, C–D concordant (C = 3); B–C
	// tied in maximin (t_a = 1): τ_b = (3 − 2)/√((6 − 1)·6) = 1/√30.
	p = c.Pairs[5] // (1, 2): WorstDecile, Maximin
	if p.I != 1 || p.J != 2 || !close(p.Tau, 1/math.Sqrt(30)) || !p.SameFirst {
		t.Errorf("pair (1, 2): %+v, want τ_b = 1/√30 = %v and the same first (D)", p, 1/math.Sqrt(30))
	}
	// Firsts: A under Laplace (0); B under both regrets (3, 4); C under
	// Hurwicz (5); D under worst decile and maximin (1, 2).
	wantFirsts := [][]int{{0}, {3, 4}, {5}, {1, 2}}
	for d := range wantFirsts {
		if !slices.Equal(c.Firsts[d], wantFirsts[d]) {
			t.Errorf("design %d first under %v, want %v", d, c.Firsts[d], wantFirsts[d])
		}
	}
}

func TestCompareAgreementAndAllTied(t *testing.T) {
	a := Rank(Laplace, []float64{3, 1, 2}, HigherIsBetter)
	b := Rank(Maximin, []float64{30, 10, 20}, HigherIsBetter)
	flat := Rank(DomainCriterion, []float64{0.5, 0.5, 0.5}, HigherIsBetter)
	c, err := Compare([]Ranking{a, b, flat})
	if err != nil {
		t.Fatal(err)
	}
	// identical orders: 3 concordant pairs of 3, τ_b = 3/√(3·3) = 1.
	if p := c.Pairs[0]; p.Tau != 1 || !p.Same || !p.SameFirst || p.Reversed != nil {
		t.Errorf("identical rankings: %+v", p)
	}
	// every design tied: n₀ − t = 3 − 3 = 0, τ_b undefined.
	if p := c.Pairs[1]; !math.IsNaN(p.Tau) || p.Same || p.SameFirst || p.Reversed != nil {
		t.Errorf("against an all-tied ranking: %+v, want τ NaN, nothing reversed", p)
	}
	// all tied: every design is first.
	if !slices.Equal(c.Firsts[1], []int{2}) || !slices.Equal(c.Firsts[0], []int{0, 1, 2}) {
		t.Errorf("firsts %v", c.Firsts)
	}
}

// costs is lower-is-better (a cost per outcome): three designs in five
// futures. The lowest in each future: f0 2 (C), f1 2 (A), f2 1 (C), f3 3
// (B), f4 1 (A and C tie).
var costs = [][]float64{
	{4, 2, 3, 5, 1},   // A
	{3, 3, 3, 3, 2.5}, // B
	{2, 4, 1, 6, 1},   // C
}

func TestLowerIsBetter(t *testing.T) {
	r, err := Evaluate(costs, LowerIsBetter, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	// regret = the design's cost − the lowest cost in the future.
	wantRegret := [][]float64{
		{2, 0, 2, 2, 0},   // A: 4−2, 2−2, 3−1, 5−3, 1−1
		{1, 1, 2, 0, 1.5}, // B: 3−2, 3−2, 3−1, 3−3, 2.5−1
		{0, 2, 0, 3, 0},   // C: 2−2, 4−2, 1−1, 6−3, 1−1 (tied lowest: 0)
	}
	for d := range wantRegret {
		if !closeAll(r.Regret[d], wantRegret[d]) {
			t.Errorf("regret of design %d = %v, want %v", d, r.Regret[d], wantRegret[d])
		}
	}
	// n = 5: p = 0.9 at h = 1 + 4·0.9 = 4.6, x(4) + 0.6·(x(5) − x(4)).
	for _, c := range []struct {
		name string
		got  []float64
		want []float64
	}{
		// A 15/5 = 3; B 14.5/5 = 2.9; C 14/5 = 2.8.
		{"mean", r.Mean, []float64{3, 2.9, 2.8}},
		// the 90th percentile of cost: sorted A 1,2,3,4,5: 4 + 0.6·1 = 4.6;
		// B 2.5,3,3,3,3: 3; C 1,1,2,4,6: 4 + 0.6·2 = 5.2.
		{"worst decile", r.WorstDecile, []float64{4.6, 3, 5.2}},
		{"worst (highest cost)", r.Worst, []float64{5, 3, 6}},
		{"best (lowest cost)", r.Best, []float64{1, 2.5, 1}},
		// 0.5·best + 0.5·worst: A 3, B 2.75, C 3.5.
		{"Hurwicz", r.Hurwicz, []float64{3, 2.75, 3.5}},
		{"max regret", r.MaxRegret, []float64{2, 2, 3}},
		// sorted regrets A 0,0,2,2,2: 2; B 0,1,1,1.5,2: 1.5 + 0.6·0.5 = 1.8;
		// C 0,0,0,2,3: 2 + 0.6·1 = 2.6.
		{"90th-percentile regret", r.Regret90, []float64{2, 1.8, 2.6}},
	} {
		if !closeAll(c.got, c.want) {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	// Lower is better: the mean ranks C (2.8), B (2.9), A (3); the
	// largest regret ties A and B (2) ahead of C (3).
	rk := r.Rankings()
	if !slices.Equal(rk[0].Order, []int{2, 1, 0}) || !slices.Equal(rk[3].Place, []int{1, 1, 3}) {
		t.Errorf("mean order %v, minimax regret places %v", rk[0].Order, rk[3].Place)
	}
	for _, k := range []int{1, 2, 4, 5} { // worst decile, maximin, regret90, Hurwicz: B, A, C
		if !slices.Equal(rk[k].Order, []int{1, 0, 2}) {
			t.Errorf("%v order %v, want B, A, C", rk[k].Metric, rk[k].Order)
		}
	}
}

// TestDirectionIsNegation checks that a lower-is-better table gives
// exactly (not just nearly) the negated metrics, the same regrets and the
// same rankings as its negation read higher-is-better: the package
// orients by negating, which floating point does exactly.
func TestDirectionIsNegation(t *testing.T) {
	neg := make([][]float64, len(costs))
	for d, row := range costs {
		for _, v := range row {
			neg[d] = append(neg[d], -v)
		}
	}
	lo, err := Evaluate(costs, LowerIsBetter, 0.3)
	if err != nil {
		t.Fatal(err)
	}
	hi, err := Evaluate(neg, HigherIsBetter, 0.3)
	if err != nil {
		t.Fatal(err)
	}
	for d := range costs {
		for _, c := range [][2]float64{
			{lo.Mean[d], -hi.Mean[d]}, {lo.WorstDecile[d], -hi.WorstDecile[d]},
			{lo.Worst[d], -hi.Worst[d]}, {lo.Best[d], -hi.Best[d]}, {lo.Hurwicz[d], -hi.Hurwicz[d]},
			{lo.MaxRegret[d], hi.MaxRegret[d]}, {lo.Regret90[d], hi.Regret90[d]},
		} {
			if c[0] != c[1] {
				t.Errorf("design %d: %v (lower is better) ≠ %v (negated)", d, c[0], c[1])
			}
		}
		if !slices.Equal(lo.Regret[d], hi.Regret[d]) {
			t.Errorf("design %d: regrets %v ≠ %v", d, lo.Regret[d], hi.Regret[d])
		}
	}
	for k, rl := range lo.Rankings() {
		if rh := hi.Rankings()[k]; !slices.Equal(rl.Place, rh.Place) {
			t.Errorf("%v: places %v ≠ %v", rl.Metric, rl.Place, rh.Place)
		}
	}
}

func TestSingleFuture(t *testing.T) {
	for _, dir := range []Direction{HigherIsBetter, LowerIsBetter} {
		r, err := Evaluate([][]float64{{3}, {5}, {4}}, dir, 0.5)
		if err != nil {
			t.Fatal(err)
		}
		// With one future every per-design metric is the outcome itself,
		// and both regret metrics are the one regret: best − x (5−3, 5−5,
		// 5−4) or x − best (3−3, 5−3, 4−3).
		wantRegret := []float64{2, 0, 1}
		if dir == LowerIsBetter {
			wantRegret = []float64{0, 2, 1}
		}
		x := []float64{3, 5, 4}
		for name, got := range map[string][]float64{
			"mean": r.Mean, "worst decile": r.WorstDecile, "worst": r.Worst, "best": r.Best, "Hurwicz": r.Hurwicz,
		} {
			if !slices.Equal(got, x) {
				t.Errorf("%v: %s = %v, want %v", dir, name, got, x)
			}
		}
		if !slices.Equal(r.MaxRegret, wantRegret) || !slices.Equal(r.Regret90, wantRegret) {
			t.Errorf("%v: max regret %v, 90th %v, want %v", dir, r.MaxRegret, r.Regret90, wantRegret)
		}
		// With one future all metrics agree: every pair has τ_b = 1.
		c, err := Compare(r.Rankings())
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range c.Pairs {
			if p.Tau != 1 || !p.Same {
				t.Errorf("%v: rankings %d and %d disagree on one future: %+v", dir, p.I, p.J, p)
			}
		}
	}
}

func TestUndefinedOutcomesLeaveFuturesOut(t *testing.T) {
	outcomes := [][]float64{
		{1, nan, 3, 2}, // A
		{2, 5, nan, 2}, // B
		{3, 1, 1, 1},   // C
	}
	r, err := Evaluate(outcomes, HigherIsBetter, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	// Futures 1 and 2 have a NaN (A's, B's): both are left out for every
	// design, C included, so the designs are compared on f0 and f3.
	if !slices.Equal(r.Used, []int{0, 3}) || !slices.Equal(r.Left, []int{1, 2}) {
		t.Fatalf("used %v left %v, want [0 3] [1 2]", r.Used, r.Left)
	}
	// f0 best 3 (C): regrets 2, 1, 0; f3 best 2 (A, B tie): 0, 0, 1.
	wantRegret := [][]float64{{2, nan, nan, 0}, {1, nan, nan, 0}, {0, nan, nan, 1}}
	for d := range wantRegret {
		if !closeAll(r.Regret[d], wantRegret[d]) {
			t.Errorf("regret of design %d = %v, want %v", d, r.Regret[d], wantRegret[d])
		}
	}
	// means over f0 and f3 only: A (1+2)/2 = 1.5, B (2+2)/2 = 2, C (3+1)/2 = 2
	// (C's 1 and 1 in the left-out futures do not count).
	if !closeAll(r.Mean, []float64{1.5, 2, 2}) || !closeAll(r.Worst, []float64{1, 2, 1}) ||
		!closeAll(r.MaxRegret, []float64{2, 1, 1}) {
		t.Errorf("mean %v worst %v max regret %v", r.Mean, r.Worst, r.MaxRegret)
	}
	reg, err := Regret(outcomes, HigherIsBetter)
	if err != nil || !closeAll(reg[2], wantRegret[2]) {
		t.Errorf("Regret: %v, %v", reg, err)
	}

	// With a NaN in every future nothing is left to compare.
	_, err = Evaluate([][]float64{{nan, 1}, {2, nan}}, HigherIsBetter, 0.5)
	if !errors.Is(err, ErrNoFuture) || !strings.Contains(err.Error(), "each of the 2 futures has a NaN") {
		t.Errorf("all futures undefined: %v, want ErrNoFuture", err)
	}
}

func TestDomainTwoOutcomes(t *testing.T) {
	// Outcome 0 is fourByFour (higher is better, must be ≥ 2); outcome 1
	// a cost (lower is better, must be ≤ 2), with C's undefined in f3.
	cost := [][]float64{
		{3, 1, 2, 2},   // A
		{1, 1, 1, 1},   // B
		{2, 3, 1, nan}, // C
		{1, 2, 3, 1},   // D
	}
	s, err := Domain([][][]float64{fourByFour, cost}, []Threshold{{2, HigherIsBetter}, {2, LowerIsBetter}})
	if err != nil {
		t.Fatal(err)
	}
	// Futures meeting both (outcome ≥ 2 and cost ≤ 2; equality meets):
	//   A: f0 cost 3 ✗, f1 outcome 0 ✗, f2 6 and 2 ✓, f3 6 and 2 ✓ → 2 of 4
	//   B: f0 ✓, f1 ✓, f2 ✓, f3 outcome 1 ✗                      → 3 of 4
	//   C: f0 outcome 1 ✗, f1 cost 3 ✗, f2 ✓, f3 cost NaN ✗      → 1 of 4
	//   D: f0 2 ≥ 2, 1 ✓, f1 2 ≥ 2, 2 ≤ 2 ✓, f2 cost 3 ✗, f3 ✓    → 3 of 4
	if s.Futures != 4 || !slices.Equal(s.Satisfied, []int{2, 3, 1, 3}) ||
		!slices.Equal(s.Share, []float64{0.5, 0.75, 0.25, 0.75}) ||
		!slices.Equal(s.Undefined, []int{0, 0, 1, 0}) {
		t.Errorf("domain: %+v", s)
	}
	// B and D tie at 0.75 (listed by index), then A, then C.
	rk := s.Ranking()
	if rk.Metric != DomainCriterion || !slices.Equal(rk.Order, []int{dB, dD, dA, dC}) || !slices.Equal(rk.Place, []int{3, 1, 4, 1}) {
		t.Errorf("domain ranking: order %v places %v", rk.Order, rk.Place)
	}
	// One design is enough for the domain criterion.
	one, err := Domain([][][]float64{{{1, 3}}}, []Threshold{{2, HigherIsBetter}})
	if err != nil || one.Share[0] != 0.5 {
		t.Errorf("one design: %+v, %v", one, err)
	}
}

func TestRankTies(t *testing.T) {
	// Summed in another order the same numbers differ in the last place:
	// (0.1 + 0.2) + 0.3 = 0.6000000000000001 but (0.3 + 0.2) + 0.1 = 0.6.
	// (Variables, since Go folds constant expressions exactly.)
	x, y := 0.1, 0.2
	a, b := (x+y)+0.3, (0.3+y)+x
	if a == b {
		t.Fatalf("%v = %v: the test needs them to differ", a, b)
	}
	for _, c := range []struct {
		name   string
		values []float64
		better Direction
		order  []int
		place  []int
	}{
		{"rounding ties", []float64{a, 0.5, b}, HigherIsBetter, []int{0, 2, 1}, []int{1, 3, 1}},
		{"rounding ties, index order", []float64{b, 0.5, a}, HigherIsBetter, []int{0, 2, 1}, []int{1, 3, 1}},
		{"lower is better", []float64{2, 1, 3, 1}, LowerIsBetter, []int{1, 3, 0, 2}, []int{3, 1, 4, 1}},
		{"all tied", []float64{4, 4, 4}, HigherIsBetter, []int{0, 1, 2}, []int{1, 1, 1}},
		// 1 and 1 + 2e-9 are 2e-9 apart, more than 1e-9 · 1.000000002.
		{"beyond the tolerance", []float64{1, 1 + 2e-9}, HigherIsBetter, []int{1, 0}, []int{2, 1}},
		// NaN comes last, tied with NaN.
		{"NaN last", []float64{nan, 1, nan, 2}, HigherIsBetter, []int{3, 1, 0, 2}, []int{3, 2, 3, 1}},
		{"NaN last, lower is better", []float64{nan, 1, 2}, LowerIsBetter, []int{1, 2, 0}, []int{3, 1, 2}},
		{"one design", []float64{7}, HigherIsBetter, []int{0}, []int{1}},
		// Infinities (which Evaluate refuses, but Rank takes) tie only
		// with themselves and leave the scale to the finite values.
		{"infinities", []float64{math.Inf(1), 1, math.Inf(1), math.Inf(-1)}, HigherIsBetter, []int{0, 2, 1, 3}, []int{1, 3, 1, 4}},
	} {
		r := Rank(Laplace, c.values, c.better)
		if !slices.Equal(r.Order, c.order) || !slices.Equal(r.Place, c.place) {
			t.Errorf("%s: order %v places %v, want %v %v", c.name, r.Order, r.Place, c.order, c.place)
		}
	}
	r := Rank(Laplace, []float64{1, 3, 3}, HigherIsBetter)
	if !slices.Equal(r.First(), []int{1, 2}) {
		t.Errorf("First = %v, want [1 2]", r.First())
	}
}

func TestErrors(t *testing.T) {
	for _, c := range []struct {
		name     string
		outcomes [][]float64
		dir      Direction
		alpha    float64
		want     string
	}{
		{"one design", [][]float64{{1, 2}}, HigherIsBetter, 0.5, "robust: 1 design: regret needs at least two designs to compare"},
		{"no designs", nil, HigherIsBetter, 0.5, "robust: no designs"},
		{"no futures", [][]float64{{}, {}}, HigherIsBetter, 0.5, "robust: no futures"},
		{"ragged", [][]float64{{1, 2}, {1}}, HigherIsBetter, 0.5, "robust: design 1 has 1 futures, design 0 has 2: every design must be run in the same futures"},
		{"infinite", [][]float64{{1, 2}, {1, math.Inf(1)}}, HigherIsBetter, 0.5, "robust: design 1, future 1: outcome is +Inf"},
		{"α above 1", fourByFour, HigherIsBetter, 1.5, "robust: Hurwicz α = 1.5 not in [0, 1]"},
		{"α below 0", fourByFour, HigherIsBetter, -0.1, "robust: Hurwicz α = -0.1 not in [0, 1]"},
		{"α NaN", fourByFour, HigherIsBetter, nan, "robust: Hurwicz α = NaN not in [0, 1]"},
		{"direction", fourByFour, Direction(7), 0.5, "robust: direction 7 is neither HigherIsBetter nor LowerIsBetter"},
	} {
		_, err := Evaluate(c.outcomes, c.dir, c.alpha)
		if err == nil || err.Error() != c.want {
			t.Errorf("%s: error %v, want %q", c.name, err, c.want)
		}
	}
	if _, err := Regret([][]float64{{1}}, LowerIsBetter); err == nil || !strings.Contains(err.Error(), "at least two designs") {
		t.Errorf("Regret with one design: %v", err)
	}

	two := [][]float64{{1, 2}, {3, 4}}
	for _, c := range []struct {
		name       string
		outcomes   [][][]float64
		thresholds []Threshold
		want       string
	}{
		{"no outcomes", nil, nil, "robust: domain criterion: no outcomes"},
		{"thresholds", [][][]float64{two, two}, []Threshold{{1, HigherIsBetter}}, "robust: domain criterion: 1 thresholds for 2 outcomes"},
		{"NaN threshold", [][][]float64{two}, []Threshold{{nan, HigherIsBetter}}, "robust: threshold 0 is NaN"},
		{"direction", [][][]float64{two}, []Threshold{{1, Direction(-1)}}, "robust: threshold 0: direction -1 is neither HigherIsBetter nor LowerIsBetter"},
		{"shape", [][][]float64{two, {{1, 2}}}, []Threshold{{1, HigherIsBetter}, {1, HigherIsBetter}}, "robust: outcome 1 has 1 designs × 2 futures, outcome 0 has 2 × 2"},
		{"ragged", [][][]float64{two, {{1, 2}, {3}}}, []Threshold{{1, HigherIsBetter}, {1, HigherIsBetter}}, "robust: outcome 1: design 1 has 1 futures, design 0 has 2: every design must be run in the same futures"},
		{"infinite", [][][]float64{{{math.Inf(-1)}}}, []Threshold{{1, HigherIsBetter}}, "robust: outcome 0: design 0, future 0: outcome is -Inf"},
	} {
		_, err := Domain(c.outcomes, c.thresholds)
		if err == nil || err.Error() != c.want {
			t.Errorf("Domain, %s: error %v, want %q", c.name, err, c.want)
		}
	}

	_, err := Compare([]Ranking{Rank(Laplace, []float64{1, 2}, HigherIsBetter), Rank(Maximin, []float64{1}, HigherIsBetter)})
	if err == nil || err.Error() != "robust: ranking 1 (maximin) has 1 designs, ranking 0 has 2" {
		t.Errorf("Compare of different lengths: %v", err)
	}
}
