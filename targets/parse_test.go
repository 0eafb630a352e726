package targets

import (
	"strings"
	"testing"
)

const good = `name: mine
description: our own monitoring
targets:
  - name: trust-year-two
    statistic: mean
    design: collective-impact
    metric: mean_trust
    year: 2
    interval: [0.4, 0.6]
    kind: observed
    source: "Our partner survey, 2025"
  - name: few-break-up
    statistic: share
    property: broke_up
    value: 0.1
    kind: assumed
    weight: 2
    source: "The steering group's judgement"
`

func TestAGoodFileReadsEveryField(t *testing.T) {
	f, err := Parse("mine.yaml", []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if f.Name != "mine" || len(f.Targets) != 2 {
		t.Fatalf("got %+v", f)
	}
	a, b := f.Targets[0], f.Targets[1]
	if a.Statistic != Mean || a.Year != 2 || a.Lo != 0.4 || a.Hi != 0.6 || a.Kind != Observed || a.Weight != 1 || a.Line != 4 {
		t.Errorf("first target %+v", a)
	}
	if b.Statistic != Share || b.Property != "broke_up" || !b.Point() || b.Weight != 2 || b.Kind != Assumed || b.Design != "" {
		t.Errorf("second target %+v", b)
	}
}

// A %YAML directive before the document is allowed, and lines count from
// the file's top.
func TestAYAMLDirectiveIsAllowed(t *testing.T) {
	f, err := Parse("mine.yaml", []byte("%YAML 1.2\n---\n"+good))
	if err != nil || len(f.Targets) != 2 || f.Targets[0].Line != 6 {
		t.Fatalf("%v, %+v", err, f)
	}
}

// Each bad file gets one line naming the file, the line and column of
// the problem and the key.
func TestBadTargetsNameTheirPlace(t *testing.T) {
	for _, c := range []struct{ edit, from, want string }{
		{"statistic: mean", "statistic: average", `mine.yaml:5:16: targets[0].statistic: unknown statistic "average"`},
		{"[0.4, 0.6]", "[0.6, 0.4]", "mine.yaml:9:15: targets[0].interval: [0.6, 0.4]: the lower end above the upper"},
		{`    source: "Our partner survey, 2025"` + "\n", "", "mine.yaml:4:5: targets[0].source: missing: the full citation"},
		{"metric: mean_trust", "metric: happiness", `mine.yaml:7:13: targets[0].metric: unknown metric "happiness"`},
		{"metric: mean_trust", "metric: sroi", `mine.yaml:7:13: targets[0].metric: "sroi" at a year: a per-tick metric`},
		{"kind: assumed", "kind: guess", `mine.yaml:16:11: targets[1].kind: unknown kind "guess"`},
		{"value: 0.1", "value: 1.5", "mine.yaml:15:12: targets[1].value: a share from 0 to 1, not 1.5"},
		{"weight: 2", "weight: -1", "mine.yaml:17:13: targets[1].weight: -1: a weight from 0 to 1e6"},
		{"property: broke_up", "property: broke_up\n    versus: isolated", "mine.yaml:15:13: targets[1].versus: a share against versus only of failed or lost_to_twin runs"},
		{"name: few-break-up", "name: trust-year-two", `mine.yaml:12:11: targets[1].name: "trust-year-two" names two targets`},
		{"    weight: 2", "    weigth: 2", "mine.yaml:17:5: targets[1].weigth: unknown key"},
		{"interval: [0.4, 0.6]", "interval: [0.4, 0.6]\n    value: 0.5", "mine.yaml:9:15: targets[0].interval: give value or interval, not both"},
		{"targets:", "targets: &a", "mine.yaml:3:"},
	} {
		src := strings.Replace(good, c.edit, c.from, 1)
		_, err := Parse("mine.yaml", []byte(src))
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%q → %q: got %v, want %s…", c.edit, c.from, err, c.want)
		}
	}
}

func TestTheBuiltInPacksRead(t *testing.T) {
	for _, name := range Names() {
		f, err := Load(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, tg := range f.Targets {
			if tg.Mapping == "" {
				t.Errorf("%s: target %s says nothing of how its source maps to the model", name, tg.Name)
			}
		}
	}
	if _, err := Load("no-such-pack"); err == nil || !strings.Contains(err.Error(), "built-in: evidence") {
		t.Errorf("an unknown pack: %v", err)
	}
}
