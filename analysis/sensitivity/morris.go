package sensitivity

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/floats"
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
// equally likely. Spread keeps the most spread of many such trajectories
// (Campolongo et al. 2007). MorrisDesign panics unless r, k ≥ 1 and p is
// even and ≥ 2, or if rng is nil.
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

// Spread keeps the r trajectories of m that lie farthest apart, so that r
// trajectories explore the input space as well as many more would
// (Campolongo, Cariboni & Saltelli 2007). The spread of a set is the sum
// over its pairs of trajectories of
//
//	d(a, b) = Σ_i Σ_j ‖X_i(a) − X_j(b)‖
//
// (every point of one against every point of the other). Campolongo et
// al. search all subsets of r, which is out of reach beyond a few dozen
// candidates; as Ruano et al. (2012) propose, Spread drops one trajectory
// at a time — the one whose distances to the others sum least — until r
// are left, a greedy search that reaches nearly the same spread. The kept
// trajectories stay in their order in m. Spread panics unless
// 1 ≤ r ≤ m.Trajectories().
func (m *Morris) Spread(r int) *Morris {
	n := m.Trajectories()
	if r < 1 || r > n {
		panic(fmt.Sprintf("sensitivity: keep %d of %d trajectories", r, n))
	}
	dist := make([]float64, n*n)
	for a := range n {
		for b := a + 1; b < n; b++ {
			d := trajectoryDistance(m.trajectory(a), m.trajectory(b))
			dist[a*n+b], dist[b*n+a] = d, d
		}
	}
	kept := make([]bool, n)
	sum := make([]float64, n) // each trajectory's distances to the kept ones
	for a := range n {
		kept[a] = true
		sum[a] = floats.Sum(dist[a*n : (a+1)*n])
	}
	for left := n; left > r; left-- {
		drop := -1
		for a := range n {
			if kept[a] && (drop < 0 || sum[a] < sum[drop]) {
				drop = a
			}
		}
		kept[drop] = false
		for a := range n {
			sum[a] -= dist[a*n+drop]
		}
	}
	out := &Morris{K: m.K, P: m.P, Delta: m.Delta}
	for t := range n {
		if kept[t] {
			out.Rows = append(out.Rows, m.trajectory(t)...)
			out.Moved = append(out.Moved, m.Moved[t*m.K:(t+1)*m.K]...)
		}
	}
	return out
}

// TrajectorySpread is the spread of m's trajectories: the sum over pairs
// of the distance Spread maximises.
func (m *Morris) TrajectorySpread() float64 {
	var total float64
	for a := range m.Trajectories() {
		for b := a + 1; b < m.Trajectories(); b++ {
			total += trajectoryDistance(m.trajectory(a), m.trajectory(b))
		}
	}
	return total
}

// trajectory returns the K+1 points of trajectory t.
func (m *Morris) trajectory(t int) [][]float64 { return m.Rows[t*(m.K+1) : (t+1)*(m.K+1)] }

// trajectoryDistance is Σ_i Σ_j ‖a_i − b_j‖ over the points of two
// trajectories.
func trajectoryDistance(a, b [][]float64) float64 {
	var d float64
	for _, x := range a {
		for _, y := range b {
			d += floats.Distance(x, y, 2)
		}
	}
	return d
}
