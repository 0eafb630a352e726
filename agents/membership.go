package agents

// StayValue is what a member sees in staying in the partnership, weighed
// at each quarterly review against its outside option:
//
//	V = S + j·(τ̄ − τ_ref) + j·(B̄ − ½) − b + e
//
// S in [0,1] is progress on its own KPI domains, j in [0,1] how much of its
// work depends on the others (joint hours over all hours), τ̄ its mean trust
// in them and τ_ref the trust a joint venture needs, B̄ its mean value
// similarity to them, b the share of its hours lost to overheads, and e the
// cost of leaving that the agreement sets (letter of intent, contract).
// A member whose work is its own (j = 0) weighs only results and overheads.
func StayValue(satisfaction, jointness, meanTrust, refTrust, meanSimilarity, burden, exitCost float64) float64 {
	return satisfaction + jointness*(meanTrust-refTrust) + jointness*(meanSimilarity-0.5) - burden + exitCost
}

// JoinProbability is the quarterly chance that an outsider joins: the
// agenda's centre of gravity G (results so far × coherence of the members'
// work × their mutual trust) draws aligned outsiders, p = p₀·G·B, with B the
// outsider's value similarity to the members.
func JoinProbability(base, gravity, similarity float64) float64 {
	return base * gravity * similarity
}
