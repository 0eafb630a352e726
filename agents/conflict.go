package agents

// ConflictRule holds the parameters of conflict between partners: meeting
// across a value gap or a power gap can break trust ("ego and power
// dynamics", seed 004), and an unresolved conflict weighs on the wish to
// stay. Conflict that is worked through builds some trust back ("embrace
// conflict and contestation", seed 004).
type ConflictRule struct {
	Rate          float64 `yaml:"rate"`           // κ_0: chance of a conflict per interaction at a value distance of 1
	PowerWeight   float64 `yaml:"power_weight"`   // κ_P: weight of the power gap beside the value gap
	Shock         float64 `yaml:"shock"`          // b_c: share of trust both sides lose in a conflict
	Resolve       float64 `yaml:"resolve"`        // r_0: weekly chance an open conflict is resolved on its own
	ResolveBroker float64 `yaml:"resolve_broker"` // r_B: added at full backbone coverage (facilitation)
	ResolveTrust  float64 `yaml:"resolve_trust"`  // r_τ: added at full mutual trust
	Repair        float64 `yaml:"repair"`         // ρ_c: share of the distance to 1 trust regains when it is resolved
	Hours         float64 `yaml:"hours"`          // coordination hours a week one open conflict needs
}

// Chance is the probability that one interaction between i and j at a
// meeting turns into a conflict:
//
//	p = min(1, κ_0·((1 − B_ij) + κ_P·|w_i − w_j|))
//
// with B_ij their value similarity and w their influence weights at the
// table (money buys voice unless power is shared).
func (r *ConflictRule) Chance(similarity, wi, wj float64) float64 {
	gap := wi - wj
	if gap < 0 {
		gap = -gap
	}
	return min(1, r.Rate*((1-similarity)+r.PowerWeight*gap))
}

// ResolveChance is the weekly probability that an open conflict between i
// and j is resolved: p = min(1, r_0 + r_B·C + r_τ·τ_ij·τ_ji), with C the
// backbone's coverage of the coordination need.
func (r *ConflictRule) ResolveChance(coverage, mutualTrust float64) float64 {
	return min(1, r.Resolve+r.ResolveBroker*coverage+r.ResolveTrust*mutualTrust)
}

// Repaired is trust after a conflict is resolved: τ' = τ + ρ_c·(1 − τ).
func (r *ConflictRule) Repaired(tau float64) float64 { return tau + r.Repair*(1-tau) }
