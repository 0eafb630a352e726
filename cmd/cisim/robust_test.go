package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// robustTiny is a small robust analysis: two designs in 6 futures, 3
// replicates each, over one year of 200 young people.
func robustTiny(args ...string) []string {
	return append(append([]string{"robust", "isolated", "collective-impact", "--futures", "6", "--runs", "3"}, tiny...), args...)
}

// A robust analysis gives the same files whatever the workers, and when
// run as shards and merged.
func TestRobustIsTheSameWithWorkersAndShards(t *testing.T) {
	one, two := t.TempDir(), t.TempDir()
	mustRun(t, robustTiny("--workers", "1", "--out", one)...)
	stdout := mustRun(t, robustTiny("--workers", "2", "--out", two)...)
	diffFiles(t, "robust, 1 vs 2 workers", resultFiles(t, one), resultFiles(t, two))
	if !strings.Contains(stdout, "minimax_regret") || !strings.Contains(stdout, "domain (goals)") {
		t.Errorf("the table lacks its criteria:\n%s", stdout)
	}
	root := t.TempDir()
	var shards []string
	for i := range 2 {
		dir := filepath.Join(root, string(rune('a'+i)))
		mustRun(t, robustTiny("--shard", string(rune('0'+i))+"/2", "--out", dir)...)
		shards = append(shards, dir)
	}
	merged := filepath.Join(root, "merged")
	if out := mustRun(t, "merge", "--quiet", "--out", merged, shards[1], shards[0]); !strings.Contains(out, "minimax_regret") {
		t.Errorf("merge should print the robustness:\n%s", out)
	}
	diffFiles(t, "robust, merged shards vs one run", resultFiles(t, one), resultFiles(t, merged))
}

// A robust analysis killed at any moment resumes to the bytes of an
// uninterrupted one.
func TestKilledRobustResumesToTheSameBytes(t *testing.T) {
	if testing.Short() {
		t.Skip("kills processes")
	}
	withoutRace(t)
	killedAndResumed(t, "robust", []string{"isolated", "collective-impact", "--futures", "20", "--runs", "5", "--years", "3",
		"--set", "beneficiaries.count=300", "--quiet", "--checkpoint", "20ms"})
}

// Bad robust input gets one line and exit 2.
func TestRobustBadInput(t *testing.T) {
	for args, want := range map[string]string{
		"isolated":                                                        "want two designs or more",
		"isolated collective-impact --futures 1":                          "invalid --futures 1",
		"isolated collective-impact --hurwicz 2":                          "invalid --hurwicz 2",
		"isolated collective-impact --satisfice trust>=1":                 `unknown metric "trust"`,
		"isolated collective-impact --satisfice outcome_rate>=2":          "is not a value outcome_rate can take",
		"isolated collective-impact --satisfice outcome_rate=0.3":         "want METRIC>=X or METRIC<=X",
		"isolated collective-impact --uncertain no.such.key=0:1":          `invalid --uncertain "no.such.key=0:1"`,
		"isolated collective-impact --uncertain problem.need_drift=0:1:3": "STEPS is for a grid",
	} {
		code, _, stderr := runCLI(append([]string{"robust", "--out", t.TempDir()}, strings.Fields(args)...)...)
		if code != 2 || !strings.Contains(stderr, want) || strings.Count(strings.TrimSpace(stderr), "\n") > 0 {
			t.Errorf("robust %s: exit %d, %q; want 2 and one line with %q", args, code, stderr, want)
		}
	}
}

// An adaptive design's rules are counted from the event log: how often and
// when each fired, in the JSON and triggers.csv.
func TestRobustCountsTheRulesFirings(t *testing.T) {
	withoutRace(t)
	out := t.TempDir()
	stdout := mustRun(t, "robust", "collective-impact", filepath.Join("..", "..", "examples", "adaptive-backbone.yaml"), "--futures", "6",
		"--runs", "4", "--years", "4", "--set", "beneficiaries.count=200", "--quiet", "--json", "--out", out)
	var r struct {
		Triggers []struct {
			Design, Rule string
			Runs, Fired  int
			WeekP50      float64 `json:"week_p50"`
		}
	}
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatal(err)
	}
	fired := map[string]bool{}
	for _, tr := range r.Triggers {
		if tr.Design != "adaptive-backbone" || tr.Runs != 24 || tr.Fired < 1 || tr.Fired > 24 || !strings.HasPrefix(tr.Rule, "rule ") {
			t.Errorf("trigger %+v", tr)
		}
		fired[tr.Rule[:6]] = true
		if want := map[string]float64{"rule 1": 104, "rule 2": 156}[tr.Rule[:6]]; tr.WeekP50 != want {
			t.Errorf("%s fired at median week %v, want %v (its one week)", tr.Rule, tr.WeekP50, want)
		}
	}
	if len(fired) == 0 {
		t.Error("no rule fired in 24 runs")
	}
}
