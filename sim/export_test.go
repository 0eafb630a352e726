package sim

import (
	"fmt"
	"math"

	"github.com/cisim/cisim/agents"
)

// StaleCaches reports the first thing the engine keeps for speed that no
// longer agrees with the state it was computed from: each pair's value
// similarity (kept from one meeting to the next). Tests call it after
// every step.
func (e *Engine) StaleCaches() error {
	n := len(e.actors)
	fresh := make([]float64, n*n)
	agents.Similarities(fresh, e.actors, nil)
	for k, s := range fresh {
		if math.Float64bits(s) != math.Float64bits(e.plan.similar[k]) {
			return fmt.Errorf("similarity of actors %d and %d: kept %v, the values give %v", k/n, k%n, e.plan.similar[k], s)
		}
	}
	open := 0
	for _, c := range e.plan.conflict {
		if c {
			open++
		}
	}
	if got := e.openConflicts(); got != open {
		return fmt.Errorf("open conflicts: the actors count %d, the pairs %d", got, open)
	}
	return nil
}
