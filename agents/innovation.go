package agents

// InnovationRule holds the parameters of innovation as a trial: a new way
// of working is found, tried at a cost in hours, judged on evidence that
// may mislead, and adopted or abandoned. What works spreads along trust;
// so does what only seemed to work.
type InnovationRule struct {
	Alone       float64 `yaml:"alone"`        // ι_0: weekly chance an organisation finds a new practice alone
	Together    float64 `yaml:"together"`     // ι: added per unit of trusted capability diversity (seed 000, factors for innovation)
	TrialHours  float64 `yaml:"trial_hours"`  // hours a week a trial costs its finder
	TrialWeeks  int     `yaml:"trial_weeks"`  // weeks a trial runs before it is judged
	EffectMean  float64 `yaml:"effect_mean"`  // μ_g: mean true productivity effect of a new practice
	EffectSD    float64 `yaml:"effect_sd"`    // σ_g: spread of true effects (many are neutral or harmful)
	NoiseOwn    float64 `yaml:"noise_own"`    // σ_own: error of judging a trial on one's own reports
	NoiseShared float64 `yaml:"noise_shared"` // σ_shared: error of judging it on mature shared data
	Floor       float64 `yaml:"floor"`        // lowest productivity adopted practices can leave
	Cap         float64 `yaml:"cap"`          // highest productivity adopted practices can give
}

// Hazard is the weekly chance that actor i finds a new practice. Every
// organisation innovates a little alone (ι_0); more comes from working
// closely with different others (when joint is true):
//
//	p_i = ι_0 + ι·D_i,   D_i = Σ_j τ_ij·τ_ji·d_ij / (n − 1)
//
// with d_ij = ‖cap_i − cap_j‖₁/D the mean absolute capability difference
// (CapabilityDistance), over the n members.
//
// distance holds d_ij row-major (CapabilityDistances), so that it is not
// computed every week.
func (r *InnovationRule) Hazard(i int, actors []Actor, t Trust, distance []float64, joint bool) float64 {
	if !actors[i].Member {
		return 0
	}
	if !joint {
		return r.Alone
	}
	s, n := 0.0, 0
	for j := range actors {
		if j == i || !actors[j].Member {
			continue
		}
		n++
		s += t.Mutual(i, j) * distance[i*len(actors)+j]
	}
	div := 0.0
	if n > 0 {
		div = s / float64(n)
	}
	return r.Alone + r.Together*div
}

// JudgementNoise is the error σ with which a trial's effect is judged: on
// one's own reports, or on shared data as measurement matures,
// σ = (1 − M)·σ_own + M·σ_shared. Whether shared data judges better is
// itself uncertain: the two parameters' ranges overlap.
func (r *InnovationRule) JudgementNoise(maturity float64) float64 {
	return (1-maturity)*r.NoiseOwn + maturity*r.NoiseShared
}

// Adopt applies a practice with true effect g to a productivity:
// clamp(prod·(1 + g), floor, cap).
func (r *InnovationRule) Adopt(productivity, effect float64) float64 {
	return min(r.Cap, max(r.Floor, productivity*(1+effect)))
}

// CapabilityDistance is the mean absolute difference of two capability
// vectors, in [0,1].
func CapabilityDistance(a, b Vec) float64 { return l1(a[:], b[:]) / float64(NumDomains) }

// CapabilityDistances fills dst (n×n, row-major) with every pair's
// CapabilityDistance.
func CapabilityDistances(dst []float64, actors []Actor) {
	n := len(actors)
	for i := range actors {
		for j := range actors {
			dst[i*n+j] = CapabilityDistance(actors[i].Capability, actors[j].Capability)
		}
	}
}

// Trial is a new practice being tried by one actor.
type Trial struct {
	Actor  int
	Effect float64 // true effect g on productivity
	Left   int     // weeks until it is judged
}
