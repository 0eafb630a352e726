package scenarios

import (
	"slices"
	"strings"
	"testing"
)

// All conditions on give refined-collective-impact's institutions; all off
// give isolated's: the factorial spans the two built-in designs.
func TestConditionSetsSpanTheDesigns(t *testing.T) {
	all := make([]bool, len(Conditions()))
	for _, tc := range []struct {
		on   bool
		want string
	}{{false, "isolated"}, {true, "refined-collective-impact"}} {
		for i := range all {
			all[i] = tc.on
		}
		sets, err := ConditionSets(all)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Load("collective-impact", sets)
		if err != nil {
			t.Fatal(err)
		}
		want, err := Load(tc.want, nil)
		if err != nil {
			t.Fatal(err)
		}
		g, w := got.Scenario, want.Scenario
		if g.Governance != w.Governance || g.Funding != w.Funding || g.Params != w.Params {
			t.Errorf("all conditions %v: institutions differ from %s:\n got %+v %+v\nwant %+v %+v", tc.on, tc.want, g.Governance, g.Funding, w.Governance, w.Funding)
		}
	}
}

func TestConditionSetsSwitchOnlyTheirKeys(t *testing.T) {
	on := make([]bool, len(Conditions()))
	on[slices.Index(ConditionNames(), "backbone_support")] = true
	sets, err := ConditionSets(on)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(sets, "governance.backbone_staff=2") || !slices.Contains(sets, "governance.common_agenda=false") {
		t.Errorf("sets = %s", strings.Join(sets, " "))
	}
	if _, err := ConditionSets(on[:3]); err == nil {
		t.Error("three switches for seven conditions: no error")
	}
}

func TestValue(t *testing.T) {
	l, err := Load("refined-collective-impact", nil)
	if err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]string{
		"governance.beneficiary_engagement": "3", "funding.pooled": "true", "actors.value_spread": "null",
		"actors.list[0].sector": l.File.Actors.List[0].Sector,
	} {
		if got, err := Value(&l.File, key); err != nil || got != want {
			t.Errorf("Value(%s) = %q, %v; want %q", key, got, err, want)
		}
	}
	if _, err := Value(&l.File, "governance.nonsense"); err == nil {
		t.Error("unknown key: no error")
	}
}
