package experiments_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/cisim/cisim/experiments"
	"github.com/cisim/cisim/scenarios"
)

// BenchmarkCompareDefault is the default `cisim compare`: isolated and
// collective impact, 1,000 replicates each, 10 years, 1,000 beneficiaries,
// with every output file. Target (README): at most 10 s on 2 cores.
func BenchmarkCompareDefault(b *testing.B) {
	benchCompare(b, 1000, 0)
}

// BenchmarkCompareWorkers is the default compare on 1 and 2 workers; target
// (README): 2 workers at least 1.8× faster than 1.
func BenchmarkCompareWorkers(b *testing.B) {
	const runs = 1000
	for _, w := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", w), func(b *testing.B) { benchCompare(b, runs, w) })
	}
}

func benchCompare(b *testing.B, runs, workers int) {
	var scs []experiments.Scenario
	for _, name := range []string{"isolated", "collective-impact"} {
		l, err := scenarios.Load(name, nil)
		if err != nil {
			b.Fatal(err)
		}
		y, _ := l.YAML()
		scs = append(scs, experiments.Scenario{Name: name, Scenario: l.Scenario, Resolved: y})
	}
	for b.Loop() {
		p := experiments.Plan{Command: "bench", Scenarios: scs, Seed: 1, Runs: runs, Shards: 1, Workers: workers, Out: b.TempDir()}
		if _, err := experiments.Run(context.Background(), p); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Seconds())/float64(b.N), "s/compare")
}
