package sensitivity

import (
	"encoding/binary"
	"hash/fnv"
	"math"
	"testing"
)

func TestSobolFirstPoints(t *testing.T) {
	// Worked by hand from the direction numbers (v_j = m_j/2^j) and
	// matching SciPy's unscrambled qmc.Sobol and SALib's sobol_sequence.
	// Dimension 1: v = ½, ¼, ⅛. Dimension 2 (s=1, a=0): m = 1, 3, 5, so
	// v = .1, .11, .101 in binary. Dimension 3 (s=2, a=1, m = 1, 3; m_3 =
	// 2m_2 ⊕ 4m_1 ⊕ m_1 = 3): v = .1, .11, .011; Gray code adds v_1, v_2,
	// v_1, v_3, v_1, v_2, v_1, giving .1, .01, .11, .101, .001, .111, .011.
	want := [][]float64{
		{0, .5, .75, .25, .375, .875, .625, .125},
		{0, .5, .25, .75, .375, .875, .125, .625},
		{0, .5, .25, .75, .625, .125, .875, .375},
	}
	s := NewSobol(3)
	for i := range 8 {
		p := s.Next(nil)
		for d := range 3 {
			if p[d] != want[d][i] {
				t.Errorf("point %d dimension %d = %v, want %v", i, d+1, p[d], want[d][i])
			}
		}
	}
}

func TestSobolMatchesReference(t *testing.T) {
	// FNV-1a (64-bit) of the first 4096 points in 64 dimensions, each
	// coordinate as a little-endian uint32 x·2^32, row by row, as computed
	// from SciPy 1.10.1's qmc.Sobol(d=64, scramble=False), which reads the
	// same new-joe-kuo-6.21201 file through its own code. Those points have
	// at most 12 significant bits, so SciPy's 30-bit precision and ours
	// agree exactly.
	const want = 0x4ea1d4faa1a4d025
	h := fnv.New64a()
	var buf [4]byte
	for _, p := range SobolPoints(4096, MaxDim, 0) {
		for _, x := range p {
			binary.LittleEndian.PutUint32(buf[:], uint32(x*0x1p32))
			h.Write(buf[:])
		}
	}
	if got := h.Sum64(); got != want {
		t.Errorf("hash of 4096×64 points = %#x, want %#x", got, want)
	}
}

func TestSobolDirectionNumbers(t *testing.T) {
	// Point 2^j − 1 has Gray code 2^(j−1), so it is v_j = m_j/2^j: the
	// table's m_1 … m_s and the recurrence's m_{s+1} … m_12, as SciPy gives
	// them (see TestSobolMatchesReference).
	want := map[int][]uint32{
		2:  {1, 3, 5, 15, 17, 51, 85, 255, 257, 771, 1285, 3855},
		3:  {1, 3, 3, 9, 29, 23, 71, 197, 209, 627, 1907, 1369},
		21: {1, 3, 7, 13, 13, 15, 69, 81, 339, 887, 733, 925},
		37: {1, 3, 3, 5, 3, 55, 33, 55, 65, 965, 323, 2377},
		64: {1, 1, 3, 13, 25, 47, 39, 87, 257, 41, 2025, 2267},
	}
	s := NewSobol(MaxDim)
	for d, ms := range want {
		for j, m := range ms {
			s.Seek(1<<(j+1) - 1)
			got := s.Next(nil)[d-1] * math.Ldexp(1, j+1)
			if got != float64(m) {
				t.Errorf("dimension %d: m_%d = %v, want %d", d, j+1, got, m)
			}
		}
	}
}

func TestJoeKuoTable(t *testing.T) {
	// Guards the transcription: each row's polynomial x^s + a_1x^(s−1) + …
	// + 1 must be primitive over GF(2) (x has order 2^s − 1 modulo it),
	// no two rows share one, and each m_j is odd and below 2^j.
	seen := map[uint32]int{}
	for i, p := range joeKuo {
		if p.d != uint32(i+2) || len(p.m) != int(p.s) || p.a >= 1<<max(p.s-1, 0) {
			t.Fatalf("row %d: d=%d s=%d a=%d with %d numbers", i, p.d, p.s, p.a, len(p.m))
		}
		poly := 1<<p.s | p.a<<1 | 1
		if prev, dup := seen[poly]; dup {
			t.Errorf("dimensions %d and %d share polynomial %b", prev, p.d, poly)
		}
		seen[poly] = int(p.d)
		if ord := orderOfX(poly, p.s); ord != 1<<p.s-1 {
			t.Errorf("dimension %d: x has order %d modulo %b, want %d", p.d, ord, poly, 1<<p.s-1)
		}
		for j, m := range p.m {
			if m%2 == 0 || m >= 1<<(j+1) {
				t.Errorf("dimension %d: m_%d = %d", p.d, j+1, m)
			}
		}
	}
}

// orderOfX returns the least i > 0 with x^i ≡ 1 modulo the GF(2)
// polynomial poly of degree s, or 0 if there is none below 2^s.
func orderOfX(poly, s uint32) uint32 {
	r := uint32(1)
	for i := uint32(1); i < 1<<s; i++ {
		r <<= 1
		if r>>s&1 == 1 {
			r ^= poly
		}
		if r == 1 {
			return i
		}
	}
	return 0
}

func TestSobolNets(t *testing.T) {
	// Each block of 2^m points starting at a multiple of 2^m has exactly
	// one point in each interval [i/2^m, (i+1)/2^m) of every coordinate,
	// and for dimensions 1 and 2 (a (0, 2)-sequence) exactly one in each
	// box of area 2^-m with sides 2^-a × 2^-(m−a).
	const dim = MaxDim
	pts := SobolPoints(1<<10, dim, 0)
	for m := 1; m <= 10; m++ {
		size := 1 << m
		for start := 0; start < len(pts); start += size {
			block := pts[start : start+size]
			for d := range dim {
				count := make([]int, size)
				for _, p := range block {
					count[int(p[d]*float64(size))]++
				}
				for i, c := range count {
					if c != 1 {
						t.Fatalf("m=%d block %d dimension %d: %d points in interval %d", m, start/size, d+1, c, i)
					}
				}
			}
			for a := 0; a <= m; a++ {
				count := make(map[[2]int]int)
				for _, p := range block {
					count[[2]int{int(math.Ldexp(p[0], a)), int(math.Ldexp(p[1], m-a))}]++
				}
				if len(count) != size {
					t.Fatalf("m=%d block %d: %d of %d boxes 2^-%d × 2^-%d hit", m, start/size, len(count), size, a, m-a)
				}
			}
		}
	}
}

func TestSobolSeek(t *testing.T) {
	seq := SobolPoints(300, 5, 0)
	s := NewSobol(5)
	for _, n := range []uint64{0, 1, 2, 7, 8, 100, 255, 256, 299} {
		s.Seek(n)
		if s.Index() != n {
			t.Fatalf("Index after Seek(%d) = %d", n, s.Index())
		}
		for i := n; i < min(n+3, 300); i++ {
			p := s.Next(nil)
			for d := range p {
				if p[d] != seq[i][d] {
					t.Fatalf("Seek(%d): point %d = %v, want %v", n, i, p, seq[i])
				}
			}
		}
	}
	// SobolPoints with skip starts at that point.
	for i, p := range SobolPoints(10, 5, 290) {
		if p[4] != seq[290+i][4] {
			t.Errorf("skip 290: row %d = %v, want %v", i, p, seq[290+i])
		}
	}
	// Next writes into dst when it is large enough.
	dst := make([]float64, 5, 8)
	if got := s.Next(dst); &got[0] != &dst[0] {
		t.Error("Next did not reuse dst")
	}
}

func TestSobolLastPoint(t *testing.T) {
	// Point 2^32 − 1 has Gray code 2^31: in dimension 1 it is v_32 = 2^-32.
	s := NewSobol(1)
	s.Seek(1<<32 - 1)
	if p := s.Next(nil); p[0] != 0x1p-32 {
		t.Errorf("last point %v, want 2^-32", p[0])
	}
	mustPanic(t, "exhausted", func() { s.Next(nil) })
	mustPanic(t, "dimension 0", func() { NewSobol(0) })
	mustPanic(t, "dimension 65", func() { NewSobol(MaxDim + 1) })
	mustPanic(t, "seek 2^32", func() { s.Seek(1 << 32) })
}

func mustPanic(t *testing.T, name string, f func()) {
	t.Helper()
	defer func() {
		if recover() == nil {
			t.Errorf("%s: no panic", name)
		}
	}()
	f()
}
