package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestScenariosListNamesEveryBuiltIn(t *testing.T) {
	code, out, _ := runCLI("scenarios", "list")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, name := range []string{"isolated", "collective-impact", "refined-collective-impact", "funder-collaborative",
		"public-private-partnership", "multi-stakeholder-initiative", "social-sector-network",
		"ungas-vagar", "backby", "pa-lika-villkor"} {
		if !strings.Contains(out, name+" ") {
			t.Errorf("list lacks %s", name)
		}
	}
}

// The README's workflow: show a built-in into a file, run the file, get
// exactly the built-in's result.
func TestShowThenRunReproducesTheBuiltIn(t *testing.T) {
	code, shown, errOut := runCLI("scenarios", "show", "collective-impact")
	if code != 0 {
		t.Fatalf("show: exit %d: %s", code, errOut)
	}
	path := filepath.Join(t.TempDir(), "mine.yaml")
	if err := os.WriteFile(path, []byte(shown), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"run", "--runs", "5", "--years", "2", "--json", "--quiet"}
	_, fromBuiltin, _ := runCLI(append(args, "--out", t.TempDir(), "collective-impact")...)
	code, fromFile, errOut := runCLI(append(args, "--out", t.TempDir(), path)...)
	if code != 0 {
		t.Fatalf("run mine.yaml: exit %d: %s", code, errOut)
	}
	dropOut := func(s string) string {
		var lines []string
		for _, l := range strings.Split(s, "\n") {
			if !strings.Contains(l, `"out":`) {
				lines = append(lines, l)
			}
		}
		return strings.Join(lines, "\n")
	}
	if dropOut(fromBuiltin) != dropOut(fromFile) {
		t.Errorf("running the shown file differs from the built-in:\n%s\n%s", fromBuiltin, fromFile)
	}
	if code, out, _ := runCLI("scenarios", "validate", path); code != 0 || !strings.Contains(out, "ok") {
		t.Errorf("validate of the shown file: exit %d, %q", code, out)
	}
}

func TestValidateReportsEachBadFileOnOneLine(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.yaml")
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(good, []byte("extends: collective-impact\n"), 0o644)
	os.WriteFile(bad, []byte("governance:\n  beneficiary_engagement: 7\n"), 0o644)
	code, out, errOut := runCLI("scenarios", "validate", good, bad)
	if code != 2 {
		t.Fatalf("exit %d, want 2", code)
	}
	if !strings.Contains(out, good+": ok") {
		t.Errorf("stdout %q should confirm the good file", out)
	}
	if want := bad + ":2:27: governance.beneficiary_engagement: invalid value 7 (allowed: 0 to 4)"; !strings.Contains(errOut, want) {
		t.Errorf("stderr %q should contain %q", errOut, want)
	}
}

func TestRunWithSetAndBadSet(t *testing.T) {
	code, out, errOut := runCLI("run", "--runs", "3", "--years", "1", "--quiet", "--out", t.TempDir(), "--set", "governance.backbone_staff=0", "collective-impact")
	if code != 0 || !strings.Contains(out, "outcome_rate") {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	code, out, errOut = runCLI("run", "--runs", "3", "--quiet", "--out", t.TempDir(), "--set", "governance.beneficiary_engagement=7")
	if code != 2 || out != "" || !strings.HasPrefix(errOut, "--set governance.beneficiary_engagement=7: ") || strings.Count(errOut, "\n") != 1 {
		t.Errorf("bad --set: exit %d, stderr %q", code, errOut)
	}
}
