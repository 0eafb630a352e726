package agents

// InfluenceWeights sets each actor's weight in agenda formation. Attending
// members share the table; money buys voice unless governance shares power:
//
//	w_j = (1−ψ)·money_j/Σ money + ψ/n    (attending members; 0 otherwise)
//
// where ψ in [0,1] is power sharing and n the number attending. A table of
// actors who bring no money at all falls back to equal voice.
func InfluenceWeights(dst []float64, actors []Actor, sharing float64) {
	n, money := 0, 0.0
	for i := range actors {
		if actors[i].Member && actors[i].Attended {
			n++
			money += actors[i].Budget
		}
	}
	for i := range actors {
		dst[i] = 0
		if n == 0 || !actors[i].Member || !actors[i].Attended {
			continue
		}
		share := 1 / float64(n)
		if money > 0 {
			share = actors[i].Budget / money
		}
		dst[i] = (1-sharing)*share + sharing/float64(n)
	}
}

// AgendaTarget is the agenda the table would settle on at one meeting: the
// influence-weighted positions of the members (their own priorities, which
// follow their KPIs), with seats for beneficiaries' voice and for data:
//
//	a* = (1 − ω_B − ω_M)·Σ_j w_j·k_j + ω_B·ν_B + ω_M·ν_M
//
// where w sums to one, ν_B is the need profile revealed by engagement with
// weight ω_B, and ν_M the need profile shown by shared measurement with
// weight ω_M (ω_B + ω_M ≤ 1).
func AgendaTarget(actors []Actor, w []float64, voice Vec, voiceWeight float64, data Vec, dataWeight float64) Vec {
	var t Vec
	total := 0.0
	for j := range actors {
		if w[j] == 0 {
			continue
		}
		total += w[j]
		for d := range t {
			t[d] += w[j] * actors[j].Priority[d]
		}
	}
	if total == 0 {
		return t.Normalized()
	}
	own := 1 - voiceWeight - dataWeight
	for d := range t {
		t[d] = own*t[d]/total + voiceWeight*voice[d] + dataWeight*data[d]
	}
	return t.Normalized()
}

// MoveAgenda moves the common agenda toward the target of one meeting, a
// Friedkin–Johnsen step in which members stay anchored to their own KPIs:
//
//	a' = (1−ρ)·a + ρ·a*,   ρ = ρ₀·τ̄·μ̄
//
// where τ̄ is the mean trust among those attending and μ̄ their mean
// mandate: a table of delegates who cannot commit, or do not trust each
// other, moves slowly.
func MoveAgenda(a, target Vec, baseRate, meanTrust, meanMandate float64) Vec {
	rho := baseRate * meanTrust * meanMandate
	for d := range a {
		a[d] = (1-rho)*a[d] + rho*target[d]
	}
	return a
}

// Coherence is how alike the members' effort profiles are:
// 1 − mean_i ½‖x_i − x̄‖₁, with x_i actor i's effort shares and x̄ their
// hours-weighted mean. It is 1 when everyone works to the same priorities.
func Coherence(actors []Actor) float64 {
	var mean Vec
	total := 0.0
	for i := range actors {
		a := &actors[i]
		if !a.Member || a.Hours <= 0 {
			continue
		}
		for d := range mean {
			mean[d] += a.Effort[d]
		}
		total += a.Hours
	}
	if total == 0 {
		return 0
	}
	mean = mean.Normalized()
	s, n := 0.0, 0
	for i := range actors {
		a := &actors[i]
		if !a.Member || a.Hours <= 0 {
			continue
		}
		s += Alignment(a.Effort.Normalized(), mean)
		n++
	}
	return s / float64(n)
}
