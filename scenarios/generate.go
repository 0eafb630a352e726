package scenarios

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/cisim/cisim/agents"
	"github.com/cisim/cisim/sim"
)

// generate applies the generator levers to the listed actors. Each changes
// one property and holds the partnership's resources fixed.
func generate(s *sim.Scenario, spread, overlap *float64) error {
	if spread != nil {
		if x := *spread; math.IsNaN(x) || x < 0 || x > 0.5 {
			return &FieldError{Key: "actors.value_spread", Msg: fmt.Sprintf("invalid value %v (allowed: 0 to 0.5, or null to keep the listed values)", x)}
		}
		SpreadValues(s.Actors, *spread)
	}
	if overlap != nil {
		if x := *overlap; math.IsNaN(x) || x < 0 || x > 1 {
			return &FieldError{Key: "actors.capability_overlap", Msg: fmt.Sprintf("invalid value %v (allowed: 0 to 1, or null to keep the listed capabilities)", x)}
		}
		OverlapCapabilities(s.Actors, *overlap)
	}
	return nil
}

// SpreadValues sets the dispersion of the actors' values (H3) to σ around
// each dimension's mean, keeping the pattern of who differs from whom:
//
//	v_ik ← clamp(m_k + σ·(v_ik − m_k)/σ₀, 0, 1)
//
// where σ₀ is the root-mean-square deviation of the listed values from
// their means over all dimensions. σ = 0 gives everyone the same values.
// Where the clamp to [0,1] bites (large σ), the spread reached is a little
// smaller than σ and the means move.
// Listed values that are all equal are first given a fixed pattern of
// deviations so that a spread can be made. Budgets, staff and capabilities
// do not change.
func SpreadValues(actors []sim.ActorSpec, sigma float64) {
	n := len(actors)
	if n == 0 {
		return
	}
	var mean agents.Values
	for _, a := range actors {
		for k := range mean {
			mean[k] += a.Values[k] / float64(n)
		}
	}
	dev := make([]agents.Values, n)
	ss := 0.0
	for i, a := range actors {
		for k := range mean {
			dev[i][k] = a.Values[k] - mean[k]
			ss += dev[i][k] * dev[i][k]
		}
	}
	if ss == 0 {
		for i := range dev {
			for k := range mean {
				dev[i][k] = float64((i+k)%3 - 1) // −1, 0, 1 in turn
				ss += dev[i][k] * dev[i][k]
			}
		}
	}
	rms := math.Sqrt(ss / float64(n*agents.NumValues))
	for i := range actors {
		for k := range mean {
			actors[i].Values[k] = math.Min(1, math.Max(0, mean[k]+sigma*dev[i][k]/rms))
		}
	}
}

// OverlapCapabilities sets how alike the capabilities of the actors who
// can deliver services (every non-funder with a capability, members and
// outsiders alike) are (H2), holding each actor's total capability and each
// domain's total over actors fixed. With overlap o,
//
//	c_id ← (1 − o)·S_id + o·r_i·T_d/R
//
// where r_i = Σ_d c_id is actor i's total, T_d = Σ_i c_id domain d's total
// and R the grand total: at o = 1 every actor has the same profile (scaled
// by its size); at o = 0 each concentrates on the domains where it was
// relatively strongest (S: a greedy assignment of each domain's total to
// the actors with the highest c_id/(r_i·T_d/R), at most 1 each). Row and
// column totals are kept at every o because both ends keep them.
func OverlapCapabilities(actors []sim.ActorSpec, o float64) {
	var idx []int
	for i, a := range actors {
		if a.Sector != agents.Funder && a.Capability.Sum() > 0 {
			idx = append(idx, i)
		}
	}
	if len(idx) < 2 {
		return
	}
	var colT agents.Vec
	rows := make([]float64, len(idx))
	grand := 0.0
	for k, i := range idx {
		rows[k] = actors[i].Capability.Sum()
		grand += rows[k]
		for d := range colT {
			colT[d] += actors[i].Capability[d]
		}
	}
	alike := make([]agents.Vec, len(idx))
	type cell struct {
		k, d  int
		ratio float64
	}
	var cells []cell
	for k, i := range idx {
		for d := range colT {
			alike[k][d] = rows[k] * colT[d] / grand
			r := 0.0
			if alike[k][d] > 0 {
				r = actors[i].Capability[d] / alike[k][d]
			}
			cells = append(cells, cell{k, d, r})
		}
	}
	slices.SortStableFunc(cells, func(a, b cell) int { return cmp.Compare(b.ratio, a.ratio) })
	special := make([]agents.Vec, len(idx))
	rowLeft := slices.Clone(rows)
	colLeft := colT
	for pass := 0; pass < 2; pass++ {
		for _, c := range cells {
			x := math.Min(1-special[c.k][c.d], math.Min(rowLeft[c.k], colLeft[c.d]))
			if x <= 1e-12 {
				continue
			}
			special[c.k][c.d] += x
			rowLeft[c.k] -= x
			colLeft[c.d] -= x
		}
	}
	for k, i := range idx {
		for d := range colT {
			actors[i].Capability[d] = math.Min(1, (1-o)*special[k][d]+o*alike[k][d])
		}
	}
}
