package agents

import "testing"

func TestNewPopulation(t *testing.T) {
	p := NewPopulation(3)
	if p.N != 3 || len(p.Need) != 3*NumDomains || len(p.Progress) != 3*NumDomains {
		t.Fatalf("per-domain fields: N %d, Need %d, Progress %d", p.N, len(p.Need), len(p.Progress))
	}
	for name, n := range map[string]int{
		"State": len(p.State), "Trust": len(p.Trust), "Prior": len(p.Prior), "Voice": len(p.Voice),
		"Threshold": len(p.Threshold), "Natural": len(p.Natural), "Home": len(p.Home), "Since": len(p.Since),
		"Done": len(p.Done), "ByProgram": len(p.ByProgram), "Dropped": len(p.Dropped),
	} {
		if n != 3 {
			t.Errorf("len(%s) = %d, want 3", name, n)
		}
	}
}

func TestResidual(t *testing.T) {
	p := NewPopulation(2)
	// Beneficiary 1, domain 2 sits at 1·NumDomains + 2.
	p.Need[1*NumDomains+2] = 0.8
	p.Progress[1*NumDomains+2] = 0.5
	p.Need[0*NumDomains+4] = 0.5
	p.Progress[0*NumDomains+4] = 0.75
	cases := []struct {
		name  string
		b, d  int
		drift float64
		want  float64
		eps   float64
	}{
		{"plain", 1, 2, 1, 0.3, tol},                // 0.8·1 − 0.5 = 0.3
		{"drift up", 1, 2, 1.25, 0.5, tol},          // 0.8·1.25 − 0.5 = 1.0 − 0.5 = 0.5
		{"drift down", 1, 2, 0.5, 0, 0},             // 0.4 − 0.5 < 0 → 0
		{"met", 0, 4, 1, 0, 0},                      // 0.5 − 0.75 < 0 → 0
		{"other domain", 1, 3, 1, 0, 0},             // no need there
		{"drift raises met need", 0, 4, 2, 0.25, 0}, // 0.5·2 − 0.75 = 0.25 (exact)
	}
	for _, c := range cases {
		checkNear(t, c.name, p.Residual(c.b, c.d, c.drift), c.want, c.eps)
	}
}

func TestState(t *testing.T) {
	cases := []struct {
		s      State
		name   string
		active bool
	}{
		{NotReached, "not_reached", false},
		{Enrolled, "enrolled", true},
		{Progressing, "progressing", true},
		{OutcomeReached, "outcome_reached", false},
		{DroppedOut, "dropped_out", false},
	}
	if NumStates != len(cases) {
		t.Fatalf("NumStates = %d, want %d", NumStates, len(cases))
	}
	for _, c := range cases {
		if c.s.String() != c.name || c.s.Active() != c.active {
			t.Errorf("%d: %q active %v; want %q active %v", c.s, c.s.String(), c.s.Active(), c.name, c.active)
		}
	}
}
