package agents

// AgendaRule holds the parameters of the common agenda's formation.
type AgendaRule struct {
	Rate       float64 `yaml:"rate"`        // ρ_0: agenda step per meeting at full trust and mandate
	DataWeight float64 `yaml:"data_weight"` // ω_M: seat of measured needs at full measurement maturity
}

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

// Seats are the weights of voices in the agenda beside the members' own
// positions, and what each voice says. Target scales their weights down
// to a sum of 1 where they would exceed it.
type Seats struct {
	Voice    float64 // ω_B: beneficiaries' voice
	Believed Vec     // ν_B: the need profile engagement revealed
	Data     float64 // ω_M·M: measured needs
	Measured Vec     // ν_M: the need profile shared measurement shows
	Host     float64 // ω_H: the pull of a funder hosting the backbone
	HostKPI  Vec     // the host's KPIs
}

// Target is the agenda the table would settle on at one meeting: the
// influence-weighted positions of the members (their own priorities, which
// follow their KPIs), with seats for beneficiaries' voice, for data and for
// a funder that hosts the backbone:
//
//	a* = (1 − ω_B − ω_M·M − ω_H)·Σ_j w_j·k_j + ω_B·ν_B + ω_M·M·ν_M + ω_H·k_host
//
// normalised, where w sums to one over the table. Where the seats' weights
// ω = ω_B + ω_M·M + ω_H exceed 1 (each within its own range, they can),
// each is divided by ω and the members keep no weight of their own: the
// seats take the table, never more than all of it.
func Target(actors []Actor, w []float64, s Seats) Vec {
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
	seats := s.Voice + s.Data + s.Host
	scale := 1.0
	if seats > 1 {
		scale = 1 / seats
	}
	own := 1 - scale*seats
	for d := range t {
		t[d] = own*t[d]/total + scale*(s.Voice*s.Believed[d]+s.Data*s.Measured[d]+s.Host*s.HostKPI[d])
	}
	return t.Normalized()
}

// Move moves the common agenda toward the target of one meeting, a
// Friedkin–Johnsen step (Friedkin & Johnsen 1990):
//
//	a' = (1−ρ)·a + ρ·a*,   ρ = ρ_0·τ̄·μ̄·φ_A
//
// where τ̄ is the mean trust among those attending, μ̄ their mean effective
// mandate and φ_A the agreement's flexibility: a table of delegates who
// cannot commit, or do not trust each other, or are bound by a rigid
// contract, moves slowly.
func (r *AgendaRule) Move(a, target Vec, meanTrust, meanMandate, flexibility float64) Vec {
	rho := r.Rate * meanTrust * meanMandate * flexibility
	for d := range a {
		a[d] = (1-rho)*a[d] + rho*target[d]
	}
	return a
}

// Coherence is how alike the members' effort profiles are:
// 1 − mean_i ½‖x_i − x̄‖₁, with x_i actor i's effort shares and x̄ their
// hours-weighted mean. It is 1 when everyone works to the same priorities,
// and 0 when no member works.
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
