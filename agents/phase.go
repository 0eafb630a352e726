package agents

// Phase is the stage a partnership has reached, observed from its state
// (after the refined model's initiation → run → re-design → exponential
// value), never set by the clock.
type Phase uint8

// The phases, in order.
const (
	Initiation Phase = iota
	Run
	Redesign
	Exponential
	NumPhases int = iota
)

var phaseNames = [NumPhases]string{"initiation", "run", "redesign", "exponential"}

func (p Phase) String() string { return phaseNames[p] }

// PhaseSignals is what the phase observer looks at each tick.
type PhaseSignals struct {
	MeanTrust     float64 // mean trust among members
	Coherence     float64 // coherence of the members' work
	AgendaShift   float64 // ½‖a − a_run‖₁: how far the agenda (or, without one, the effort profile) moved since the run began
	OutcomesYear  float64 // outcomes in the last year
	OutcomesPrior float64 // outcomes in the year before
	Innovations   int     // innovations adopted since the run began
}

// PhaseThresholds are the observable conditions for each phase.
type PhaseThresholds struct {
	RunTrust       float64 `yaml:"run_trust"`
	RunCoherence   float64 `yaml:"run_coherence"`   // run: the plan is carried out together
	RedesignShift  float64 `yaml:"redesign_shift"`  // re-design: the believed needs were revisited
	Growth         float64 `yaml:"growth"`          // exponential: yearly outcomes grew by this factor
	ExpInnovations int     `yaml:"exp_innovations"` // … and new ways of working were adopted
}

// NextPhase returns the phase after observing s in phase p. Phases only move
// forward, one step a tick:
//
//	initiation → run          when τ̄ ≥ τ_run and coherence ≥ χ_run
//	run → re-design           when the agenda moved ≥ δ since the run began
//	                          (the partners revisited what to work on)
//	re-design → exponential   when outcomes_year ≥ g·outcomes_prior > 0
//	                          and at least n innovations were adopted
func NextPhase(p Phase, s PhaseSignals, th PhaseThresholds) Phase {
	switch p {
	case Initiation:
		if s.MeanTrust >= th.RunTrust && s.Coherence >= th.RunCoherence {
			return Run
		}
	case Run:
		if s.AgendaShift >= th.RedesignShift {
			return Redesign
		}
	case Redesign:
		if s.OutcomesPrior > 0 && s.OutcomesYear >= th.Growth*s.OutcomesPrior && s.Innovations >= th.ExpInnovations {
			return Exponential
		}
	}
	return p
}
