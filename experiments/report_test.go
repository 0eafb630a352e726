package experiments

import (
	"testing"

	"github.com/cisim/cisim/results"
)

// The report names the explain command with the comparison's settings
// but not its replicate counts, which explain does not take.
func TestExplainCommandKeepsTheSettings(t *testing.T) {
	two := []results.ManifestScenario{{Name: "isolated"}, {Name: "mine.yaml"}}
	for _, c := range []struct {
		m    results.Manifest
		want string
	}{
		{results.Manifest{Subcommand: "compare", Scenarios: two,
			Reproduce: "cisim compare isolated mine.yaml --set governance.backbone_staff=2 --years 5 --point --runs 50 --seed 3 --precision 0.005 --max-runs 100000"},
			"cisim explain isolated mine.yaml --set governance.backbone_staff=2 --years 5 --point --seed 3"},
		{results.Manifest{Subcommand: "compare", Scenarios: two, Reproduce: "cisim compare isolated mine.yaml --runs 1000 --seed 1"},
			"cisim explain isolated mine.yaml --seed 1"},
		{results.Manifest{Subcommand: "run", Scenarios: two, Reproduce: "cisim run isolated mine.yaml --runs 10 --seed 1"}, ""},
		{results.Manifest{Subcommand: "compare", Scenarios: append(two, two[0]), Reproduce: "cisim compare a b c --runs 10 --seed 1"}, ""},
	} {
		if got := explainCommand(&c.m); got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.m.Reproduce, got, c.want)
		}
	}
}
