package agents

// MembershipRule holds the parameters of exit and entry.
type MembershipRule struct {
	ReviewWeeks       int     `yaml:"review_weeks"`        // weeks between membership reviews
	RefTrust          float64 `yaml:"ref_trust"`           // τ_ref: trust a joint venture needs
	ExitHazard        float64 `yaml:"exit_hazard"`         // h_x: chance of leaving at a review when V < O
	JoinBase          float64 `yaml:"join_base"`           // p_0 of JoinProbability
	OutsideOptionHigh float64 `yaml:"outside_option_high"` // O ~ U(0, this)
	ConflictWeight    float64 `yaml:"conflict_weight"`     // κ_u: value lost per unresolved conflict
	VoiceWeight       float64 `yaml:"voice_weight"`        // κ_v: value lost by a partner whose KPIs the agreed agenda ignores and who has no voice
}

// Stay is what a member weighs at a review.
type Stay struct {
	Satisfaction   float64 // S: progress on its own KPI domains, in [0,1]
	Jointness      float64 // j: share of what it puts in that goes into joint work, in [0,1]
	MeanTrust      float64 // τ̄: its mean trust in the other members
	MeanSimilarity float64 // B̄: its mean value similarity to them
	Burden         float64 // b: share of its hours lost to overheads
	ExitCost       float64 // e: the cost of leaving its agreement sets
	Conflicts      int     // u: its unresolved conflicts
	Misfit         float64 // 1 − A(KPI, a) under an agreed agenda, else 0
	Voice          float64 // its influence weight relative to an equal share, at most 1
}

// ExitCause names the term that weighed most against staying.
type ExitCause uint8

// The causes of an exit.
const (
	CausePoorResults ExitCause = iota
	CauseDistrust
	CauseValues
	CauseBurden
	CauseConflict
	CauseNoVoice
	numCauses
)

var causeNames = [numCauses]string{"poor results on own KPIs", "distrust", "values apart", "overheads", "unresolved conflict", "agenda ignores its KPIs"}

func (c ExitCause) String() string { return causeNames[c] }

// StayValue is what a member sees in staying in the partnership, weighed
// at each review against its outside option O:
//
//	V = S + j·(τ̄ − τ_ref) + j·(B̄ − ½) − b + e − κ_u·u − κ_v·misfit·(1 − voice)
//
// A member whose work is its own (j = 0) weighs only results, overheads,
// its agreement and conflict. It also returns the cause: the term other
// than results that weighed most against staying, if one was below −0.05;
// poor results otherwise.
func (r *MembershipRule) StayValue(s Stay) (float64, ExitCause) {
	terms := [numCauses]float64{
		CausePoorResults: s.Satisfaction - 1,
		CauseDistrust:    s.Jointness * (s.MeanTrust - r.RefTrust),
		CauseValues:      s.Jointness * (s.MeanSimilarity - 0.5),
		CauseBurden:      -s.Burden,
		CauseConflict:    -r.ConflictWeight * float64(s.Conflicts),
		CauseNoVoice:     -r.VoiceWeight * s.Misfit * (1 - s.Voice),
	}
	v, worst := 1+s.ExitCost, CausePoorResults
	for c, x := range terms {
		v += x
		if c != int(CausePoorResults) && x < -worstMargin && (worst == CausePoorResults || x < terms[worst]) {
			worst = ExitCause(c)
		}
	}
	return v, worst
}

// worstMargin is how far below zero a term other than results must be to
// be named the cause of an exit; otherwise results are.
const worstMargin = 0.05

// JoinProbability is the chance at a review that an outsider joins: the
// agenda's centre of gravity G (results so far × coherence of the members'
// work × their mutual trust) draws aligned outsiders (seed 002),
// p = p_0·G·B, with B the outsider's value similarity to the members.
func (r *MembershipRule) JoinProbability(gravity, similarity float64) float64 {
	return r.JoinBase * gravity * similarity
}
