package sim_test

import (
	"testing"

	"github.com/cisim/cisim/scenarios"
	"github.com/cisim/cisim/sim"
)

// present is the mean number of young people in the population over a
// run: the first cohort and, on average, half the entrants (they enter
// evenly over the years). Work grows with them, so costs are per
// beneficiary present.
func present(sc *sim.Scenario) float64 {
	return float64(sc.Beneficiaries.Count) + float64(sc.Entrants())/2
}

// BenchmarkTick is one tick of a ten-year run of each default design,
// averaged over whole runs (Reset between runs is not timed). Targets
// (README): 0 allocations a tick; at most 20 ns a beneficiary-tick.
func BenchmarkTick(b *testing.B) {
	for _, sc := range []sim.Scenario{scenarios.Isolated(), scenarios.CollectiveImpact()} {
		b.Run(sc.Name, func(b *testing.B) {
			e, err := sim.New(sc)
			if err != nil {
				b.Fatal(err)
			}
			for r := range 3 { // the event log grows to a run's size once
				e.Reset(1, r)
				e.Run()
			}
			e.Reset(1, 0)
			replicate := 0
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if e.Tick() == e.Ticks() {
					b.StopTimer()
					replicate++
					e.Reset(1, replicate)
					b.StartTimer()
				}
				e.Step()
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/present(&sc), "ns/beneficiary-tick")
		})
	}
}

// BenchmarkRun is one whole ten-year run of each default design, world
// drawing included. Target (README): at most 10 ms on one core.
func BenchmarkRun(b *testing.B) {
	for _, sc := range []sim.Scenario{scenarios.Isolated(), scenarios.CollectiveImpact()} {
		b.Run(sc.Name, func(b *testing.B) {
			e, err := sim.New(sc)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			r := 0
			for b.Loop() {
				e.Reset(1, r)
				e.Run()
				r++
			}
			ticks := float64(e.Ticks()) * present(&sc)
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/ticks, "ns/beneficiary-tick")
		})
	}
}
