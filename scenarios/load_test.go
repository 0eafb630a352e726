package scenarios

import (
	"cmp"
	"errors"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/cisim/cisim/agents"
	"github.com/cisim/cisim/sim"
)

func writeFile(t *testing.T, name, src string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// Bad files: one error naming file:line:column, the key and what is wrong.
func TestBadFilesNameLineAndColumn(t *testing.T) {
	cases := []struct {
		name, src string
		line, col int
		key, msg  string
	}{
		{"unknown field", "name: x\ngovernance:\n  common_agendaa: true\n", 3, 3, "governance.common_agendaa", "unknown field (allowed here: common_agenda, shared_measurement"},
		{"wrong type", "name: x\ngovernance:\n  backbone_staff: lots\n", 3, 19, "governance.backbone_staff", "want a number, got text"},
		{"out of range", "name: x\ngovernance:\n  beneficiary_engagement: 7\n", 3, 27, "governance.beneficiary_engagement", "invalid value 7 (allowed: 0 to 4)"},
		{"negative budget", "actors:\n  list:\n    - name: A\n      sector: funder\n      member: true\n      budget: -5\n      kpi: {skills: 1}\n", 6, 15, "actors.list[0].budget", "invalid value -5"},
		{"bad sector", "actors:\n  list:\n    - name: A\n      sector: church\n      member: true\n      kpi: {skills: 1}\n", 4, 15, "actors.list[0].sector", `unknown sector "church"`},
		{"bad agreement", "governance:\n  agreement: treaty\n", 2, 14, "governance.agreement", `unknown agreement "treaty" (allowed: none, letter, contract)`},
		{"bad host", "governance: {backbone_host: bank}\n", 1, 29, "governance.backbone_host", `unknown backbone host "bank" (allowed: neutral, funder)`},
		{"duplicate actor", "actors:\n  list:\n    - {name: A, sector: nonprofit, member: true, kpi: {skills: 1}}\n    - {name: A, sector: public, member: true, kpi: {skills: 1}}\n", 4, 14, "actors.list[1].name", "a name no other actor has"},
		{"pooled without funder", "funding:\n  pooled: true\nactors:\n  list:\n    - {name: A, sector: nonprofit, member: true, budget: 1, kpi: {skills: 1}}\n", 2, 11, "funding.pooled", "only with a member funder"},
		{"unknown top-level key", "name: x\ngovernence:\n  common_agenda: true\n", 2, 1, "governence", "unknown field (allowed here: name, description, extends"},
		{"list where number", "horizon:\n  years: [1, 2]\n", 2, 10, "horizon.years", "want a number, got a list"},
		{"unknown base", "extends: nowhere\n", 1, 10, "extends", `unknown built-in scenario "nowhere"`},
		{"NaN", "problem:\n  complementarity: .nan\n", 2, 20, "problem.complementarity", "invalid value NaN"},
		{"generator out of range", "actors:\n  value_spread: 0.9\n", 2, 17, "actors.value_spread", "allowed: 0 to 0.5"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := writeFile(t, "bad.yaml", tc.src)
			_, err := Load(path, nil)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("want *Error, got %v", err)
			}
			if e.File != path || e.Line != tc.line || e.Column != tc.col || e.Key != tc.key || !strings.Contains(e.Msg, tc.msg) {
				t.Errorf("got  %s\nwant %s:%d:%d: %s: …%s…", e, path, tc.line, tc.col, tc.key, tc.msg)
			}
			if strings.Contains(e.Error(), "\n") {
				t.Errorf("error spans several lines: %q", e.Error())
			}
		})
	}
}

func TestSyntaxErrorHasPosition(t *testing.T) {
	path := writeFile(t, "broken.yaml", "name: x\ngovernance:\n  common_agenda: [true\n")
	_, err := Load(path, nil)
	var e *Error
	if !errors.As(err, &e) || e.Line == 0 || !strings.HasPrefix(e.Error(), path+":") {
		t.Fatalf("want a positioned error, got %v", err)
	}
}

func TestMissingFileSaysSo(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "none.yaml"), nil)
	if err == nil || !strings.Contains(err.Error(), "no such file") || !strings.Contains(err.Error(), "collective-impact") {
		t.Fatalf("got %v", err)
	}
}

func TestDefaultsFillWhatAFileLeavesOut(t *testing.T) {
	path := writeFile(t, "mine.yaml", "governance:\n  common_agenda: true\n  meeting_interval_weeks: 4\n")
	l, err := Load(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	iso := Isolated()
	want := iso
	want.Name, want.Description = "mine", ""
	want.Governance.CommonAgenda, want.Governance.MeetingIntervalWeeks = true, 4
	if !reflect.DeepEqual(l.Scenario, want) {
		t.Fatalf("a file with two governance keys should be isolated plus those keys")
	}
}

func TestSetOverrides(t *testing.T) {
	l, err := Load("collective-impact", []string{
		"governance.backbone_staff=0", "actors.list[1].budget=5000000", "params.engagement.rungs[3].voice=0.3",
		"horizon.years=2", "actors.value_spread=0.1",
	})
	if err != nil {
		t.Fatal(err)
	}
	s := l.Scenario
	if s.Governance.BackboneStaff != 0 || s.Actors[1].Budget != 5e6 || s.Params.Engagement.Rungs[3].Voice != 0.3 || s.Horizon.Years != 2 {
		t.Errorf("overrides not applied: %+v", s.Governance)
	}
	if l.File.Actors.ValueSpread == nil || *l.File.Actors.ValueSpread != 0.1 {
		t.Error("the resolved file should record the generator lever")
	}
	for _, tc := range []struct{ set, want string }{
		{"governance.backbone_staf=2", `unknown key "governance.backbone_staf" (allowed after "governance": common_agenda`},
		{"governance.beneficiary_engagement=7", "override governance.beneficiary_engagement=7: governance.beneficiary_engagement: invalid value 7 (allowed: 0 to 4)"},
		{"governance.common_agenda=maybe", "want true or false"},
		// In words, not go-yaml's ("got uint64", "int was used where mapping is expected").
		{"governance.common_agenda=2", `governance.common_agenda: want true or false, got a whole number "2"`},
		{"governance=5", "governance: want a mapping of keys, got a whole number"},
		{"actors.list[40].budget=1", "index 40 is past the end of actors.list"},
		{"horizon", "want key=value"},
		{"funding.horizon_years=abc", "funding.horizon_years: want a number, got text"},
		{"actors.list=!!bool 1", "actors.list: the value does not fit the field"}, // a panic in go-yaml, once
		{"governance.backbone_host=bank", `override governance.backbone_host=bank: governance.backbone_host: unknown backbone host "bank" (allowed: neutral, funder)`},
		// A value inside a mapping the override gave (it was once placed
		// at the built-in file's line for the key).
		{"governance={power_sharing: 7}", "override governance={power_sharing: 7}: governance.power_sharing: invalid value 7 (allowed: 0 to 1)"},
	} {
		_, err := Load("collective-impact", []string{tc.set})
		var e *Error
		if !errors.As(err, &e) || !strings.Contains(err.Error(), tc.want) || e.Override != tc.set || !strings.HasPrefix(err.Error(), "override "+tc.set+": ") {
			t.Errorf("override %s: got %v, want …%s…", tc.set, err, tc.want)
		}
	}
}

// `scenarios show NAME > mine.yaml` then `run mine.yaml` runs the same
// scenario: the resolved file reproduces the built-in exactly.
func TestShownFileReproducesTheBuiltIn(t *testing.T) {
	for _, name := range Names() {
		l, err := Load(name, []string{"actors.capability_overlap=0.3"})
		if err != nil {
			t.Fatal(err)
		}
		shown, err := l.YAML()
		if err != nil {
			t.Fatal(err)
		}
		path := writeFile(t, name+".yaml", string(shown))
		again, err := Load(path, nil)
		if err != nil {
			t.Fatalf("%s: shown file does not load: %v", name, err)
		}
		if !reflect.DeepEqual(l.Scenario, again.Scenario) {
			t.Errorf("%s: shown file gives a different scenario", name)
		}
		if reshown, _ := again.YAML(); string(reshown) != string(shown) {
			t.Errorf("%s: showing the shown file changes it", name)
		}
		a, _ := sim.New(l.Scenario)
		b, _ := sim.New(again.Scenario)
		a.Reset(1, 0)
		b.Reset(1, 0)
		if sa, sb := a.Run(), b.Run(); sa.OutcomeRate != sb.OutcomeRate || sa.TotalCost != sb.TotalCost {
			t.Errorf("%s: runs differ", name)
		}
	}
}

// A comment of the base on a value the file replaces goes with the value:
// public-private-partnership extends isolated but has a common agenda, so
// isolated's "no common agenda" note must not be shown over its own value;
// a value the file leaves keeps the base's comment.
func TestReplacedValuesDropTheBasesComments(t *testing.T) {
	l, err := Load("public-private-partnership", nil)
	if err != nil {
		t.Fatal(err)
	}
	shown, err := l.YAML()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(shown), "No collaborative institutions") {
		t.Error("the shown file keeps isolated's comment on the common agenda it replaced")
	}
	if !strings.Contains(string(shown), "Complementarity of needs") {
		t.Error("the shown file lost the base's comment on a value it keeps")
	}
}

func TestLibraryMarksAssumptions(t *testing.T) {
	for _, name := range Names() {
		src, _ := library.ReadFile("library/" + name + ".yaml")
		if !strings.Contains(string(src), "assumption") {
			t.Errorf("%s: no value marked as an assumption; every library file has some", name)
		}
	}
}

func TestSpreadValues(t *testing.T) {
	actors := Isolated().Actors
	for _, sigma := range []float64{0, 0.05, 0.15} {
		a := append([]sim.ActorSpec(nil), actors...)
		SpreadValues(a, sigma)
		ss, n := 0.0, 0
		var mean agents.Values
		for _, x := range a {
			for k := range mean {
				mean[k] += x.Values[k] / float64(len(a))
			}
		}
		for _, x := range a {
			for k := range mean {
				ss += (x.Values[k] - mean[k]) * (x.Values[k] - mean[k])
				n++
			}
			if x.Budget != actors[0].Budget && x.Name == actors[0].Name {
				t.Fatal("SpreadValues changed a budget")
			}
		}
		// No value is clamped at these spreads, so the RMS deviation is σ
		// up to rounding.
		if rms := math.Sqrt(ss / float64(n)); math.Abs(rms-sigma) > 1e-12 {
			t.Errorf("σ = %v: RMS deviation %v", sigma, rms)
		}
	}
}

func TestOverlapCapabilitiesMovesOnlyWhereStrengthsLie(t *testing.T) {
	base := Isolated().Actors
	sorted := func(v agents.Vec) []float64 {
		x := append([]float64(nil), v[:]...)
		slices.Sort(x)
		return x
	}
	peakDomains := map[float64]int{}
	for _, o := range []float64{0, 0.25, 0.5, 0.75, 1} {
		a := append([]sim.ActorSpec(nil), base...)
		OverlapCapabilities(a, o)
		peaks := map[int]bool{}
		var rank0 []int
		for i, x := range a {
			if !slices.Equal(sorted(x.Capability), sorted(base[i].Capability)) {
				t.Errorf("o=%v: %s's capability values changed: %v, listed %v", o, x.Name, x.Capability, base[i].Capability)
			}
			if x.Capability.Sum() == 0 {
				continue
			}
			order := domainOrder(x.Capability)
			peaks[order[0]] = true
			if rank0 == nil {
				rank0 = order
			} else if o == 1 && !slices.Equal(order, rank0) && !tied(x.Capability) {
				t.Errorf("o=1: %s ranks its domains %v, the first actor %v", x.Name, order, rank0)
			}
		}
		peakDomains[o] = len(peaks)
	}
	// Eight delivering actors over five domains: every domain is someone's
	// peak when strengths are spread; one domain when they are alike.
	if peakDomains[0] != agents.NumDomains || peakDomains[1] != 1 || peakDomains[0.5] > peakDomains[0] {
		t.Errorf("distinct peak domains by overlap: %v, want 5 at 0, 1 at 1, falling", peakDomains)
	}
}

// domainOrder lists the domains from the highest capability down, ties
// in domain order.
func domainOrder(c agents.Vec) []int {
	d := []int{0, 1, 2, 3, 4}
	slices.SortStableFunc(d, func(a, b int) int { return cmp.Compare(c[b], c[a]) })
	return d
}

// tied reports whether two domains share a value, so that an order among
// them is not the generator's choice to check.
func tied(c agents.Vec) bool {
	for i := range c {
		for j := i + 1; j < len(c); j++ {
			if c[i] == c[j] {
				return true
			}
		}
	}
	return false
}

// The engine's checks list every invalid value, each at its place in the
// file (they once stopped at the first).
func TestProblemsListEveryInvalidValue(t *testing.T) {
	path := filepath.Join(t.TempDir(), "two.yaml")
	os.WriteFile(path, []byte("extends: isolated\ngovernance:\n  backbone_staff: -1\nbeneficiaries:\n  count: 0\n"), 0o644)
	ps := Problems(path)
	if len(ps) != 2 || ps[0].Line != 3 || ps[1].Line != 5 {
		t.Fatalf("problems %v, want two, at lines 3 and 5", ps)
	}
}

// "-" reads the scenario from standard input, under the same limits as a
// file.
func TestStandardInput(t *testing.T) {
	old := Stdin
	defer func() { Stdin = old }()
	Stdin = strings.NewReader("extends: isolated\ngovernance:\n  backbone_staff: 2\n")
	l, err := Load("-", nil)
	if err != nil || l.Scenario.Governance.BackboneStaff != 2 || l.Scenario.Name != "stdin" {
		t.Fatalf("Load(-): %v, %+v", err, l)
	}
	Stdin = strings.NewReader("extends: isolated\nfoo: " + strings.Repeat("[", 100) + "\n")
	if _, err := Load("-", nil); err == nil || err.Error() != "stdin:2:69: nesting deeper than 64 levels" {
		t.Errorf("a bomb on standard input: %v", err)
	}
}

// A --set of a mapping sets the fields it names (the others keep their
// values), a list or a distribution the whole field; two overrides of one
// field (or of a list or part that holds it) are refused: the later would
// win without a word.
func TestOverridesThatOverlapAreRefused(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"horizon.years=1", "horizon.years", true},
		{"horizon={years: 3}", "horizon.years", true},
		{" horizon ={years: 3}", "horizon.years=2", true},
		{"horizon={start_year: 2020}", "horizon.years", false},
		{"governance={backbone_staff: 3}", "governance.power_sharing=0.3", false},
		{"governance={backbone_staff: 3}", "governance={backbone_staff: 4, power_sharing: 0.3}", true},
		{"params.trust={gain: 0.05}", "params.trust.gain", true},
		{"params.trust.gain={uniform: [0, 1]}", "params.trust.gain={triangular: [0, 0.5, 1]}", true},
		{"actors.list=[]", "actors.list[2].budget=1", true},
		{"actors.list[2]={budget: 1}", "actors.list[2].power=1", false},
		{"horizon.years=1", "horizon", true},
		{"governance.power=1", "governance.power_sharing", false},
		{"actors.list[1].budget=1", "actors.list[12].budget", false},
		{"governance={", "governance.power_sharing", true},
		{"actors.list[01].budget=2", "actors.list[1].budget=3", true},
	} {
		if got := Overlap(c.a, c.b); got != c.want {
			t.Errorf("Overlap(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
	for _, sets := range [][]string{
		{"horizon.years=1", "horizon={years: 3}"},
		{"horizon={years: 3}", "horizon.years=1"},
		{"governance.backbone_staff=1", "governance.backbone_staff=2"},
	} {
		_, err := Load("collective-impact", sets)
		want := "override " + sets[1] + ": sets what " + sets[0] + " sets too; give one"
		if err == nil || err.Error() != want {
			t.Errorf("%v: %v, want %q", sets, err, want)
		}
	}
	l, err := Load("collective-impact", []string{"governance={backbone_staff: 3}", "governance.power_sharing=0.3"})
	if err != nil || l.Scenario.Governance.BackboneStaff != 3 || l.Scenario.Governance.PowerSharing != 0.3 {
		t.Errorf("a mapping and a field beside it: %v, %+v", err, l.Scenario.Governance)
	}
	// An error in a field the mapping does not name is the file's.
	path := writeFile(t, "badps.yaml", "extends: collective-impact\ngovernance:\n  power_sharing: 5\n")
	if _, err = Load(path, []string{"governance={backbone_staff: 3}"}); err == nil || !strings.HasPrefix(err.Error(), path+":3:18: governance.power_sharing") {
		t.Errorf("an error beside a mapping: %v, want it at %s:3:18", err, path)
	}
	base, _ := Load("collective-impact", nil)
	l, err = Load("collective-impact", []string{"governance={backbone_staff: 3}"})
	if err != nil || l.Scenario.Governance.PowerSharing != base.Scenario.Governance.PowerSharing {
		t.Errorf("a mapping changed a field it does not name: %v, %+v", err, l.Scenario.Governance)
	}
}

// A %YAML directive before the document is read as YAML allows: the
// document after it is the scenario (it was once refused as a second
// document, or read as the directive itself), at its own lines.
func TestAYAMLDirectiveIsAllowed(t *testing.T) {
	l, err := LoadBytes("d.yaml", []byte("%YAML 1.2\n---\nextends: isolated\nname: with-directive\n"), nil)
	if err != nil || l.Scenario.Name != "with-directive" {
		t.Fatalf("%v, %+v", err, l)
	}
	_, err = LoadBytes("d.yaml", []byte("%YAML 1.2\n---\nextends: isolated\nbogus: 1\n"), nil)
	if err == nil || !strings.HasPrefix(err.Error(), "d.yaml:4:1: bogus: unknown field") {
		t.Errorf("got %v, want d.yaml:4:1: bogus: unknown field …", err)
	}
}

// A message shows letters as written and escapes what shows nothing, even
// characters Go counts as printable (the Hangul filler, a blank Braille
// pattern), so a name's hidden character can be seen.
func TestMessagesEscapeInvisibleCharacters(t *testing.T) {
	if got, want := printable("Мос\u200dква a\u3164b \u2800 \x1b"), `Мос\u200dква a\u3164b \u2800 \x1b`; got != want {
		t.Errorf("printable: %q, want %q", got, want)
	}
}
