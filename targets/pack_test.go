package targets

import "testing"

// The evidence pack's targets read as the pack's comments describe them.
func TestTheEvidencePackSaysWhatEachTargetIs(t *testing.T) {
	f, err := Load("evidence")
	if err != nil {
		t.Fatal(err)
	}
	for _, tg := range f.Targets {
		t.Logf("%-32s %-24s %-10s %-10s w=%g  %s", tg.Name, tg.Statistic, tg.Figure(), tg.Kind, tg.Weight, tg.Describe())
		if tg.Kind == Goal && tg.Weight != 0 {
			t.Errorf("%s: a goal with weight %g", tg.Name, tg.Weight)
		}
	}
	if len(f.Used(false)) == len(f.Targets) {
		t.Error("no target is left out of the fit: the pack's goal should be")
	}
}
