package sim

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// TestBetaDrawIsGonums checks that betaDraw draws what distuv.Beta draws,
// bit for bit, and takes as many numbers from the stream: shapes on both
// sides of gonum's 0.2 threshold, of 1 and of the defaults' range.
func TestBetaDrawIsGonums(t *testing.T) {
	shapes := []float64{0.05, 0.19999, 0.2, 0.5, 0.999, 1, 1.0001, 2.4, 3.01, 6, 14, 60}
	for _, a := range shapes {
		for _, b := range shapes {
			var s1, s2 rand.ChaCha8
			seed := [32]byte{byte(a * 100), byte(b * 100)}
			s1.Seed(seed)
			s2.Seed(seed)
			r1, r2 := rand.New(&s1), rand.New(&s2)
			want := distuv.Beta{Alpha: a, Beta: b, Src: r1}
			got := newBetaDraw(a, b)
			for i := range 2000 {
				w, g := want.Rand(), got.rand(r2)
				if math.Float64bits(w) != math.Float64bits(g) {
					t.Fatalf("Beta(%g, %g) draw %d: got %v, gonum %v", a, b, i, g, w)
				}
			}
			if r1.Uint64() != r2.Uint64() {
				t.Fatalf("Beta(%g, %g): the streams parted", a, b)
			}
		}
	}
}
