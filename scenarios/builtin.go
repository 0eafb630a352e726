package scenarios

import (
	"fmt"
	"slices"
	"strings"

	"github.com/cisim/cisim/sim"
)

// order is the library's order in listings: designs first, then the other
// collaboration types, then the cases.
var order = []string{
	"isolated", "collective-impact", "refined-collective-impact",
	"funder-collaborative", "public-private-partnership", "multi-stakeholder-initiative", "social-sector-network",
	"ungas-vagar", "backby", "pa-lika-villkor",
}

// Entry is one built-in scenario with a one-line purpose.
type Entry struct {
	Name    string
	Purpose string
}

// List returns the built-in scenarios in order with their purpose (the
// description in each file).
func List() []Entry {
	out := make([]Entry, 0, len(order))
	for _, name := range order {
		l, err := Load(name, nil)
		if err != nil {
			panic(fmt.Sprintf("scenarios: built-in %s does not load: %v", name, err))
		}
		out = append(out, Entry{Name: name, Purpose: l.Scenario.Description})
	}
	return out
}

// Get returns the built-in scenario with the given name.
func Get(name string) (sim.Scenario, error) {
	if !slices.Contains(order, name) {
		return sim.Scenario{}, fmt.Errorf("scenarios: unknown scenario %q (built-in: %s)", name, strings.Join(order, ", "))
	}
	l, err := Load(name, nil)
	if err != nil {
		return sim.Scenario{}, err
	}
	return l.Scenario, nil
}

// must returns a built-in scenario; the library is tested to load.
func must(name string) sim.Scenario {
	s, err := Get(name)
	if err != nil {
		panic(err)
	}
	return s
}

// Isolated is the default partnership under isolated impact.
func Isolated() sim.Scenario { return must("isolated") }

// CollectiveImpact is the default partnership under Kania & Kramer's five
// conditions.
func CollectiveImpact() sim.Scenario { return must("collective-impact") }

// RefinedCollectiveImpact is the default partnership under the refined
// model: the five conditions plus beneficiary engagement and investment.
func RefinedCollectiveImpact() sim.Scenario { return must("refined-collective-impact") }
