package experiments_test

import (
	"context"
	"fmt"
	"runtime"
	"runtime/metrics"
	"testing"
	"time"

	"github.com/cisim/cisim/experiments"
	"github.com/cisim/cisim/results"
	"github.com/cisim/cisim/scenarios"
)

// BenchmarkCompareDefault is the default `cisim compare`: isolated and
// collective impact, 1,000 replicates each, 10 years, 1,000 beneficiaries,
// with every output file. Target (README): at most 10 s on 2 cores.
func BenchmarkCompareDefault(b *testing.B) {
	benchCompare(b, 1000, 0)
}

// BenchmarkCompareWorkers is the default compare on 1, 2, 4, … workers up
// to the machine's cores (and on all of them); target (README): 2 workers
// at least 1.95× faster than 1.
func BenchmarkCompareWorkers(b *testing.B) {
	const runs = 1000
	for _, w := range workerCounts(runtime.NumCPU()) {
		b.Run(fmt.Sprintf("workers=%d", w), func(b *testing.B) { benchCompare(b, runs, w) })
	}
}

// BenchmarkCompareCores is the default compare with k workers on k cores
// (GOMAXPROCS k) for k = 1, 2, 4, … up to the machine's: the speed-up
// from one core to k. With one core the writer, the plots and the
// garbage collector share the worker's, where "1 worker" of
// CompareWorkers has the second core for them. It sets GOMAXPROCS itself
// rather than leave it to go test -cpu 1,2, which runs a benchmark's
// first round at the GOMAXPROCS the benchmark before it left, the list's
// last value (golang/go#49980), and a b.Loop benchmark has no other
// round: "one core" ran on two. The names' -2 suffix is still go test's
// GOMAXPROCS, not the one a sub-benchmark runs at.
func BenchmarkCompareCores(b *testing.B) {
	for _, k := range workerCounts(runtime.NumCPU()) {
		b.Run(fmt.Sprintf("cores=%d", k), func(b *testing.B) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(k))
			benchCompare(b, 1000, k)
		})
	}
}

// BenchmarkScaleReplicates is the default compare with 100 to 3,000
// replicates of each design on every core, for the README's cost model:
// its time (s/compare) and its peak live heap (peak-MB: the most the
// garbage collector found live), which should stay nearly flat in
// replicates (aggregation, summary rows and the reorder window do not
// grow with them).
func BenchmarkScaleReplicates(b *testing.B) {
	for _, runs := range []int{100, 300, 1000, 3000} {
		b.Run(fmt.Sprintf("replicates=%d", runs), func(b *testing.B) {
			peak := watchHeap()
			benchCompare(b, runs, 0)
			b.ReportMetric(float64(peak())/1e6, "peak-MB")
		})
	}
}

// watchHeap samples the heap the last garbage collection found live
// every millisecond until the returned function is called, which gives
// the largest seen. Garbage not yet collected is left out (it depends on
// GOGC, not on the work), and reading runtime/metrics does not stop the
// world, so the sampling barely changes what it measures.
func watchHeap() func() uint64 {
	const name = "/gc/heap/live:bytes"
	stop, done := make(chan struct{}), make(chan uint64)
	go func() {
		s := []metrics.Sample{{Name: name}}
		var most uint64
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			most = max(most, s[0].Value.Uint64())
			select {
			case <-stop:
				done <- most
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 { close(stop); return <-done }
}

// workerCounts is 1, 2, 4, … up to cores, and cores.
func workerCounts(cores int) []int {
	var ws []int
	for w := 1; w < cores; w *= 2 {
		ws = append(ws, w)
	}
	return append(ws, cores)
}

func benchCompare(b *testing.B, runs, workers int) {
	scs := loadDesigns(b, "isolated", "collective-impact")
	for b.Loop() {
		p := experiments.Plan{Command: "bench", Scenarios: scs, Seed: 1, Runs: runs, Shards: 1, Workers: workers, Out: b.TempDir()}
		if _, err := experiments.Run(context.Background(), p); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Seconds())/float64(b.N), "s/compare")
}

// BenchmarkRobustDefault is `cisim robust isolated collective-impact` with
// its defaults: 100 futures over the default uncertainties, 10 replicates
// of each design in each (2,000 runs of 10 years), the event log and
// every file. Its time is in the README's performance table.
func BenchmarkRobustDefault(b *testing.B) {
	scs := loadDesigns(b, "isolated", "collective-impact")
	for b.Loop() {
		sw := experiments.RobustSweep(experiments.DefaultUncertainties, 100, 1, []results.Goal{{Metric: "participant_outcome_rate", AtLeast: true, Value: 0.7}}, 0.5)
		at, err := experiments.SweepAt(sw, scs)
		if err != nil {
			b.Fatal(err)
		}
		p := experiments.Plan{Command: "bench", Scenarios: scs, Seed: 1, Runs: 10, Shards: 1, Out: b.TempDir(), Sweep: sw, At: at, Events: true}
		if _, err := experiments.Run(context.Background(), p); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Seconds())/float64(b.N), "s/robust")
}

func loadDesigns(b *testing.B, names ...string) []experiments.Scenario {
	var scs []experiments.Scenario
	for _, name := range names {
		l, err := scenarios.Load(name, nil)
		if err != nil {
			b.Fatal(err)
		}
		y, _ := l.YAML()
		scs = append(scs, experiments.Scenario{Name: name, Scenario: l.Scenario, Resolved: y})
	}
	return scs
}

// BenchmarkFinish is the last part of the default `cisim compare`: the
// files a complete run writes from its summary and accumulators
// (timeseries.csv, comparison and failure files, plots, report.html),
// timed apart from the runs (one compare of 1,000 replicates is run
// first, untimed).
func BenchmarkFinish(b *testing.B) {
	scs := loadDesigns(b, "isolated", "collective-impact")
	dir := b.TempDir()
	p := experiments.Plan{Command: "bench", Scenarios: scs, Seed: 1, Runs: 1000, Shards: 1, Out: dir}
	m, err := experiments.Run(context.Background(), p)
	if err != nil {
		b.Fatal(err)
	}
	state, err := m.StateFolder(dir)
	if err != nil {
		b.Fatal(err)
	}
	accs, err := results.ReadState(dir, state, m.NumAccumulators())
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := experiments.Finish(dir, m, scs, accs); err != nil {
			b.Fatal(err)
		}
	}
}
