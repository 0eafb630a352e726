package sim_test

import (
	"fmt"

	"github.com/cisim/cisim/scenarios"
	"github.com/cisim/cisim/sim"
)

// One replicate of a built-in design, from another module: load the
// scenario (a built-in name or a file, with overrides), build an engine,
// reset it to a replicate of a master seed and run it. Replicate r of any
// design draws the same world and parameters, which is what pairs
// comparisons.
func Example() {
	l, err := scenarios.Load("collective-impact", []string{"beneficiaries.count=300", "horizon.years=3"})
	if err != nil {
		panic(err)
	}
	e, err := sim.New(l.Scenario)
	if err != nil {
		panic(err)
	}
	for r := range 3 {
		e.Reset(1, r) // engines are reused: Reset is the whole of a run's state
		s := e.Run()
		fmt.Printf("replicate %d: outcome rate %.3f, %d partners, phase %v\n", r, s.OutcomeRate, s.Partners, s.Phase)
	}
	// Output:
	// replicate 0: outcome rate 0.315, 8 partners, phase run
	// replicate 1: outcome rate 0.354, 7 partners, phase run
	// replicate 2: outcome rate 0.413, 8 partners, phase run
}
