package results

import (
	"bytes"
	"encoding/binary"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"gonum.org/v1/gonum/stat"
)

func randomSeries(rng *rand.Rand, ticks, metrics int) []float64 {
	s := make([]float64, ticks*metrics)
	for k := range s {
		switch k % metrics {
		case 0:
			s[k] = rng.Float64() // a share
		case 1:
			s[k] = min(3e8, max(0, 1e8+5e7*rng.NormFloat64())) // a cost, within its range
		default:
			s[k] = float64(rng.IntN(8)) // a count
		}
	}
	return s
}

var testRanges = []Range{{Lo: 0, Hi: 1}, {Lo: 0, Hi: 3e8}, {Lo: 0, Hi: 9}}

// Adding runs in any order, or in parts merged afterwards, gives the same
// bits: what makes results independent of workers and shards.
func TestAccumulatorIsOrderFree(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var runs [][]float64
	for i := 0; i < 200; i++ {
		runs = append(runs, randomSeries(rng, 7, 3))
	}
	forward := NewAccumulator(7, testRanges)
	for _, r := range runs {
		forward.Add(r)
	}
	backward := NewAccumulator(7, testRanges)
	for i := len(runs) - 1; i >= 0; i-- {
		backward.Add(runs[i])
	}
	merged := NewAccumulator(7, testRanges)
	for _, cut := range [][2]int{{0, 13}, {13, 120}, {120, 200}} {
		part := NewAccumulator(7, testRanges)
		for _, r := range runs[cut[0]:cut[1]] {
			part.Add(r)
		}
		if err := merged.Merge(part); err != nil {
			t.Fatal(err)
		}
	}
	if !reflect.DeepEqual(forward, backward) || !reflect.DeepEqual(forward, merged) {
		t.Fatal("accumulators differ with the order of runs")
	}
	// Saved and read back, it is the same.
	var buf bytes.Buffer
	if _, err := forward.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := ReadAccumulator(&buf)
	if err != nil || !reflect.DeepEqual(forward, back) {
		t.Fatalf("round trip: %v", err)
	}
}

// Mean and SD from the exact sums equal the direct computation up to the
// fixed-point resolution (2⁻⁴⁰ of the range per value); quantiles are
// within one bin (range/512) of the exact empirical quantiles.
func TestAccumulatorStats(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	acc := NewAccumulator(1, testRanges)
	cols := make([][]float64, 3)
	for i := 0; i < 5000; i++ {
		s := randomSeries(rng, 1, 3)
		acc.Add(s)
		for m := range cols {
			cols[m] = append(cols[m], s[m])
		}
	}
	for m, r := range testRanges {
		st := acc.Stats(0, m)
		mean, sd := stat.MeanStdDev(cols[m], nil)
		res := (r.Hi - r.Lo) * 1e-9
		if math.Abs(st.Mean-mean) > res || math.Abs(st.SD-sd) > res*10 {
			t.Errorf("metric %d: mean %v sd %v, direct %v %v", m, st.Mean, st.SD, mean, sd)
		}
		sorted := slices.Sorted(slices.Values(cols[m]))
		bin := (r.Hi - r.Lo) / Bins
		for _, q := range []struct {
			p, got float64
		}{{0.05, st.P05}, {0.25, st.P25}, {0.5, st.P50}, {0.75, st.P75}, {0.95, st.P95}} {
			want := stat.Quantile(q.p, stat.Empirical, sorted, nil)
			if math.Abs(q.got-want) > bin {
				t.Errorf("metric %d: p%.0f = %v, exact %v (bin %v)", m, 100*q.p, q.got, want, bin)
			}
		}
	}
}

func TestAccumulatorMergeRefusesOtherShapes(t *testing.T) {
	a := NewAccumulator(3, testRanges)
	if err := a.Merge(NewAccumulator(4, testRanges)); err == nil {
		t.Error("merged accumulators of different lengths")
	}
	if err := a.Merge(NewAccumulator(3, []Range{{Lo: 0, Hi: 1}, {Lo: 0, Hi: 2}, {Lo: 0, Hi: 9}})); err == nil {
		t.Error("merged accumulators of different ranges")
	}
}

// Whole numbers are held exactly: a metric that is 7 in every run has mean
// 7 and SD 0 (they were 6.999999999996362 and 9.6e-08), and the SD of
// values that hardly vary is right (a float64 n·Σq² − (Σq)² cancels to
// noise there).
func TestWholeNumbersAndSmallSpreadsAreExact(t *testing.T) {
	a := NewAccumulator(1, []Range{{Lo: 0, Hi: 9}, {Lo: 0, Hi: 1}})
	for r := range 1000 {
		a.Add([]float64{7, 0.5 + 1e-9*float64(r%2)})
	}
	if s := a.Stats(0, 0); s.Mean != 7 || s.SD != 0 || s.P05 != 7 || s.P50 != 7 || s.P95 != 7 {
		t.Errorf("always 7: %+v; want mean and quantiles 7, SD 0", s)
	}
	// Half the runs at 0.5, half at 0.5 + 1e-9 (to the 2⁻⁴⁰ grid): SD
	// 0.5·1e-9·√(1000/999), to the grid's 1e-12.
	want := 0.5e-9 * math.Sqrt(1000.0/999)
	if s := a.Stats(0, 1); math.Abs(s.SD-want) > 1e-12 || math.Abs(s.Mean-(0.5+0.5e-9)) > 1e-12 {
		t.Errorf("0.5 and 0.5 + 1e-9: mean %v, SD %v; want %v, %v", s.Mean, s.SD, 0.5+0.5e-9, want)
	}
}

// TestWholeMetricsHaveWholeQuantiles: partners 5, 6, 7 (a whole-number
// metric) give quantiles that are partners, the inverse of the runs'
// distribution: the smallest value with at least a share p of the runs at
// or below it. 20 runs: 2 at 5, 8 at 6, 10 at 7, so F(5) = 0.1, F(6) = 0.5.
func TestWholeMetricsHaveWholeQuantiles(t *testing.T) {
	a := NewAccumulator(1, []Range{{Lo: 0, Hi: 7, Whole: true}})
	for i := range 20 {
		a.Add([]float64{[]float64{5, 5, 6, 6, 6, 6, 6, 6, 6, 6}[min(i, 9)] + float64(i/10)})
	}
	s := a.Stats(0, 0)
	got := []float64{s.P05, s.P25, s.P50, s.P75, s.P95}
	want := []float64{5, 6, 6, 7, 7} // 0.05·20 = 1 ≤ 2 at 5; 5 and 10 ≤ 10 at or below 6; 15, 19 need 7
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("quantiles %v, want %v", got, want)
			break
		}
	}
	if s.Mean != 6.4 {
		t.Errorf("mean %v, want (2·5 + 8·6 + 10·7)/20 = 6.4", s.Mean)
	}
}

// WriteTo writes what binary.Write of each field writes, byte for byte,
// across several of its chunks (a saved state reads back into a resumed
// run, and the state files are compared between runs).
func TestAccumulatorWriteToBytes(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	a := NewAccumulator(700, testRanges) // 700×3×512 bins: more than one chunk
	for range 20 {
		a.Add(randomSeries(rng, 700, 3))
	}
	var got, want bytes.Buffer
	if _, err := a.WriteTo(&got); err != nil {
		t.Fatal(err)
	}
	want.WriteString(accumulatorMagic)
	for _, v := range []uint64{uint64(a.ticks), uint64(a.metrics), a.n, uint64(a.binBits)} {
		binary.Write(&want, binary.LittleEndian, v)
	}
	for _, r := range a.ranges {
		binary.Write(&want, binary.LittleEndian, [3]float64{r.Lo, r.Hi, indicator(r.Whole)})
	}
	for _, xs := range []any{a.sum, a.sumSqHi, a.sumSqLo, a.hist} {
		binary.Write(&want, binary.LittleEndian, xs)
	}
	if !bytes.Equal(got.Bytes(), want.Bytes()) {
		t.Fatalf("WriteTo wrote %d bytes, binary.Write %d; not the same", got.Len(), want.Len())
	}
}
