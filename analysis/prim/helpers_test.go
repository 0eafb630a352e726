package prim

import (
	"math/rand/v2"
	"testing"
)

func seeded(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0)) }

// uniform returns n points uniform on [0, 1]^k.
func uniform(rng *rand.Rand, n, k int) [][]float64 {
	x := make([][]float64, n)
	for i := range x {
		x[i] = make([]float64, k)
		for j := range x[i] {
			x[i][j] = rng.Float64()
		}
	}
	return x
}

// knownBox is 2,000 points uniform on [0, 1]^4 with the cases x0 > 0.6 and
// x2 < 0.3, each label flipped with chance noise.
func knownBox(t *testing.T, seed uint64, noise float64) *Data {
	t.Helper()
	rng := seeded(seed)
	x := uniform(rng, 2000, 4)
	cases := make([]bool, len(x))
	for i, p := range x {
		cases[i] = p[0] > 0.6 && p[2] < 0.3
		if rng.Float64() < noise {
			cases[i] = !cases[i]
		}
	}
	d, err := NewData(nil, x, cases)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
