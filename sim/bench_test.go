package sim_test

import (
	"cmp"
	"fmt"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/cisim/cisim/agents"
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

// perBeneficiaryTick reports the cost of b's timed work, over ticks ticks
// of sc, per beneficiary present and tick: wall-clock (ns/beneficiary-tick)
// and, where the platform gives it, the process's CPU time
// (cpu-ns/beneficiary-tick), which on a shared machine leaves out the time
// the benchmark waited for a core.
func perBeneficiaryTick(b *testing.B, sc *sim.Scenario, ticks float64, cpu time.Duration) {
	n := ticks * present(sc)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/n, "ns/beneficiary-tick")
	if cpu > 0 {
		b.ReportMetric(float64(cpu.Nanoseconds())/n, "cpu-ns/beneficiary-tick")
	}
}

// BenchmarkTick is one tick of a ten-year run of each default design,
// averaged over whole runs (Reset between runs is not timed). Targets
// (README): 0 allocations a tick; at most 5 ns a beneficiary-tick.
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
			var cpu time.Duration
			b.ReportAllocs()
			b.ResetTimer()
			c0 := cpuTime()
			for b.Loop() {
				if e.Tick() == e.Ticks() {
					b.StopTimer()
					cpu += cpuTime() - c0
					replicate++
					e.Reset(1, replicate)
					c0 = cpuTime()
					b.StartTimer()
				}
				e.Step()
			}
			cpu += cpuTime() - c0
			perBeneficiaryTick(b, &sc, float64(b.N), cpu)
		})
	}
}

// BenchmarkRun is one whole ten-year run of each default design, world
// drawing included. Targets (README): at most 5 ns a beneficiary-tick,
// 10 ms a run, on one core.
func BenchmarkRun(b *testing.B) {
	for _, sc := range []sim.Scenario{scenarios.Isolated(), scenarios.CollectiveImpact()} {
		b.Run(sc.Name, func(b *testing.B) {
			e, err := sim.New(sc)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			r := 0
			c0 := cpuTime()
			for b.Loop() {
				e.Reset(1, r)
				e.Run()
				r++
			}
			perBeneficiaryTick(b, &sc, float64(e.Ticks())*float64(b.N), cpuTime()-c0)
		})
	}
}

// BenchmarkScaleBeneficiaries is a whole ten-year run of collective impact
// with 1,000 to 1,000,000 young people at the start (a tenth as many
// entering each year), for the README's cost model; it also reports the
// engine's memory (MB/engine: what New allocates). Run it with
// -benchtime 1x: the largest run takes seconds.
func BenchmarkScaleBeneficiaries(b *testing.B) {
	for _, n := range []int{1000, 10_000, 100_000, 1_000_000} {
		sc := scenarios.CollectiveImpact()
		sc.Beneficiaries.Count = n
		b.Run(fmt.Sprintf("beneficiaries=%d", n), func(b *testing.B) { benchScale(b, sc) })
	}
}

// BenchmarkScaleActors is a whole ten-year run of collective impact, 1,000
// young people at the start, with 5 to 200 actors: the default nine
// repeated in turn (numbered from their second round), so each added
// actor is like one of the first nine; the funder comes first, as the
// pooled fund needs one.
func BenchmarkScaleActors(b *testing.B) {
	for _, n := range []int{5, 9, 20, 50, 100, 200} {
		sc := scenarios.CollectiveImpact()
		base := slices.Clone(sc.Actors)
		slices.SortStableFunc(base, func(x, y sim.ActorSpec) int {
			return cmp.Compare(b2i(y.Sector == agents.Funder), b2i(x.Sector == agents.Funder))
		})
		sc.Actors = make([]sim.ActorSpec, n)
		for i := range sc.Actors {
			sc.Actors[i] = base[i%len(base)]
			if i >= len(base) {
				sc.Actors[i].Name = fmt.Sprintf("%s %d", base[i%len(base)].Name, i/len(base)+1)
			}
		}
		b.Run(fmt.Sprintf("actors=%d", n), func(b *testing.B) { benchScale(b, sc) })
	}
}

func b2i(x bool) int {
	if x {
		return 1
	}
	return 0
}

// BenchmarkScaleYears is a whole run of collective impact over 5, 10 and
// 20 years.
func BenchmarkScaleYears(b *testing.B) {
	for _, y := range []float64{5, 10, 20} {
		sc := scenarios.CollectiveImpact()
		sc.Horizon.Years = y
		b.Run(fmt.Sprintf("years=%g", y), func(b *testing.B) { benchScale(b, sc) })
	}
}

func benchScale(b *testing.B, sc sim.Scenario) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	e, err := sim.New(sc)
	if err != nil {
		b.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	r := 0
	c0 := cpuTime()
	for b.Loop() {
		e.Reset(1, r)
		e.Run()
		r++
	}
	cpu := cpuTime() - c0
	perBeneficiaryTick(b, &sc, float64(e.Ticks())*float64(b.N), cpu)
	if cpu > 0 {
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N)/1e6, "cpu-ms/run")
	}
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/1e6, "MB/engine")
}
