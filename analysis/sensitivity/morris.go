package sensitivity

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/stat"

	"github.com/cisim/cisim/analysis"
)

// Morris is a Morris (1991) elementary-effects design: trajectories of K+1
// points on the P-level grid {0, 1/(P−1), …, 1} of the unit cube, each
// point differing from the one before in one factor by ±Delta. Map Rows to
// levers with Scale; the elementary effects are then per unit cube, i.e.
// per full range of each lever.
type Morris struct {
	K, P  int
	Delta float64     // P/(2(P−1))
	Rows  [][]float64 // R(K+1) points, trajectory after trajectory
	Moved []int       // Moved[t·K+j]: the factor that changes from row t(K+1)+j to the next
}

// Trajectories returns the number of trajectories R.
func (m *Morris) Trajectories() int { return len(m.Rows) / (m.K + 1) }

// MorrisDesign returns r random trajectories for k factors on a p-level
// grid (Morris 1991): a base point with each coordinate drawn from the
// levels 0 … 1−Δ, a random direction per factor (so that each factor takes
// the values x_i and x_i + Δ, starting from either), and the factors moved
// one at a time in a random order. With Δ = p/(2(p−1)) every level is
// equally likely. Campolongo et al.'s (2007) choice of the r most spread
// trajectories out of many is not done. MorrisDesign panics unless r, k ≥ 1
// and p is even and ≥ 2, or if rng is nil.
func MorrisDesign(r, k, p int, rng *rand.Rand) *Morris {
	if r < 1 || k < 1 || p < 2 || p%2 != 0 || rng == nil {
		panic(fmt.Sprintf("sensitivity: Morris design of %d trajectories, %d factors, %d levels (even) needs a random source", r, k, p))
	}
	half := p / 2 // Δ in grid steps
	m := &Morris{K: k, P: p, Delta: float64(half) / float64(p-1),
		Rows: make([][]float64, 0, r*(k+1)), Moved: make([]int, 0, r*k)}
	flat := make([]float64, r*(k+1)*k)
	level := make([]int, k) // grid index of the current point
	up := make([]bool, k)
	for t := range r {
		for i := range k {
			level[i] = rng.IntN(half)
			if up[i] = rng.IntN(2) == 1; !up[i] {
				level[i] += half
			}
		}
		order := rng.Perm(k)
		for j := 0; j <= k; j++ {
			if j > 0 {
				f := order[j-1]
				if up[f] {
					level[f] += half
				} else {
					level[f] -= half
				}
				m.Moved = append(m.Moved, f)
			}
			at := (t*(k+1) + j) * k
			row := flat[at : at+k : at+k]
			for i, l := range level {
				row[i] = float64(l) / float64(p-1)
			}
			m.Rows = append(m.Rows, row)
		}
	}
	return m
}

// MorrisIndex summarises one factor's elementary effects
// EE = (f(x + Δe_i) − f(x))/Δ, one per trajectory.
type MorrisIndex struct {
	Mu     float64 // mean EE: its sign tells the direction if it does not change
	MuStar Index   // mean |EE| (Campolongo et al. 2007), the screening measure
	Sigma  float64 // standard deviation of EE (divisor r−1): nonlinearity or interactions; NaN for one trajectory
}

// MorrisIndices returns each factor's μ, μ* and σ from the outputs y of
// m.Rows, in that order, as SALib's morris.analyze does. The interval on
// μ* is analysis.BootstrapCI's percentile interval at level over resamples
// resamples of the factor's r effects (SALib uses a normal interval from
// the bootstrap's standard deviation). Draws come only from rng. A NaN
// output makes the indices of the factors whose effects it enters NaN.
// MorrisIndices panics if len(y) ≠ len(m.Rows) or on BootstrapCI's
// conditions.
func MorrisIndices(y []float64, m *Morris, resamples int, level float64, rng *rand.Rand) []MorrisIndex {
	if len(y) != len(m.Rows) {
		panic(fmt.Sprintf("sensitivity: %d outputs for %d Morris rows", len(y), len(m.Rows)))
	}
	r := m.Trajectories()
	ee := make([][]float64, m.K)
	for t := range r {
		for j := range m.K {
			cur := t*(m.K+1) + j
			f := m.Moved[t*m.K+j]
			// Dividing by the actual step gives the sign of the move.
			ee[f] = append(ee[f], (y[cur+1]-y[cur])/(m.Rows[cur+1][f]-m.Rows[cur][f]))
		}
	}
	out := make([]MorrisIndex, m.K)
	var abs []float64
	mean := func(xs []float64) float64 { return stat.Mean(xs, nil) }
	for i, e := range ee {
		abs = abs[:0]
		for _, x := range e {
			abs = append(abs, math.Abs(x))
		}
		out[i].Mu = mean(e)
		out[i].MuStar.Value = mean(abs)
		out[i].Sigma = math.NaN()
		if len(e) > 1 {
			out[i].Sigma = stat.StdDev(e, nil)
		}
		if math.IsNaN(out[i].Mu) {
			// BootstrapCI would leave the NaN effects out; keep the
			// interval as undefined as the estimate.
			out[i].MuStar.Lo, out[i].MuStar.Hi = math.NaN(), math.NaN()
			continue
		}
		out[i].MuStar.Lo, out[i].MuStar.Hi = analysis.BootstrapCI(abs, mean, level, resamples, rng)
	}
	return out
}
