package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cisim/cisim/analysis/sensitivity"
	"github.com/cisim/cisim/experiments"
)

// tinyLoud is tiny without --quiet, to read what a command says on stderr.
var tinyLoud = []string{"--years", "1", "--set", "beneficiaries.count=200"}

// sameFiles checks that files of two folders hold the same bytes.
func sameFiles(t *testing.T, what, a, b string, files ...string) {
	t.Helper()
	for _, f := range files {
		x, err1 := os.ReadFile(filepath.Join(a, f))
		y, err2 := os.ReadFile(filepath.Join(b, f))
		if err1 != nil || err2 != nil {
			t.Errorf("%s: %s: %v, %v", what, f, err1, err2)
		} else if string(x) != string(y) {
			t.Errorf("%s: %s differs", what, f)
		}
	}
}

// The points.csv of a sensitivity analysis (of two designs, with a
// whole-number lever), run again by cisim eval with the same seed and
// runs, gives the same per-point and per-run files byte for byte: the
// same design points, the same replicates (common random numbers), the
// same summaries. The results columns of points.csv are ignored, with a
// note; the analysis writes SALib's problem.json beside points.csv.
func TestEvalOnASensitivityMatrixReproducesItsPoints(t *testing.T) {
	withoutRace(t)
	sens, ev := t.TempDir(), t.TempDir()
	mustRun(t, withTiny("sensitivity", "isolated", "collective-impact", "--samples", "4", "--runs", "2",
		"--vary", "governance.power_sharing=0:1", "--vary", "governance.beneficiary_engagement=0:4", "--out", sens)...)
	code, _, stderr := runCLI(append([]string{"eval", "isolated", "collective-impact", "--points", filepath.Join(sens, "points.csv"),
		"--runs", "2", "--out", ev}, tinyLoud...)...)
	if code != 0 {
		t.Fatalf("eval: exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "ignored 74 columns of a points.csv of cisim's (point, runs and 72 of results)") {
		t.Errorf("eval says nothing of the columns it ignored:\n%s", stderr)
	}
	sameFiles(t, "eval of a sensitivity's points", sens, ev, "points.csv", "summary.csv", "timeseries.csv", "comparison.csv")
	var problem struct {
		NumVars int `json:"num_vars"`
		Names   []string
		Bounds  [][2]float64
		Dists   []string
	}
	b, err := os.ReadFile(filepath.Join(sens, "problem.json"))
	if err != nil || json.Unmarshal(b, &problem) != nil {
		t.Fatalf("problem.json: %v\n%s", err, b)
	}
	if problem.NumVars != 2 || !slices.Equal(problem.Names, []string{"governance.power_sharing", "governance.beneficiary_engagement"}) ||
		!slices.Equal(problem.Bounds, [][2]float64{{0, 1}, {0, 4}}) || !slices.Equal(problem.Dists, []string{"unif", "unif"}) {
		t.Errorf("problem.json: %s", b)
	}
}

// readMatrix reads the lever columns of a CSV matrix as numbers: the
// columns named names, in that order, of a header that may start "# ".
func readMatrix(t *testing.T, path string, names []string) [][]float64 {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	header := rows[0]
	header[0] = strings.TrimPrefix(header[0], "# ")
	var out [][]float64
	for _, r := range rows[1:] {
		var p []float64
		for _, n := range names {
			x, err := strconv.ParseFloat(r[slices.Index(header, n)], 64)
			if err != nil {
				t.Fatal(err)
			}
			p = append(p, x)
		}
		out = append(out, p)
	}
	return out
}

// A matrix SALib sampled (testdata/salib/sobol_n8.csv: sobol.sample(…,
// 8, calc_second_order=False, scramble=False), saved by np.savetxt with a
// "# " header; salib_sobol.py beside it says how it was made) is the
// matrix of cisim sensitivity over the same ranges, bit for bit, and cisim
// eval on it gives the sensitivity run's points and runs byte for byte.
func TestEvalRunsASALibMatrixAsSensitivityRunsItsOwn(t *testing.T) {
	withoutRace(t)
	levers := []string{"governance.power_sharing", "problem.complementarity", "actors.value_spread"}
	salib := filepath.Join("testdata", "salib", "sobol_n8.csv")
	sens, ev := t.TempDir(), t.TempDir()
	mustRun(t, withTiny("sensitivity", "collective-impact", "--samples", "8", "--runs", "1", "--out", sens,
		"--vary", levers[0]+"=0:1", "--vary", levers[1]+"=0.2:0.9", "--vary", levers[2]+"=0:0.5")...)
	want, got := readMatrix(t, salib, levers), readMatrix(t, filepath.Join(sens, "points.csv"), levers)
	if len(want) != 40 || len(got) != len(want) {
		t.Fatalf("%d points from SALib, %d from cisim; want 40", len(want), len(got))
	}
	for i := range want {
		if !slices.Equal(want[i], got[i]) {
			t.Errorf("point %d: SALib %v, cisim %v", i, want[i], got[i])
		}
	}
	mustRun(t, withTiny("eval", "collective-impact", "--points", salib, "--runs", "1", "--out", ev)...)
	sameFiles(t, "eval of SALib's matrix", sens, ev, "points.csv", "summary.csv")
}

// SALib's sobol.analyze(problem, Y, calc_second_order=False), the
// analysis docs/EXPERIMENTS.md tells readers to run on points.csv, gives
// the first-order and total indices cisim's do on the same outputs: the
// Ishigami function on SALib's Saltelli matrix of N = 64
// (testdata/salib/ishigami_n64.json, made by salib_ishigami.py beside
// it). SALib standardises the outputs and cisim centres them, which
// leaves the ratios alike to rounding; the intervals differ (SALib's are
// normal, cisim's percentile) and are not compared.
func TestSALibAnalysesTheOutputsAsCisimDoes(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "salib", "ishigami_n64.json"))
	if err != nil {
		t.Fatal(err)
	}
	var v struct {
		N         int
		Y, S1, ST []float64
	}
	if err = json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	mean := 0.0
	for _, y := range v.Y {
		mean += y / float64(len(v.Y))
	}
	y := make([]float64, len(v.Y))
	for i := range y {
		y[i] = v.Y[i] - mean // as the sensitivity command does
	}
	idx := sensitivity.SobolIndices(y, v.N, 3, 10, 0.95, experiments.DesignRand(1, "test"))
	for i, x := range idx {
		if math.Abs(x.S1.Value-v.S1[i]) > 1e-9 || math.Abs(x.ST.Value-v.ST[i]) > 1e-9 {
			t.Errorf("x%d: S1 %v, ST %v; SALib %v and %v", i+1, x.S1.Value, x.ST.Value, v.S1[i], v.ST[i])
		}
	}
}

// An experiments table as the EMA Workbench's DataFrame.to_csv writes it
// (an unnamed index first; uncertainties and levers; its scenario, policy
// and model columns; switches as True and False) runs, with a note of
// what it ignored, and each point's runs are those of cisim run with the
// point's values set, replicate by replicate.
func TestEvalReadsAnEMAWorkbenchExperimentsTable(t *testing.T) {
	withoutRace(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "experiments.csv")
	os.WriteFile(file, []byte(",governance.power_sharing,governance.beneficiary_engagement,funding.pooled,scenario,policy,model\n"+
		"0,0.25,1,True,0,None,cisim\n1,0.75,3,False,1,None,cisim\n2,0.5,2,True,2,None,cisim\n"), 0o644)
	ev := filepath.Join(dir, "eval")
	code, stdout, stderr := runCLI(append([]string{"eval", "collective-impact", "--points", file, "--runs", "2", "--out", ev, "--json"}, tinyLoud...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if want := "cisim eval: " + file + ": ignored the unnamed first column (an index, as pandas writes); scenario, policy, model (the EMA Workbench's)\n"; !strings.Contains(stderr, want) {
		t.Errorf("stderr %q, want %q", stderr, want)
	}
	var out struct {
		Method string
		Points []struct{ Levers map[string]float64 }
	}
	if err := json.Unmarshal([]byte(stdout), &out); err != nil || out.Method != "eval" || len(out.Points) != 3 {
		t.Fatalf("%v: %s", err, stdout)
	}
	if p := out.Points[1].Levers; p["governance.power_sharing"] != 0.75 || p["governance.beneficiary_engagement"] != 3 || p["funding.pooled"] != 0 {
		t.Errorf("point 1: %v", p)
	}
	run := filepath.Join(dir, "run")
	mustRun(t, withTiny("run", "collective-impact", "--runs", "2", "--out", run, "--set", "governance.power_sharing=0.75",
		"--set", "governance.beneficiary_engagement=3", "--set", "funding.pooled=false")...)
	evalRows, runRows := summaryRows(t, ev), summaryRows(t, run)
	for r, row := range runRows {
		if e := evalRows[2+r]; !strings.HasPrefix(e, row+",") { // point 1's runs follow point 0's two
			t.Errorf("replicate %d of point 1:\n%s\nof cisim run:\n%s", r, e, row)
		}
	}
}

// summaryRows are the rows of a folder's summary.csv, without its header.
func summaryRows(t *testing.T, dir string) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "summary.csv"))
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSpace(string(b)), "\n")[1:]
}

// Bad design files and flags exit 2 with one line that says what is wrong
// and where (FILE:LINE:COLUMN), before anything runs.
func TestEvalBadInputIsPlacedInTheFile(t *testing.T) {
	withoutRace(t)
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(text), 0o644)
		return p
	}
	fifo := filepath.Join(dir, "pipe.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Log("no named pipe:", err)
		fifo = ""
	}
	out := filepath.Join(dir, "out")
	for _, c := range []struct{ file, want string }{
		{write("quote.csv", "governance.power_sharing\n0.5\n0.\"3\n"), `quote.csv:3:3: malformed CSV: bare " in non-quoted-field`},
		{write("unknown.csv", "governance.power_sharing,no.such.lever\n0.5,1\n"), `unknown.csv:1:26: unknown lever "no.such.lever"`},
		{write("range.csv", "problem.complementarity,governance.power_sharing\n0.5,0.5\n0.25,1.5\n"),
			"range.csv:3:6: sim: invalid governance.power_sharing: 1.5 (allowed: 0 to 1) (in collective-impact)"},
		{write("whole.csv", "governance.beneficiary_engagement\n1.5\n"), "whole.csv:2:1: governance.beneficiary_engagement: want a whole number, got 1.5"},
		{write("switch.csv", "funding.pooled\n2\n"), `switch.csv:2:1: funding.pooled: a switch takes true, false, 1 or 0, not "2"`},
		{write("word.csv", "governance.power_sharing\nabc\n"), `word.csv:2:1: governance.power_sharing: "abc" is not a number`},
		{write("na.csv", "governance.power_sharing\nNA\n"), `na.csv:2:1: governance.power_sharing: "NA" is not a number`},
		{write("blank.csv", "problem.complementarity,governance.power_sharing\n0.5,\n"), "blank.csv:2:5: governance.power_sharing: no value"},
		{write("width.csv", "governance.power_sharing\n0.5,0.2\n"), "width.csv:2: a row of 2 fields under a header of 1"},
		{write("twice.csv", "governance.power_sharing,governance.power_sharing\n0,1\n"), "twice.csv:1:26: lever governance.power_sharing given twice"},
		{write("empty.csv", ""), "empty.csv: empty file: want a header row naming the levers"},
		{write("header.csv", "governance.power_sharing\n"), "header.csv: no points: the file has a header row but no row of values under it"},
		{write("nolever.csv", ",scenario,policy\n0,1,2\n"), "nolever.csv:1: no lever in the header"},
		{write("semicolon.csv", "governance.power_sharing;problem.complementarity\n0,5;0,5\n"), "semicolon.csv:1:1: \"governance.power_sharing;problem.complementarity\" is not a lever: the header seems separated by semicolons"},
		{write("utf16.csv", "\xff\xfeg\x00o\x00"), "utf16.csv: UTF-16 text, not UTF-8"},
		{write("binary.csv", "\x00\x01\x02,governance.power_sharing\n"), "binary.csv:1:1: binary data, not CSV text"},
		{write("long.csv", strings.Repeat("x", 1<<20+1)), "long.csv:1: line longer than 1 MiB"},
		{write("many.csv", "governance.power_sharing\n"+strings.Repeat("0.5\n", maxPoints+1)), fmt.Sprintf("many.csv:%d: more than 100000 points", maxPoints+2)},
		{dir, dir + ": not a regular file (a directory)"},
		{"/dev/zero", "/dev/zero: not a regular file (a character device)"},
		{filepath.Join(dir, "missing.csv"), "missing.csv: no such file or directory"},
		{fifo, "pipe.csv: not a regular file (a named pipe)"},
	} {
		if c.file == "" {
			continue
		}
		done := make(chan struct{})
		go func() {
			defer close(done)
			wantRefused(t, c.want, withTiny("eval", "collective-impact", "--points", c.file, "--out", out)...)
		}()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Fatalf("%s: still reading after 20 s", c.file)
		}
	}
	good := write("good.csv", "governance.power_sharing\n0.5\n")
	wantRefused(t, "cisim eval: want --points FILE.csv", withTiny("eval", "collective-impact", "--out", out)...)
	wantRefused(t, "cisim eval: want a scenario", withTiny("eval", "--points", good, "--out", out)...)
	wantRefused(t, "cisim eval: at most two scenarios", withTiny("eval", "isolated", "collective-impact", "isolated", "--points", good, "--out", out)...)
	if _, err := os.Stat(out); err == nil {
		t.Error("bad input made the output folder")
	}
	// A spreadsheet's UTF-8 byte-order mark and CRLF line ends are read.
	excel := write("excel.csv", "\ufeffgovernance.power_sharing\r\n0.5\r\n")
	mustRun(t, withTiny("eval", "collective-impact", "--points", excel, "--runs", "1", "--out", out)...)
	wantRefused(t, "drop --points", "eval", "--resume", out, "--points", excel)
}

// cisim eval split into shards and merged, or interrupted and resumed,
// gives the files of one uninterrupted run.
func TestEvalShardsMergeAndResumeToTheSameBytes(t *testing.T) {
	withoutRace(t)
	root := t.TempDir()
	file := filepath.Join(root, "points.csv")
	os.WriteFile(file, []byte("governance.power_sharing,governance.meeting_interval_weeks\n0,1\n0.3,4\n0.6,8\n1,2\n0.9,6\n"), 0o644)
	args := withTiny("eval", "isolated", "collective-impact", "--points", file, "--runs", "2")
	whole := filepath.Join(root, "whole")
	mustRun(t, append(args, "--out", whole)...)
	var shards []string
	for i := range 3 {
		dir := filepath.Join(root, "shard"+strconv.Itoa(i))
		mustRun(t, append(args, "--out", dir, "--shard", strconv.Itoa(i)+"/3")...)
		shards = append(shards, dir)
	}
	merged := filepath.Join(root, "merged")
	if stdout := mustRun(t, "merge", "--quiet", "--out", merged, shards[2], shards[0], shards[1]); !strings.Contains(stdout, "5 points; every metric") {
		t.Errorf("merge prints what eval prints:\n%s", stdout)
	}
	diffFiles(t, "merged shards vs one run", resultFiles(t, whole), resultFiles(t, merged))
	stopped := filepath.Join(root, "stopped")
	if code, _, stderr := runCancelled(append(args, "--out", stopped)...); code != 130 || !strings.Contains(stderr, "cisim eval --resume "+stopped) {
		t.Fatalf("interrupted eval: exit %d, %q", code, stderr)
	}
	mustRun(t, "eval", "--quiet", "--resume", stopped)
	diffFiles(t, "resumed vs uninterrupted", resultFiles(t, whole), resultFiles(t, stopped))
}

// The shell completes eval's flags, and a file after --points (not the
// scenario names it offers elsewhere).
func TestEvalCompletes(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash to run the completion in")
	}
	_, script, _ := runCLI("completion", "bash")
	for line, want := range map[string]string{
		"cisim ev":                         "eval",
		"cisim eval --poi":                 "--points",
		"cisim eval --points testdata/sal": "testdata/salib",
		"cisim eval isol":                  "isolated",
	} {
		words := strings.Fields(line)
		prog := script + fmt.Sprintf("\nCOMP_WORDS=(%s); COMP_CWORD=%d; _cisim; echo \"${COMPREPLY[@]}\"\n", line, len(words)-1)
		out, err := exec.Command(bash, "-c", prog).CombinedOutput()
		got := strings.Fields(string(out))
		if err != nil || !slices.Contains(got, want) || strings.HasSuffix(line, "sal") && slices.Contains(got, "isolated") {
			t.Errorf("%q completes to %q (%v), want %s among them", line, out, err, want)
		}
	}
	if _, fish, _ := runCLI("completion", "fish"); !strings.Contains(fish, "'__fish_seen_subcommand_from eval' -l points -r -F\n") {
		t.Error("fish does not complete a file after eval --points")
	}
}
