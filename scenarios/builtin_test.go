package scenarios

import (
	"strings"
	"testing"

	"github.com/cisim/cisim/sim"
)

func TestEveryBuiltInValidatesAndRuns(t *testing.T) {
	for _, entry := range List() {
		sc, err := Get(entry.Name)
		if err != nil {
			t.Fatal(err)
		}
		if sc.Name != entry.Name || entry.Purpose == "" {
			t.Errorf("%s: name %q, purpose %q", entry.Name, sc.Name, entry.Purpose)
		}
		e, err := sim.New(sc)
		if err != nil {
			t.Fatalf("%s: %v", entry.Name, err)
		}
		for r := 0; r < 3; r++ {
			e.Reset(1, r)
			if s := e.Run(); s.OutcomeRate <= 0 || s.OutcomeRate > 1 || s.TotalCost <= 0 {
				t.Errorf("%s replicate %d: implausible summary %+v", entry.Name, r, s)
			}
		}
	}
}

func TestUnknownScenarioNamesTheBuiltIns(t *testing.T) {
	_, err := Get("collective")
	if err == nil || !strings.Contains(err.Error(), "isolated") || !strings.Contains(err.Error(), "collective-impact") {
		t.Fatalf("error %v should list the built-in names", err)
	}
}

// Get returns a fresh value: changing one scenario must not change the next.
func TestGetReturnsIndependentValues(t *testing.T) {
	a, _ := Get("isolated")
	a.Actors[0].Budget = 1
	a.Params.Trust.Gain = 0.9
	b, _ := Get("isolated")
	if b.Actors[0].Budget == 1 || b.Params.Trust.Gain == 0.9 {
		t.Fatal("changing one built-in scenario changed the library")
	}
}
