package native

import (
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
