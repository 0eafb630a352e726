package agents

// Trust is the asymmetric pairwise trust between actors: At(i, j) is how far
// i trusts j, in [0,1]. It is stored row-major in one slice.
type Trust struct {
	N int
	T []float64
}

// NewTrust returns an n×n trust matrix with all entries zero.
func NewTrust(n int) Trust { return Trust{N: n, T: make([]float64, n*n)} }

// At returns i's trust in j.
func (t Trust) At(i, j int) float64 { return t.T[i*t.N+j] }

// Set sets i's trust in j.
func (t Trust) Set(i, j int, v float64) { t.T[i*t.N+j] = v }

// TrustSignal is the experience s that one meeting gives truster i of
// trustee j, after Mayer, Davis & Schoorman (1995):
//
//	s = (A_j + B_ij + I_j)/3 − θ + ε
//
// where A_j is j's ability (share of its capacity that reached services),
// B_ij the benevolence i reads from shared values, I_j j's integrity
// (follow-through on what was agreed), θ the neutral point and ε the
// observation noise, passed in by the caller.
func TrustSignal(ability, benevolence, integrity, neutral, noise float64) float64 {
	return (ability+benevolence+integrity)/3 - neutral + noise
}

// UpdateTrust applies one interaction with signal s: trust is slow to build
// and fast to break (Vangen & Huxham 2003; lossRate ≈ 3·gainRate):
//
//	τ' = τ + min(1, λ⁺·max(0,s))·(1−τ) − min(1, λ⁻·max(0,−s))·τ
//
// The factors (1−τ) and τ, with each step at most the whole distance to
// the bound, keep τ in [0,1] for any signal.
func UpdateTrust(tau, s, gainRate, lossRate float64) float64 {
	if s >= 0 {
		return tau + min(1, gainRate*s)*(1-tau)
	}
	return tau - min(1, -lossRate*s)*tau
}

// DecayTrust applies one tick without contact: trust relaxes toward a floor,
//
//	τ' = τ − δ·(1−f)·(τ − τ_floor)
//
// where f in [0,1] is the share of the gap bridged by follow-up in between
// meetings (the backbone's coverage).
func DecayTrust(tau, floor, rate, followUp float64) float64 {
	return tau - rate*(1-followUp)*(tau-floor)
}

// BreakTrust is the shock of a partner leaving: τ' = τ·(1−b).
func BreakTrust(tau, breach float64) float64 { return tau * (1 - breach) }
