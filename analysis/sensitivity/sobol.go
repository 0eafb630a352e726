package sensitivity

import (
	"fmt"
	"math/bits"
)

// MaxDim is the number of Sobol dimensions the embedded direction numbers
// cover. A Saltelli design of k factors needs 2k of them.
const MaxDim = len(joeKuo) + 1

// sobolBits is the precision of each coordinate: points are multiples of
// 2^-32, and a sequence holds 2^32 points.
const sobolBits = 32

// Sobol generates the Sobol low-discrepancy sequence in the unit cube with
// the direction numbers of Joe & Kuo (2008), in Gray-code order (Antonov &
// Saleev 1979), as SALib and SciPy (unscrambled) do. The first point is the
// origin and is not skipped: every block of 2^m points starting at a
// multiple of 2^m is then a (t, m, s)-net, the balance the estimators rely
// on (Owen 2020, "On dropping the first Sobol' point"). Use Seek to start
// elsewhere.
type Sobol struct {
	v [][sobolBits]uint32 // v[d][j]: direction number j+1 of dimension d as a 32-bit fraction
	x []uint32            // the point Next returns next, as 32-bit fractions
	n uint64              // its index
}

// NewSobol returns the sequence in dim dimensions, positioned at point 0. It
// panics unless 1 ≤ dim ≤ MaxDim.
func NewSobol(dim int) *Sobol {
	if dim < 1 || dim > MaxDim {
		panic(fmt.Sprintf("sensitivity: Sobol dimension %d not in [1, %d]", dim, MaxDim))
	}
	s := &Sobol{v: make([][sobolBits]uint32, dim), x: make([]uint32, dim)}
	for j := range sobolBits {
		s.v[0][j] = 1 << (sobolBits - 1 - j)
	}
	for d := 1; d < dim; d++ {
		p := joeKuo[d-1]
		v := &s.v[d]
		deg := int(p.s)
		for j := range deg {
			v[j] = p.m[j] << (sobolBits - 1 - j)
		}
		// The recurrence of Bratley & Fox (1988) on the shifted numbers:
		// v_j = v_{j−s} ⊕ v_{j−s}/2^s ⊕ Σ_k a_k v_{j−k}.
		for j := deg; j < sobolBits; j++ {
			v[j] = v[j-deg] ^ v[j-deg]>>deg
			for k := 1; k < deg; k++ {
				if p.a>>(deg-1-k)&1 == 1 {
					v[j] ^= v[j-k]
				}
			}
		}
	}
	return s
}

// Dim returns the number of dimensions.
func (s *Sobol) Dim() int { return len(s.x) }

// Index returns the index of the point Next returns next.
func (s *Sobol) Index() uint64 { return s.n }

// Next writes the current point to dst (reused if cap(dst) ≥ Dim, else
// allocated), returns it and moves to the next point. It panics once all
// 2^32 points have been returned.
func (s *Sobol) Next(dst []float64) []float64 {
	if s.n >= 1<<sobolBits {
		panic("sensitivity: Sobol sequence exhausted")
	}
	if cap(dst) < len(s.x) {
		dst = make([]float64, len(s.x))
	}
	dst = dst[:len(s.x)]
	for d, x := range s.x {
		dst[d] = float64(x) * 0x1p-32
	}
	// Gray code: point n+1 differs from point n by the direction number of
	// the lowest zero bit of n.
	if c := bits.TrailingZeros64(^s.n); c < sobolBits {
		for d := range s.x {
			s.x[d] ^= s.v[d][c]
		}
	}
	s.n++
	return dst
}

// Seek positions the sequence at point n, so that Next returns point n. It
// panics if n ≥ 2^32.
func (s *Sobol) Seek(n uint64) {
	if n >= 1<<sobolBits {
		panic(fmt.Sprintf("sensitivity: Sobol point %d beyond 2^32", n))
	}
	// Point n is the XOR of the direction numbers at the set bits of its
	// Gray code n ⊕ n/2.
	g := n ^ n>>1
	for d := range s.x {
		s.x[d] = 0
		for j := range sobolBits {
			if g>>j&1 == 1 {
				s.x[d] ^= s.v[d][j]
			}
		}
	}
	s.n = n
}

// SobolPoints returns points skip to skip+n−1 of the dim-dimensional Sobol
// sequence, one row each. With skip = 0 (or a multiple of n) and n a power
// of two the rows are a (t, m, s)-net.
func SobolPoints(n, dim, skip int) [][]float64 {
	if n < 0 || skip < 0 {
		panic(fmt.Sprintf("sensitivity: %d Sobol points from %d", n, skip))
	}
	s := NewSobol(dim)
	s.Seek(uint64(skip))
	rows := make([][]float64, n)
	flat := make([]float64, n*dim)
	for i := range rows {
		rows[i] = s.Next(flat[i*dim : (i+1)*dim : (i+1)*dim])
	}
	return rows
}
