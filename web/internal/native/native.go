package native

import (
	"testing"

	"github.com/cisim/cisim/scenarios"
	"github.com/cisim/cisim/sim"
)

// Run loads scenario name with the --set arguments sets and returns the
// engine after weeks ticks of replicate 0 of seed.
func Run(name string, sets []string, seed uint64, weeks int) (*sim.Engine, error) {
	l, err := scenarios.Load(name, sets)
	if err != nil {
		return nil, err
	}
	e, err := sim.New(l.Scenario)
	if err != nil {
		return nil, err
	}
	e.Reset(seed, 0)
	for e.Tick() < weeks {
		e.Step()
	}
	return e, nil
}

// MustRun is Run for a test: a failure to load or build ends the test.
func MustRun(t testing.TB, name string, sets []string, seed uint64, weeks int) *sim.Engine {
	t.Helper()
	e, err := Run(name, sets, seed, weeks)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// Intervene changes e's design to scenario name with the --set arguments
// sets, from e's current tick on (sim.Engine.Intervene).
func Intervene(e *sim.Engine, name string, sets []string) error {
	l, err := scenarios.Load(name, sets)
	if err != nil {
		return err
	}
	return e.Intervene(l.Scenario)
}

// MustIntervene is Intervene for a test.
func MustIntervene(t testing.TB, e *sim.Engine, name string, sets []string) {
	t.Helper()
	if err := Intervene(e, name, sets); err != nil {
		t.Fatal(err)
	}
}

// StepTo steps e to tick week.
func StepTo(e *sim.Engine, week int) {
	for e.Tick() < week {
		e.Step()
	}
}
