package results_test

import (
	"slices"
	"testing"

	"github.com/cisim/cisim/results"
	"github.com/cisim/cisim/scenarios"
	"github.com/cisim/cisim/sim"
)

// BenchmarkAccumulatorAdd adds the series of real runs of collective
// impact (64 replicates, in turn) to an accumulator: the per-run cost of
// the aggregation in a comparison's writer.
func BenchmarkAccumulatorAdd(b *testing.B) {
	sc := scenarios.CollectiveImpact()
	e, err := sim.New(sc)
	if err != nil {
		b.Fatal(err)
	}
	var series [][]float64
	for r := range 64 {
		e.Reset(1, r)
		e.Run()
		series = append(series, slices.Clone(e.Metrics()))
	}
	acc := results.ForScenario(&sc, false)
	b.ResetTimer()
	k := 0
	for b.Loop() {
		acc.Add(series[k%len(series)])
		k++
	}
}
