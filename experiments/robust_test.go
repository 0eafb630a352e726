package experiments

import (
	"math"
	"strings"
	"testing"

	"github.com/cisim/cisim/results"
	"github.com/cisim/cisim/scenarios"
)

// A toy with a planted vulnerable region: 400 futures of a Latin
// hypercube over two uncertainties on [0, 1], and a design that fails
// exactly where the first is above 0.7 (120 futures). Discovery must find
// a box restricting the first uncertainty alone, from within 0.05 of 0.7
// (PRIM peels 5% of the box's futures at a time, so its edge lands within
// a peel of the truth), holding at least 90% of the failures at a density
// of at least 90%. The other design never fails.
func TestVulnerabilitiesFindAPlantedRegion(t *testing.T) {
	rs := []Range{{Key: "params.events.funder_cut", Kind: scenarios.Real, Lo: 0, Hi: 1}, {Key: "problem.need_drift", Kind: scenarios.Real, Lo: 0, Hi: 1}}
	sw := RobustSweep(rs, 400, 7, []results.Goal{{Metric: "outcome_rate", AtLeast: true, Value: 0.3}}, 0.5)
	m := &results.Manifest{Sweep: sw, Scenarios: []results.ManifestScenario{{Name: "fragile"}, {Name: "sturdy"}}}
	ok := make([][]bool, 2)
	for s := range ok {
		for _, x := range sw.Points {
			ok[s] = append(ok[s], s == 1 || x[0] <= 0.7)
		}
	}
	vs, err := vulnerabilities(m, ok)
	if err != nil {
		t.Fatal(err)
	}
	if vs[0].Failures != 120 || vs[1].Failures != 0 || len(vs[0].Boxes) == 0 {
		t.Fatalf("failures %d and %d, %d boxes", vs[0].Failures, vs[1].Failures, len(vs[0].Boxes))
	}
	b := vs[0].Boxes[0]
	lim := b.Box.Restricted()
	if len(lim) != 1 || lim[0].Lever.Name != UncertaintyTitle("params.events.funder_cut") || math.Abs(lim[0].Lo-0.7) > 0.05 || lim[0].Hi < 1 {
		t.Errorf("box %v, want the first uncertainty from 0.7 ± 0.05 up", b.Box)
	}
	if b.Stats.Coverage < 0.9 || b.Stats.Density < 0.9 {
		t.Errorf("coverage %v, density %v: want both at least 0.9", b.Stats.Coverage, b.Stats.Density)
	}
	cards := vs[0].Cards(sw.Goals)
	if !strings.HasPrefix(cards[0], "fragile misses outcome rate at least 30% when funders' budget cuts (a year) ≥ 0.") {
		t.Errorf("card %q", cards[0])
	}
	if got := vs[1].Cards(sw.Goals)[0]; got != "sturdy meets outcome rate at least 30% in every one of the 400 futures." {
		t.Errorf("card %q", got)
	}
}

// A rule's name is what the event log's cause starts with, up to the
// closing parenthesis of its condition.
func TestRuleOfACause(t *testing.T) {
	for cause, want := range map[string]string{
		"rule 1 (mean_trust below 0.4 at week 104): governance.backbone_staff 2 → 3": "rule 1 (mean_trust below 0.4 at week 104)",
		"rule 12: funding.pooled true → false":                                       "rule 12",
		"governance.backbone_staff 2 → 3":                                            "",
	} {
		if got := ruleOf(cause); got != want {
			t.Errorf("ruleOf(%q) = %q, want %q", cause, got, want)
		}
	}
}
