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

// Mutual returns τ_ij·τ_ji.
func (t Trust) Mutual(i, j int) float64 { return t.T[i*t.N+j] * t.T[j*t.N+i] }

// TrustRule holds the parameters of trust between partners (docs/MODEL.md
// §7.1): it builds slowly through interaction at meetings, breaks fast, and
// relaxes toward a floor without contact.
type TrustRule struct {
	InitMean   float64 `yaml:"init_mean"`   // mean initial pairwise trust
	InitSpread float64 `yaml:"init_spread"` // initial trust ~ U(mean − spread, mean + spread)
	Gain       float64 `yaml:"gain"`        // λ⁺ per interaction
	Loss       float64 `yaml:"loss"`        // λ⁻ per interaction
	Neutral    float64 `yaml:"neutral"`     // θ: neutral point of the trust signal
	Noise      float64 `yaml:"noise"`       // σ_ε of the trust signal
	Decay      float64 `yaml:"decay"`       // δ per week without contact
	Floor      float64 `yaml:"floor"`       // τ_floor that trust decays toward
	ExitBreach float64 `yaml:"exit_breach"` // b_x: trust lost toward the others when a partner one relied on leaves
	Contacts   int     `yaml:"contacts"`    // K: partners each attendee really talks with at one meeting
}

// Evidence is what truster i observes of trustee j at one meeting, after
// Mayer, Davis & Schoorman (1995): ability A_j (share of j's capacity that
// reached services), benevolence B_ij (shared values) and, where j has made
// a commitment to the partners, integrity I_j (the share of it delivered).
type Evidence struct {
	Ability, Benevolence, Integrity float64
	Committed                       bool // j has a commitment whose delivery i can see
}

// Signal is the experience s one interaction gives: the mean of what is
// observed, less the neutral point, plus noise ε (drawn by the caller):
//
//	s = (A + B + I)/3 − θ + ε   when j has committed to something
//	s = (A + B)/2 − θ + ε       otherwise (there is nothing to keep)
func (r *TrustRule) Signal(e Evidence, eps float64) float64 {
	if e.Committed {
		return (e.Ability+e.Benevolence+e.Integrity)/3 - r.Neutral + eps
	}
	return (e.Ability+e.Benevolence)/2 - r.Neutral + eps
}

// Update applies one interaction with signal s: trust is slow to build
// and fast to break (Vangen & Huxham 2003; λ⁻ ≈ 3λ⁺):
//
//	τ' = τ + min(1, λ⁺·max(0,s))·(1−τ) − min(1, λ⁻·max(0,−s))·τ
//
// The factors (1−τ) and τ, with each step at most the whole distance to
// the bound, keep τ in [0,1] for any signal.
func (r *TrustRule) Update(tau, s float64) float64 {
	if s >= 0 {
		return tau + min(1, r.Gain*s)*(1-tau)
	}
	return tau - min(1, -r.Loss*s)*tau
}

// DecayTrust applies one week without contact: trust relaxes toward the
// floor,
//
//	τ' = τ − δ·(1 − f)·(τ − τ_floor)
//
// where f in [0,1] is the share of the decay that follow-up in between
// meetings prevents.
func (r *TrustRule) DecayTrust(tau, followUp float64) float64 {
	return tau - r.Decay*(1-followUp)*(tau-r.Floor)
}

// Break is a shock to trust: τ' = τ·(1 − shock).
func Break(tau, shock float64) float64 { return tau * (1 - shock) }

// Revert moves trust back toward where it started when the person who held
// a relationship leaves (staff turnover): τ' = τ − ℓ·(τ − τ₀).
func Revert(tau, initial, loss float64) float64 { return tau - loss*(tau-initial) }
