package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
)

func runCLI(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = cli(context.Background(), args, &o, &e)
	return code, o.String(), e.String()
}

func TestRunPrintsEveryMetricForEveryScenario(t *testing.T) {
	code, out, errOut := runCLI("run", "--runs", "4", "--years", "1", "--quiet", "isolated", "collective-impact")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if errOut != "" {
		t.Errorf("--quiet printed on stderr: %q", errOut)
	}
	for _, want := range []string{"isolated", "collective-impact", "outcome_rate", "mean_trust",
		"agenda_alignment", "partners_remaining", "total_cost", "cost_per_outcome", "sroi"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestRunJSONIsReproducibleAndIndependentOfWorkers(t *testing.T) {
	_, a, _ := runCLI("run", "--runs", "6", "--years", "2", "--json", "--workers", "1", "--quiet")
	_, b, _ := runCLI("run", "--runs", "6", "--years", "2", "--json", "--workers", "3", "--quiet")
	if a != b {
		t.Fatalf("1 and 3 workers give different output:\n%s\n%s", a, b)
	}
	var v struct {
		Runs      int
		Scenarios []struct {
			Name    string
			Metrics map[string]struct {
				Mean *float64
				N    int
			}
		}
	}
	if err := json.Unmarshal([]byte(a), &v); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, a)
	}
	if v.Runs != 6 || len(v.Scenarios) != 2 || v.Scenarios[0].Metrics["outcome_rate"].N != 6 {
		t.Errorf("unexpected JSON: %s", a)
	}
}

func TestBadInputExitsTwoWithOneLine(t *testing.T) {
	for _, args := range [][]string{
		{"run", "--runs", "0"},
		{"run", "--workers", "-1"},
		{"run", "--years", "-3"},
		{"run", "--years", "NaN"},
		{"run", "--nope"},
		{"run", "no-such-scenario"},
		{"frobnicate"},
	} {
		code, out, errOut := runCLI(args...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
		if out != "" {
			t.Errorf("%v: printed on stdout: %q", args, out)
		}
		if lines := strings.Count(strings.TrimSpace(errOut), "\n") + 1; lines != 1 || errOut == "" {
			t.Errorf("%v: want one line on stderr, got %q", args, errOut)
		}
	}
}

func TestInterruptedRunExitsTwo(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var o, e bytes.Buffer
	if code := cli(ctx, []string{"run", "--runs", "50", "--quiet"}, &o, &e); code != 2 {
		t.Fatalf("exit %d, want 2 (stderr %q)", code, e.String())
	}
	if !strings.Contains(e.String(), "interrupted") {
		t.Errorf("stderr should say the run was interrupted: %q", e.String())
	}
}
