package results

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"math/bits"

	"github.com/cisim/cisim/sim"
)

// Bins is the number of histogram bins per tick and metric of a run's
// accumulators: quantiles read from the histograms are exact to within
// half a bin.
const Bins = 1 << binBits

const (
	binBits      = 9
	sweepBinBits = 5 // coarser: a sweep keeps an accumulator per point and design
)

// Range is the span of one metric for its histogram and the fixed-point
// scale of its exact sums. A Whole metric (a count, a phase's code) takes
// whole numbers only, and its quantiles are whole numbers too.
type Range struct {
	Lo, Hi float64
	Whole  bool
}

// Accumulator aggregates the per-tick series of many runs of one scenario
// exactly and in a way that does not depend on the order runs arrive in:
// each value is turned into a fixed-point integer (scale 2⁴⁰/w, w the power
// of two at or above Hi−Lo, which holds whole numbers exactly and resolves
// rates to 1e-12 and a cost of 1e9 SEK to 2e-3 SEK), sums go into
// uint64 and sums of squares into 128-bit integers, and quantiles come from
// integer bin counts. Integer addition is associative, so runs added in any
// order, by any number of workers, or merged from shards give the same bits.
//
// Its fields are unexported: they hold those invariants (shape, ranges and
// sums that agree); Add, Merge, ReadAccumulator and Stats keep them.
type Accumulator struct {
	ticks, metrics int
	ranges         []Range
	n              uint64   // runs added
	sum            []uint64 // per tick×metric
	sumSqHi        []uint64 // high and low words of the 128-bit sum of squares
	sumSqLo        []uint64
	binBits        int       // log₂ of the bins per tick and metric
	hist           []uint32  // per tick×metric×bin
	widths         []float64 // per metric: its range's width, kept (Exp2 and Log2 are dear in Add)
}

// Ticks is the length of the series the accumulator takes.
func (a *Accumulator) Ticks() int { return a.ticks }

// Runs is the number of runs added.
func (a *Accumulator) Runs() uint64 { return a.n }

const fixedBits = 40

// NewAccumulator returns an empty accumulator for series of ticks×metrics
// values with the given ranges (one per metric), with Bins bins.
func NewAccumulator(ticks int, ranges []Range) *Accumulator {
	return newAccumulatorBits(ticks, ranges, binBits)
}

// ForScenario returns an empty accumulator for the engine's series of a
// scenario, over the ranges sim.MetricRanges gives its metrics, with the
// coarser bins of a sweep if sweep is set.
func ForScenario(sc *sim.Scenario, sweep bool) *Accumulator {
	rs := sim.MetricRanges(sc)
	ranges := make([]Range, sim.NumMetrics)
	for m := range ranges {
		ranges[m] = Range{Lo: rs[m][0], Hi: rs[m][1], Whole: sim.Metric(m).Whole()}
	}
	bits := binBits
	if sweep {
		bits = sweepBinBits
	}
	return newAccumulatorBits(sc.Ticks(), ranges, bits)
}

func newAccumulatorBits(ticks int, ranges []Range, bits int) *Accumulator {
	m := len(ranges)
	widths := make([]float64, m)
	for k, r := range ranges {
		widths[k] = r.width()
	}
	return &Accumulator{
		ticks: ticks, metrics: m, ranges: append([]Range(nil), ranges...), binBits: bits,
		sum:     make([]uint64, ticks*m),
		sumSqHi: make([]uint64, ticks*m),
		sumSqLo: make([]uint64, ticks*m),
		hist:    make([]uint32, ticks*m<<bits),
		widths:  widths,
	}
}

// width is the power of two at or above the range's span: the unit of
// the fixed-point scale, so that whole numbers (partners, phases) and
// other dyadic values are held exactly (a mean of partners that are
// always 7 is 7, not 6.999999999996).
func (r Range) width() float64 {
	w := math.Exp2(math.Ceil(math.Log2(r.Hi - r.Lo)))
	if !(w > 0) || math.IsInf(w, 0) {
		return 1
	}
	return w
}

// fixed turns a value into its fixed-point integer, clamped to the range:
// (x − Lo)·2⁴⁰/width, exact wherever x − Lo has 53 − 40 bits or fewer
// after the binary point.
func (a *Accumulator) fixed(m int, x float64) uint64 {
	r := a.ranges[m]
	if math.IsNaN(x) || x <= r.Lo {
		return 0
	}
	if x >= r.Hi {
		x = r.Hi
	}
	return uint64(math.Round((x - r.Lo) / r.width() * (1 << fixedBits)))
}

// bin is the histogram bin of a fixed-point value: the bins divide the
// range itself, not its width.
func (a *Accumulator) bin(m int, q uint64) int {
	r := a.ranges[m]
	nb := 1 << a.binBits
	b := int(float64(q) / (1 << fixedBits) * r.width() / (r.Hi - r.Lo) * float64(nb))
	return min(max(b, 0), nb-1)
}

// Add adds one run's series, laid out tick-major (series[t*Metrics+m]).
//
// Written for speed, with fixed's and bin's arithmetic in their order:
// each metric's range and width are read once per run, not once per value.
func (a *Accumulator) Add(series []float64) {
	if len(series) != a.ticks*a.metrics {
		panic(fmt.Sprintf("results: series of %d values for %d ticks × %d metrics", len(series), a.ticks, a.metrics))
	}
	a.n++
	M := a.metrics
	nb := 1 << a.binBits
	for m := range M {
		r, w := a.ranges[m], a.widths[m]
		span, fnb := r.Hi-r.Lo, float64(nb)
		for k := m; k < len(series); k += M {
			x := series[k]
			var q uint64 // fixed(m, x)
			if !math.IsNaN(x) && x > r.Lo {
				q = uint64(math.Round((min(x, r.Hi) - r.Lo) / w * (1 << fixedBits)))
			}
			a.sum[k] += q
			hi, lo := bits.Mul64(q, q)
			var carry uint64
			a.sumSqLo[k], carry = bits.Add64(a.sumSqLo[k], lo, 0)
			a.sumSqHi[k] += hi + carry
			b := int(float64(q) / (1 << fixedBits) * w / span * fnb) // bin(m, q)
			a.hist[k*nb+min(max(b, 0), nb-1)]++
		}
	}
}

// Merge adds another accumulator of the same shape: the result is the same
// as adding all of its runs to this one.
func (a *Accumulator) Merge(b *Accumulator) error {
	if a.ticks != b.ticks || a.metrics != b.metrics || a.binBits != b.binBits {
		return fmt.Errorf("results: cannot merge %d×%d with %d×%d accumulators", a.ticks, a.metrics, b.ticks, b.metrics)
	}
	for m := range a.ranges {
		if a.ranges[m] != b.ranges[m] {
			return errors.New("results: cannot merge accumulators with different metric ranges")
		}
	}
	a.n += b.n
	for k := range a.sum {
		a.sum[k] += b.sum[k]
		var carry uint64
		a.sumSqLo[k], carry = bits.Add64(a.sumSqLo[k], b.sumSqLo[k], 0)
		a.sumSqHi[k] += b.sumSqHi[k] + carry
	}
	for k := range a.hist {
		a.hist[k] += b.hist[k]
	}
	return nil
}

// Stats are the per-tick statistics of one metric over runs.
type Stats struct {
	Mean, SD                float64
	P05, P25, P50, P75, P95 float64
}

// Stats returns the statistics of metric m at tick t. Mean and SD come from
// the exact sums (converted once, so they do not depend on the order of
// runs); quantiles are the inverse of the histogram's distribution: the
// smallest value below which a share p of the runs lies, interpolated
// linearly within its bin, or for a Whole metric the whole number in that
// bin (exact while the range spans no more whole numbers than there are
// bins; otherwise rounded).
func (a *Accumulator) Stats(t, m int) Stats {
	k := t*a.metrics + m
	r := a.ranges[m]
	scale := r.width() / (1 << fixedBits)
	n := float64(a.n)
	s := Stats{Mean: math.NaN(), SD: math.NaN()}
	if a.n == 0 {
		s.P05, s.P25, s.P50, s.P75, s.P95 = s.Mean, s.Mean, s.Mean, s.Mean, s.Mean
		return s
	}
	// The mean's whole part in integers, so that it is exact when every
	// run's value is the same.
	s.Mean = r.Lo + (float64(a.sum[k]/a.n)+float64(a.sum[k]%a.n)/n)*scale
	if a.n > 1 {
		s.SD = math.Sqrt(a.variance(k)) * scale
	}
	if a.n == 1 || s.SD == 0 { // every run the same: so is every quantile
		s.P05, s.P25, s.P50, s.P75, s.P95 = s.Mean, s.Mean, s.Mean, s.Mean, s.Mean
		return s
	}
	nb := 1 << a.binBits
	h := a.hist[k*nb : (k+1)*nb]
	q := func(p float64) float64 { return r.quantile(h, p*n) }
	s.P05, s.P25, s.P50, s.P75, s.P95 = q(0.05), q(0.25), q(0.5), q(0.75), q(0.95)
	return s
}

// quantile is the value below which target of the runs counted in the
// histogram h lie (see Stats).
func (r Range) quantile(h []uint32, target float64) float64 {
	nb := float64(len(h))
	span := r.Hi - r.Lo
	cum := 0.0
	for b, c := range h {
		if c == 0 || cum+float64(c) < target {
			cum += float64(c)
			continue
		}
		if r.Whole && span <= nb {
			return r.Lo + math.Ceil(float64(b)*span/nb) // the one whole number in bin b
		}
		x := r.Lo + (float64(b)+(target-cum)/float64(c))/nb*span
		if r.Whole {
			x = math.Round(x)
		}
		return x
	}
	return r.Hi
}

// variance is the sample variance of fixed-point values k, from the exact
// n·Σq² − (Σq)² (a float64 difference of the two loses everything when the
// values hardly vary), in fixed-point units squared.
func (a *Accumulator) variance(k int) float64 {
	n := new(big.Int).SetUint64(a.n)
	sumSq := new(big.Int).Lsh(new(big.Int).SetUint64(a.sumSqHi[k]), 64)
	sumSq.Add(sumSq, new(big.Int).SetUint64(a.sumSqLo[k]))
	sum := new(big.Int).SetUint64(a.sum[k])
	num := new(big.Int).Mul(n, sumSq)
	num.Sub(num, sum.Mul(sum, sum))
	den := new(big.Int).Mul(n, new(big.Int).Sub(n, big.NewInt(1)))
	v, _ := new(big.Rat).SetFrac(num, den).Float64()
	return max(0, v)
}

// accumulatorMagic starts a saved accumulator (version 4: each range says
// whether its metric is whole; earlier versions' states do not resume).
const accumulatorMagic = "cisim-acc-4\n"

// WriteTo saves the accumulator in a little-endian binary form.
func (a *Accumulator) WriteTo(w io.Writer) (int64, error) {
	bw := bufio.NewWriter(w)
	cw := &countWriter{w: bw}
	cw.Write([]byte(accumulatorMagic))
	for _, v := range []uint64{uint64(a.ticks), uint64(a.metrics), a.n, uint64(a.binBits)} {
		binary.Write(cw, binary.LittleEndian, v)
	}
	for _, r := range a.ranges {
		binary.Write(cw, binary.LittleEndian, [3]float64{r.Lo, r.Hi, indicator(r.Whole)})
	}
	// binary.Write's bytes, a chunk at a time (it encodes a whole slice
	// into a buffer of its own: 17 MB for the bins, at every checkpoint).
	buf := make([]byte, 0, 64<<10)
	for _, xs := range [][]uint64{a.sum, a.sumSqHi, a.sumSqLo} {
		for len(xs) > 0 {
			n := min(len(xs), cap(buf)/8)
			buf = buf[:0]
			for _, x := range xs[:n] {
				buf = binary.LittleEndian.AppendUint64(buf, x)
			}
			cw.Write(buf)
			xs = xs[n:]
		}
	}
	for hs := a.hist; len(hs) > 0; {
		n := min(len(hs), cap(buf)/4)
		buf = buf[:0]
		for _, x := range hs[:n] {
			buf = binary.LittleEndian.AppendUint32(buf, x)
		}
		cw.Write(buf)
		hs = hs[n:]
	}
	if cw.err != nil {
		return cw.n, cw.err
	}
	return cw.n, bw.Flush()
}

type countWriter struct {
	w   io.Writer
	n   int64
	err error
}

func (c *countWriter) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.w.Write(p)
	c.n += int64(n)
	c.err = err
	return n, err
}

// ReadAccumulator reads an accumulator saved by WriteTo.
func ReadAccumulator(r io.Reader) (*Accumulator, error) {
	br := bufio.NewReader(r)
	magic := make([]byte, len(accumulatorMagic))
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != accumulatorMagic {
		return nil, errors.New("results: not a cisim accumulator file")
	}
	var head [4]uint64
	if err := binary.Read(br, binary.LittleEndian, &head); err != nil {
		return nil, fmt.Errorf("results: reading accumulator: %w", err)
	}
	if head[0] > 1e6 || head[1] > 1000 || head[3] < 1 || head[3] > 16 {
		return nil, errors.New("results: accumulator file has an implausible shape")
	}
	ranges := make([]Range, head[1])
	for m := range ranges {
		var lr [3]float64
		if err := binary.Read(br, binary.LittleEndian, &lr); err != nil {
			return nil, fmt.Errorf("results: reading accumulator: %w", err)
		}
		ranges[m] = Range{Lo: lr[0], Hi: lr[1], Whole: lr[2] == 1}
	}
	a := newAccumulatorBits(int(head[0]), ranges, int(head[3]))
	a.n = head[2]
	for _, dst := range []any{a.sum, a.sumSqHi, a.sumSqLo, a.hist} {
		if err := binary.Read(br, binary.LittleEndian, dst); err != nil {
			return nil, fmt.Errorf("results: reading accumulator: %w", err)
		}
	}
	return a, nil
}
