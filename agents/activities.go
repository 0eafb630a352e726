package agents

// EffortShares splits an actor's free hours over domains. A member
// committed to a common agenda puts the part m = c·mandate of its hours on
// the agenda and the rest on its own priorities (partners are restricted
// by their own KPIs):
//
//	x_d = (1 − m)·k_d + m·z_d,   z_d ∝ a_d·(Q·cap_d/c̄ap_d + (1 − Q))
//
// z is the agenda's work as coordination assigns it: with coordination
// quality Q each partner takes the domains where it is relatively strong
// (cap_d over the members' mean c̄ap_d); without, everyone does a bit of
// everything. Without an agenda m is 0.
func EffortShares(priority, agenda, capability, meanCap Vec, m, quality float64) Vec {
	var z Vec
	for d := range z {
		rel := 1.0
		if meanCap[d] > 0 {
			rel = capability[d] / meanCap[d]
		}
		z[d] = agenda[d] * (quality*rel + 1 - quality)
	}
	z = z.Normalized()
	var x Vec
	for d := range x {
		x[d] = (1-m)*priority[d] + m*z[d]
	}
	return x
}

// Referral is the share of actor i's services that reach the beneficiaries
// enrolled with actor h. An actor serves its own fully; others' through
// ordinary signposting ρ₀ (anyone can walk into the job centre) and through
// referral, which needs mutual trust and coordination:
//
//	r_hi = 1 if h = i,   r_hi = ρ₀ + ρ·τ_hi·τ_ih·Q otherwise
func Referral(h, i int, t Trust, base, strength, quality float64) float64 {
	if h == i {
		return 1
	}
	return base + strength*t.At(h, i)*t.At(i, h)*quality
}

// Output is the effective service an actor delivers in one domain from
// hours h, with routine R (the hours it is set up for there): hours beyond
// routine are new work, done at efficiency η until they become routine
// (established services resist change):
//
//	O = cap·prod·(min(h, R) + η·max(0, h − R))
func Output(hours, routine, capability, productivity, newEfficiency float64) float64 {
	est := min(hours, routine)
	return capability * productivity * (est + newEfficiency*(hours-est))
}

// AdaptRoutine moves routine toward the hours actually worked, with time
// constant T ticks: R' = R + (h − R)/T.
func AdaptRoutine(routine, hours, weeks float64) float64 {
	return routine + (hours-routine)/weeks
}

// Progress is the weekly progress of one beneficiary in one domain from
// service intensity x (effective hours a week), with diminishing returns:
//
//	Δp = π·x/(x + K)
//
// capped by the caller at the residual need. K is the intensity at which
// half the maximum weekly progress π is reached.
func Progress(x, max, half float64) float64 {
	if x <= 0 {
		return 0
	}
	return max * x / (x + half)
}
