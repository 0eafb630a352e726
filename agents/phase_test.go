package agents

import (
	"math/rand/v2"
	"testing"
)

var testThresholds = PhaseThresholds{RunTrust: 0.5, RunCoherence: 0.6, RedesignShift: 0.2, Growth: 1.5, ExpInnovations: 2}

// allMet satisfies every phase's condition at once.
var allMet = PhaseSignals{MeanTrust: 0.9, Coherence: 0.9, AgendaShift: 0.5, OutcomesYear: 30, OutcomesPrior: 10, Innovations: 5}

func TestNextPhase(t *testing.T) {
	cases := []struct {
		name string
		p    Phase
		s    PhaseSignals
		want Phase
	}{
		{"run at thresholds", Initiation, PhaseSignals{MeanTrust: 0.5, Coherence: 0.6}, Run}, // ≥ on both
		{"trust too low", Initiation, PhaseSignals{MeanTrust: 0.49, Coherence: 0.9}, Initiation},
		{"coherence too low", Initiation, PhaseSignals{MeanTrust: 0.9, Coherence: 0.59}, Initiation},
		// Later conditions met, run conditions not: no skipping ahead.
		{"no skipping", Initiation, PhaseSignals{MeanTrust: 0.1, AgendaShift: 1, OutcomesYear: 30, OutcomesPrior: 10, Innovations: 9}, Initiation},
		{"redesign at threshold", Run, PhaseSignals{AgendaShift: 0.2}, Redesign},
		{"agenda barely moved", Run, PhaseSignals{MeanTrust: 1, Coherence: 1, AgendaShift: 0.19}, Run},
		// 15 ≥ 1.5·10 = 15 and 2 ≥ 2.
		{"exponential at thresholds", Redesign, PhaseSignals{OutcomesYear: 15, OutcomesPrior: 10, Innovations: 2}, Exponential},
		{"growth too small", Redesign, PhaseSignals{OutcomesYear: 14.9, OutcomesPrior: 10, Innovations: 5}, Redesign},
		{"too few innovations", Redesign, PhaseSignals{OutcomesYear: 30, OutcomesPrior: 10, Innovations: 1}, Redesign},
		// Growth from nothing is not growth: prior must be > 0.
		{"no prior outcomes", Redesign, PhaseSignals{OutcomesYear: 10, OutcomesPrior: 0, Innovations: 5}, Redesign},
		{"exponential stays", Exponential, allMet, Exponential},
		{"exponential never falls back", Exponential, PhaseSignals{}, Exponential},
		{"run never falls back", Run, PhaseSignals{}, Run},
		{"redesign never falls back", Redesign, PhaseSignals{}, Redesign},
	}
	for _, c := range cases {
		if got := NextPhase(c.p, c.s, testThresholds); got != c.want {
			t.Errorf("%s: %v → %v, want %v", c.name, c.p, got, c.want)
		}
	}
}

// Phases move only forward, one step a tick, even when every condition is
// met at once.
func TestNextPhaseForwardOneStep(t *testing.T) {
	p := Initiation
	for tick, want := range []Phase{Run, Redesign, Exponential, Exponential} {
		p = NextPhase(p, allMet, testThresholds)
		if p != want {
			t.Fatalf("tick %d: phase %v, want %v", tick, p, want)
		}
	}
	rng := rand.New(rand.NewPCG(11, 12))
	for trial := 0; trial < 20000; trial++ {
		p := Phase(rng.IntN(NumPhases))
		s := PhaseSignals{
			MeanTrust:     rng.Float64(),
			Coherence:     rng.Float64(),
			AgendaShift:   rng.Float64() * 0.5,
			OutcomesYear:  float64(rng.IntN(40)),
			OutcomesPrior: float64(rng.IntN(20)),
			Innovations:   rng.IntN(4),
		}
		got := NextPhase(p, s, testThresholds)
		if got != p && got != p+1 {
			t.Fatalf("%v with %+v → %v: not the same phase or the next", p, s, got)
		}
	}
}

func TestPhaseString(t *testing.T) {
	want := []string{"initiation", "run", "redesign", "exponential"}
	if NumPhases != len(want) {
		t.Fatalf("NumPhases = %d, want %d", NumPhases, len(want))
	}
	for p, w := range want {
		if got := Phase(p).String(); got != w {
			t.Errorf("Phase(%d) = %q, want %q", p, got, w)
		}
	}
}
