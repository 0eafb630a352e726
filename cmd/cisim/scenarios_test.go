package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
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
	withoutRace(t)
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
	withoutRace(t)
	code, out, errOut := runCLI("run", "--runs", "3", "--years", "1", "--quiet", "--out", t.TempDir(), "--set", "governance.backbone_staff=0", "collective-impact")
	if code != 0 || !strings.Contains(out, "outcome_rate") {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	code, out, errOut = runCLI("run", "--runs", "3", "--quiet", "--out", t.TempDir(), "--set", "governance.beneficiary_engagement=7")
	if code != 2 || out != "" || !strings.HasPrefix(errOut, "--set governance.beneficiary_engagement=7: ") || strings.Count(errOut, "\n") != 1 {
		t.Errorf("bad --set: exit %d, stderr %q", code, errOut)
	}
}

// validate lists every problem of a file, one line each in file order,
// the same in every run, and exits 2.
func TestValidateListsEveryProblemInFileOrder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "many.yaml")
	src := "extends: collective-impact\ngovernance:\n  beneficiary_engagement: 7\n  power_sharing: lots\nfoo: 1\nhorizon:\n  years: [1]\nbar: 2\n"
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	allowed := "unknown field (allowed here: name, description, extends, horizon, beneficiaries, problem, preconditions, governance, funding, economics, actors, params, channels)"
	want := strings.Join([]string{
		path + ":3:27: governance.beneficiary_engagement: invalid value 7 (allowed: 0 to 4)",
		path + ":4:18: governance.power_sharing: want a number, got text",
		path + ":5:1: foo: " + allowed,
		path + ":7:10: horizon.years: want a number, got a list",
		path + ":8:1: bar: " + allowed,
		"cisim scenarios validate: 1 of 1 invalid",
	}, "\n") + "\n"
	for run := range 10 {
		code, out, errOut := runCLI("scenarios", "validate", path)
		if code != 2 || out != "" || errOut != want {
			t.Fatalf("run %d: exit %d, stdout %q, stderr\n%s\nwant\n%s", run, code, out, errOut, want)
		}
	}
}

// Hostile files: each refused on one line that names the file, exit 2,
// in well under a second; the files Windows editors write load.
func TestValidateRefusesHostileFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	laughs := "extends: isolated\nanchors:\n  - &a0 [x, x, x, x, x, x, x, x, x, x]\n"
	for i := 1; i <= 9; i++ {
		laughs += fmt.Sprintf("  - &a%d [%s]\n", i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*a%d, ", i-1), 10), ", "))
	}
	laughs += "governance:\n  agreement: *a9\n"
	cases := []struct{ name, path, want string }{
		{"30,000 nested [", write("nest30k.yaml", "extends: isolated\nname: x\nfoo: "+strings.Repeat("[", 30_000)+"\n"), ":3:69: nesting deeper than 64 levels"},
		{"100,000 nested [", write("nest100k.yaml", "extends: isolated\nname: x\nfoo: "+strings.Repeat("[", 100_000)+"\n"), ":3:69: nesting deeper than 64 levels"},
		{"billion laughs", write("laughs.yaml", laughs), ":7:20: aliases expand the file past 40000 values"},
		{"binary", write("binary.yaml", "extends: isolated\nname: \x00\x01\x02\xff\n"), ":2:7: binary file, not a scenario (byte 0x00)"},
		{"escape character", write("escape.yaml", "extends: isolated\nname: \x1b]0;pwned\x07\n"), `:2:7: control character \x1b, which YAML does not allow in a file`},
		{"tab indentation", write("tab.yaml", "extends: isolated\ngovernance:\n\tbackbone_staff: 2\n"), ":3:1: tab character used for indentation (YAML indents with spaces)"},
		{"empty", write("empty.yaml", ""), ": empty file: a scenario needs at least extends: NAME (a built-in), or some of its fields (cisim scenarios show isolated lists them)"},
		{"directory", dir, ": not a regular file (a directory)"},
	}
	if _, err := exec.LookPath("mkfifo"); err == nil {
		fifo := filepath.Join(dir, "pipe.yaml")
		if err := exec.Command("mkfifo", fifo).Run(); err == nil {
			cases = append(cases, struct{ name, path, want string }{"named pipe", fifo, ": not a regular file (a named pipe)"})
		}
	}
	for _, c := range cases {
		start := time.Now()
		code, out, errOut := runCLI("scenarios", "validate", c.path)
		if want := c.path + c.want + "\ncisim scenarios validate: 1 of 1 invalid\n"; code != 2 || out != "" || errOut != want {
			t.Errorf("%s: exit %d, stdout %q, stderr %q, want %q", c.name, code, out, errOut, want)
		}
		if elapsed := time.Since(start); elapsed > 5*time.Second {
			t.Errorf("%s: took %v", c.name, elapsed)
		}
	}
	for name, src := range map[string]string{
		"bom.yaml":  "\ufeffextends: collective-impact\nname: bom\n",
		"crlf.yaml": "extends: collective-impact\r\nname: crlf\r\ngovernance:\r\n  backbone_staff: 2\r\n",
	} {
		path := write(name, src)
		if code, out, errOut := runCLI("scenarios", "validate", path); code != 0 || out != path+": ok\n" {
			t.Errorf("%s: exit %d, stdout %q, stderr %q", name, code, out, errOut)
		}
	}
}
