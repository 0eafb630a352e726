package sim_test

import (
	"testing"

	"github.com/cisim/cisim/scenarios"
	"github.com/cisim/cisim/sim"
)

// TestCachesAgreeWithState runs two replicates of every built-in scenario
// and checks, after every week, that what the engine keeps for speed
// (StaleCaches) still agrees with the state it was computed from.
func TestCachesAgreeWithState(t *testing.T) {
	for _, entry := range scenarios.List() {
		sc, err := scenarios.Get(entry.Name)
		if err != nil {
			t.Fatal(err)
		}
		e, err := sim.New(sc)
		if err != nil {
			t.Fatal(err)
		}
		for r := range 2 {
			e.Reset(3, r)
			for e.Tick() < e.Ticks() {
				e.Step()
				if err := e.StaleCaches(); err != nil {
					t.Fatalf("%s, replicate %d, week %d: %v", entry.Name, r, e.Tick()-1, err)
				}
			}
		}
	}
}
