package sim_test

import (
	"math"
	"reflect"
	"testing"

	"github.com/cisim/cisim/agents"
	"github.com/cisim/cisim/scenarios"
	"github.com/cisim/cisim/sim"
)

// runBits is what a run leaves: its summary, series and event log.
type runBits struct {
	sum    sim.Summary
	series []uint64
	events []agents.Event
}

func sharedRun(e *sim.Engine, seed uint64, r int) runBits {
	e.Reset(seed, r)
	s := e.Run()
	var bits []uint64
	for _, x := range e.Metrics() {
		bits = append(bits, math.Float64bits(x))
	}
	return runBits{summaryBits(s), bits, append([]agents.Event(nil), e.Events()...)}
}

// Engines that share their population draws (SharePopulation) run every
// built-in design bit for bit as engines of their own do: each design
// with collective impact and with itself, replicates in turn, repeated
// and out of order (a copy where the seed, replicate and population
// agree, a draw where they do not).
func TestSharePopulationChangesNothing(t *testing.T) {
	other := scenarios.CollectiveImpact()
	for _, name := range scenarios.Names() {
		l, err := scenarios.Load(name, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, pair := range [][2]sim.Scenario{{l.Scenario, other}, {other, l.Scenario}, {l.Scenario, l.Scenario}} {
			var alone, shared [2]*sim.Engine
			for k, sc := range pair {
				if alone[k], err = sim.New(sc); err != nil {
					t.Fatal(err)
				}
				shared[k], _ = sim.New(sc)
			}
			sim.SharePopulation(shared[:]...)
			for _, step := range []struct {
				k, r int
				seed uint64
			}{{0, 0, 1}, {1, 0, 1}, {0, 1, 1}, {1, 1, 1}, {1, 1, 1}, {0, 2, 1}, {1, 3, 1}, {0, 3, 1}, {1, 3, 2}, {0, 3, 2}} {
				want := sharedRun(alone[step.k], step.seed, step.r)
				if got := sharedRun(shared[step.k], step.seed, step.r); !reflect.DeepEqual(got, want) {
					t.Fatalf("%s with %s, engine %d, seed %d, replicate %d: a shared population's run differs", pair[0].Name, pair[1].Name, step.k, step.seed, step.r)
				}
			}
		}
	}
}
