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

// OverlapCapabilities sets how alike the capability profiles of the actors
// who can deliver services (every non-funder with a capability, members and
// outsiders alike) are (H2), moving only where each actor's strengths lie:
// every actor keeps its own capability values — its peak, its total, its
// whole profile's shape — and the generator chooses which domain gets
// which value. With overlap o each actor ranks the domains by
//
//	score_d = (1 − o)·rank_special(d) + o·rank_common(d)
//
// and gives its highest value to the best-ranked domain, and so on. The
// common ranking orders domains by their total listed capability over
// actors: at o = 1 everyone is strong in the same domains. The special
// ranking gives each actor, in order of their peak value, the domain it was
// listed strongest in among those no earlier actor took as its peak (all
// domains again once each is taken), then its other domains as listed: at
// o = 0 the actors' strengths are as spread over domains as they can be.
// Ties go to the common ranking, then to domain order.
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
	var total agents.Vec
	for _, i := range idx {
		for d := range total {
			total[d] += actors[i].Capability[d]
		}
	}
	common := ranking(func(a, b int) int { return cmp.Compare(total[b], total[a]) })
	special := specialRankings(actors, idx, common)
	for k, i := range idx {
		listed := actors[i].Capability
		vals := listed[:]
		sorted := slices.Clone(vals)
		slices.SortFunc(sorted, func(a, b float64) int { return cmp.Compare(b, a) })
		order := ranking(func(a, b int) int {
			sa := (1-o)*float64(special[k][a]) + o*float64(common[a])
			sb := (1-o)*float64(special[k][b]) + o*float64(common[b])
			return cmp.Or(cmp.Compare(sa, sb), cmp.Compare(common[a], common[b]))
		})
		var c agents.Vec
		for d := range c {
			c[d] = sorted[order[d]]
		}
		actors[i].Capability = c
	}
}

// ranking returns each domain's rank (0 best) under an order of domains.
func ranking(less func(a, b int) int) [agents.NumDomains]int {
	var doms [agents.NumDomains]int
	for d := range doms {
		doms[d] = d
	}
	slices.SortStableFunc(doms[:], less)
	var rank [agents.NumDomains]int
	for r, d := range doms {
		rank[d] = r
	}
	return rank
}

// specialRankings gives each delivering actor a ranking with its peak in a
// domain no earlier actor (by peak value) took, then its listed order.
func specialRankings(actors []sim.ActorSpec, idx []int, common [agents.NumDomains]int) [][agents.NumDomains]int {
	byPeak := slices.Clone(idx)
	peak := func(i int) float64 { return slices.Max(actors[i].Capability[:]) }
	slices.SortStableFunc(byPeak, func(a, b int) int { return cmp.Compare(peak(b), peak(a)) })
	taken := map[int]bool{}
	chosen := map[int]int{}
	for _, i := range byPeak {
		if len(taken) == agents.NumDomains {
			clear(taken)
		}
		listed := actors[i].Capability
		best := -1
		for d := range listed {
			if !taken[d] && (best < 0 || listed[d] > listed[best] || listed[d] == listed[best] && common[d] < common[best]) {
				best = d
			}
		}
		taken[best], chosen[i] = true, best
	}
	out := make([][agents.NumDomains]int, len(idx))
	for k, i := range idx {
		listed := actors[i].Capability
		out[k] = ranking(func(a, b int) int {
			switch {
			case a == chosen[i]:
				return -1
			case b == chosen[i]:
				return 1
			}
			return cmp.Or(cmp.Compare(listed[b], listed[a]), cmp.Compare(common[a], common[b]))
		})
	}
	return out
}
