package results

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/bits"
)

// Bins is the number of histogram bins per tick and metric of a run's
// accumulators. Quantiles read from the histograms are exact to within
// half a bin: 1/1024 of the metric's range.
const Bins = 1 << binBits

const (
	binBits      = 9
	sweepBinBits = 5 // a sweep keeps one accumulator per point: 32 bins, quantiles to 1/64 of the range
)

// Range is the span of one metric for its histogram and the fixed-point
// scale of its exact sums.
type Range struct {
	Lo, Hi float64
}

// Accumulator aggregates the per-tick series of many runs of one scenario
// exactly and in a way that does not depend on the order runs arrive in:
// each value is turned into a fixed-point integer (scale 2⁴⁰/(Hi−Lo), which
// resolves rates to 1e-12 and a cost of 1e9 SEK to 1e-3 SEK), sums go into
// uint64 and sums of squares into 128-bit integers, and quantiles come from
// integer bin counts. Integer addition is associative, so runs added in any
// order, by any number of workers, or merged from shards give the same bits.
type Accumulator struct {
	Ticks, Metrics int
	Ranges         []Range
	N              uint64   // runs added
	Sum            []uint64 // per tick×metric
	SumSqHi        []uint64 // high and low words of the 128-bit sum of squares
	SumSqLo        []uint64
	BinBits        int      // log₂ of the bins per tick and metric
	Hist           []uint32 // per tick×metric×bin
}

const fixedBits = 40

// NewAccumulator returns an empty accumulator for series of ticks×metrics
// values with the given ranges (one per metric), with Bins bins.
func NewAccumulator(ticks int, ranges []Range) *Accumulator {
	return newAccumulatorBits(ticks, ranges, binBits)
}

func newAccumulatorBits(ticks int, ranges []Range, bits int) *Accumulator {
	m := len(ranges)
	return &Accumulator{
		Ticks: ticks, Metrics: m, Ranges: append([]Range(nil), ranges...), BinBits: bits,
		Sum:     make([]uint64, ticks*m),
		SumSqHi: make([]uint64, ticks*m),
		SumSqLo: make([]uint64, ticks*m),
		Hist:    make([]uint32, ticks*m<<bits),
	}
}

// fixed turns a value into its fixed-point integer, clamped to the range.
func (a *Accumulator) fixed(m int, x float64) uint64 {
	r := a.Ranges[m]
	if math.IsNaN(x) || x <= r.Lo {
		return 0
	}
	if x >= r.Hi {
		x = r.Hi
	}
	return uint64(math.Round((x - r.Lo) / (r.Hi - r.Lo) * (1 << fixedBits)))
}

// Add adds one run's series, laid out tick-major (series[t*Metrics+m]).
func (a *Accumulator) Add(series []float64) {
	if len(series) != a.Ticks*a.Metrics {
		panic(fmt.Sprintf("results: series of %d values for %d ticks × %d metrics", len(series), a.Ticks, a.Metrics))
	}
	a.N++
	nb := 1 << a.BinBits
	for k, x := range series {
		m := k % a.Metrics
		q := a.fixed(m, x)
		a.Sum[k] += q
		hi, lo := bits.Mul64(q, q)
		var carry uint64
		a.SumSqLo[k], carry = bits.Add64(a.SumSqLo[k], lo, 0)
		a.SumSqHi[k] += hi + carry
		bin := int(q >> (fixedBits - a.BinBits))
		if bin >= nb {
			bin = nb - 1
		}
		a.Hist[k*nb+bin]++
	}
}

// Merge adds another accumulator of the same shape: the result is the same
// as adding all of its runs to this one.
func (a *Accumulator) Merge(b *Accumulator) error {
	if a.Ticks != b.Ticks || a.Metrics != b.Metrics || a.BinBits != b.BinBits {
		return fmt.Errorf("results: cannot merge %d×%d with %d×%d accumulators", a.Ticks, a.Metrics, b.Ticks, b.Metrics)
	}
	for m := range a.Ranges {
		if a.Ranges[m] != b.Ranges[m] {
			return errors.New("results: cannot merge accumulators with different metric ranges")
		}
	}
	a.N += b.N
	for k := range a.Sum {
		a.Sum[k] += b.Sum[k]
		var carry uint64
		a.SumSqLo[k], carry = bits.Add64(a.SumSqLo[k], b.SumSqLo[k], 0)
		a.SumSqHi[k] += b.SumSqHi[k] + carry
	}
	for k := range a.Hist {
		a.Hist[k] += b.Hist[k]
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
// runs); quantiles interpolate linearly within the histogram bin that holds
// them.
func (a *Accumulator) Stats(t, m int) Stats {
	k := t*a.Metrics + m
	r := a.Ranges[m]
	scale := (r.Hi - r.Lo) / (1 << fixedBits)
	n := float64(a.N)
	s := Stats{Mean: math.NaN(), SD: math.NaN()}
	if a.N == 0 {
		s.P05, s.P25, s.P50, s.P75, s.P95 = s.Mean, s.Mean, s.Mean, s.Mean, s.Mean
		return s
	}
	sum := float64(a.Sum[k])
	s.Mean = r.Lo + sum/n*scale
	if a.N > 1 {
		sumSq := float64(a.SumSqHi[k])*math.Exp2(64) + float64(a.SumSqLo[k])
		v := (sumSq - sum*sum/n) / (n - 1)
		s.SD = math.Sqrt(math.Max(0, v)) * scale
	}
	nb := 1 << a.BinBits
	h := a.Hist[k*nb : (k+1)*nb]
	q := func(p float64) float64 {
		target := p * n
		cum := 0.0
		for b, c := range h {
			if c == 0 {
				continue
			}
			if cum+float64(c) >= target {
				frac := (target - cum) / float64(c)
				return r.Lo + (float64(b)+frac)/float64(nb)*(r.Hi-r.Lo)
			}
			cum += float64(c)
		}
		return r.Hi
	}
	s.P05, s.P25, s.P50, s.P75, s.P95 = q(0.05), q(0.25), q(0.5), q(0.75), q(0.95)
	return s
}

// accumulatorMagic starts a saved accumulator (version 2: with its bins).
const accumulatorMagic = "cisim-acc-2\n"

// WriteTo saves the accumulator in a little-endian binary form.
func (a *Accumulator) WriteTo(w io.Writer) (int64, error) {
	bw := bufio.NewWriter(w)
	cw := &countWriter{w: bw}
	cw.Write([]byte(accumulatorMagic))
	for _, v := range []uint64{uint64(a.Ticks), uint64(a.Metrics), a.N, uint64(a.BinBits)} {
		binary.Write(cw, binary.LittleEndian, v)
	}
	for _, r := range a.Ranges {
		binary.Write(cw, binary.LittleEndian, [2]float64{r.Lo, r.Hi})
	}
	binary.Write(cw, binary.LittleEndian, a.Sum)
	binary.Write(cw, binary.LittleEndian, a.SumSqHi)
	binary.Write(cw, binary.LittleEndian, a.SumSqLo)
	binary.Write(cw, binary.LittleEndian, a.Hist)
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
		var lr [2]float64
		if err := binary.Read(br, binary.LittleEndian, &lr); err != nil {
			return nil, fmt.Errorf("results: reading accumulator: %w", err)
		}
		ranges[m] = Range{lr[0], lr[1]}
	}
	a := newAccumulatorBits(int(head[0]), ranges, int(head[3]))
	a.N = head[2]
	for _, dst := range []any{a.Sum, a.SumSqHi, a.SumSqLo, a.Hist} {
		if err := binary.Read(br, binary.LittleEndian, dst); err != nil {
			return nil, fmt.Errorf("results: reading accumulator: %w", err)
		}
	}
	return a, nil
}
