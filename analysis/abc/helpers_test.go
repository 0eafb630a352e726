package abc_test

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/cisim/cisim/analysis/abc"
)

// normalMean is the toy model of a normal mean with known variance: the
// sample mean of n observations at μ = z[0] is N(z, σ²/n) with σ = 1, and
// each of the m pseudo-datasets' distance is |x̄_sim − x̄_obs|. A
// pseudo-dataset fails (+Inf) with probability fail.
func normalMean(seed uint64, n int, xbar float64, m int, fail float64) abc.Simulator {
	return func(_ context.Context, z []float64, key abc.SimKey) ([]float64, error) {
		r := rand.New(rand.NewChaCha8(key.Key(seed)))
		d := make([]float64, m)
		for j := range d {
			d[j] = math.Abs(z[0] + r.NormFloat64()/math.Sqrt(float64(n)) - xbar)
			if r.Float64() < fail {
				d[j] = math.Inf(1)
			}
		}
		return d, nil
	}
}

// linearPair is a 2-D linear-Gaussian model with a correlated posterior:
// statistics s = A z + e, A = [[1, 1], [0, 1]], e ~ N(0, I/n), and the
// Euclidean distance to sObs.
func linearPair(seed uint64, n int, sObs [2]float64) abc.Simulator {
	return func(_ context.Context, z []float64, key abc.SimKey) ([]float64, error) {
		r := rand.New(rand.NewChaCha8(key.Key(seed)))
		sd := 1 / math.Sqrt(float64(n))
		s1 := z[0] + z[1] + sd*r.NormFloat64()
		s2 := z[1] + sd*r.NormFloat64()
		return []float64{math.Hypot(s1-sObs[0], s2-sObs[1])}, nil
	}
}

// run is Run with the test failing on an error.
func run(t testing.TB, cfg abc.Config, sim abc.Simulator, workers int) []abc.Population {
	t.Helper()
	pops, err := abc.Run(context.Background(), cfg, sim, workers, nil)
	if err != nil {
		t.Fatal(err)
	}
	return pops
}

// encode is the JSON of v.
func encode(t testing.TB, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// sameJSON fails the test if a and b differ, naming the first generation
// that does.
func sameJSON(t *testing.T, what string, a, b []abc.Population) {
	t.Helper()
	if len(a) != len(b) {
		t.Fatalf("%s: %d generations, want %d", what, len(b), len(a))
	}
	for g := range a {
		if x, y := encode(t, a[g]), encode(t, b[g]); !bytes.Equal(x, y) {
			t.Fatalf("%s: generation %d differs:\n%.300s\n%.300s", what, g, x, y)
		}
	}
}

// mustJSON is the JSON of v, for comparisons.
func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}
