package results_test

import (
	"fmt"

	"github.com/cisim/cisim/results"
	"github.com/cisim/cisim/scenarios"
	"github.com/cisim/cisim/sim"
)

// Aggregating runs exactly, as a run's folder does: each run's per-tick
// series goes into the scenario's accumulator, in any order, and the
// statistics come out the same to the bit. A run's summary becomes a row
// of summary.csv with FromSummary.
func Example() {
	l, err := scenarios.Load("isolated", []string{"beneficiaries.count=300", "horizon.years=2"})
	if err != nil {
		panic(err)
	}
	e, err := sim.New(l.Scenario)
	if err != nil {
		panic(err)
	}
	acc := results.ForScenario(&l.Scenario, false)
	for r := range 20 {
		e.Reset(7, r)
		sum := e.Run()
		acc.Add(e.Metrics())
		if r == 0 {
			rec := results.FromSummary("isolated", r, 7, sum)
			fmt.Printf("first run: outcome rate %.4f\n", rec.Values[results.ColOutcomeRate])
		}
	}
	last := acc.Ticks() - 1
	st := acc.Stats(last, int(sim.OutcomeRate))
	fmt.Printf("%d runs, week %d: outcome rate mean %.4f, median %.4f\n", acc.Runs(), last, st.Mean, st.P50)
	// Output:
	// first run: outcome rate 0.0944
	// 20 runs, week 103: outcome rate mean 0.2429, median 0.2344
}
