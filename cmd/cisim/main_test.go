package main

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/cisim/cisim/analysis"
	"github.com/cisim/cisim/results"
)

func runCLI(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = cli(context.Background(), args, &o, &e)
	return code, o.String(), e.String()
}

// small keeps test runs short: few replicates of two years.
var small = []string{"--runs", "12", "--years", "2", "--quiet"}

func withSmall(args ...string) []string { return append(append([]string(nil), args...), small...) }

func TestCompareDefaultsPrintTheTableAndWriteTheFiles(t *testing.T) {
	withoutRace(t)
	out := t.TempDir()
	code, stdout, stderr := runCLI(withSmall("--out", out)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"isolated", "collective-impact", "difference", "A12", "outcome_rate", "sroi"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("table lacks %q:\n%s", want, stdout)
		}
	}
	for _, f := range []string{"manifest.json", "summary.csv", "timeseries.csv", "comparison.csv", "comparison.json",
		"report.html", "plots/timeseries_outcome_rate.png", "plots/timeseries_outcome_rate.svg", "plots/final_sroi.svg"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}
	var m struct{ Status, Reproduce string }
	b, _ := os.ReadFile(filepath.Join(out, "manifest.json"))
	json.Unmarshal(b, &m)
	if m.Status != "complete" || m.Reproduce != "cisim compare isolated collective-impact --years 2 --runs 12 --seed 1" {
		t.Errorf("manifest: %+v", m)
	}
}

// cisim compare's table shows each metric in the unit the report and the
// plots use, named in its row (outcome_rate (%), total_cost (MSEK),
// cost_per_outcome (kSEK)), differences of shares in percentage points
// and failure shares in % of runs; --json keeps the stored shares and SEK.
// Both runs have the same seed, so the table's cells are the JSON's
// numbers in display units, digit for digit.
func TestCompareTablePrintsUnitsAndJSONKeepsStoredValues(t *testing.T) {
	withoutRace(t)
	_, table, _ := runCLI(withSmall("--out", t.TempDir())...)
	var v compareJSON
	if err := json.Unmarshal([]byte(mustRun(t, withSmall("--json", "--out", t.TempDir())...)), &v); err != nil {
		t.Fatal(err)
	}
	if or := *v.Scenarios[0].Metrics["outcome_rate"].Mean; !(or > 0 && or < 1) {
		t.Errorf("--json outcome_rate %v, want a share in (0, 1)", or)
	}
	if tc := *v.Scenarios[0].Metrics["total_cost"].Mean; tc < 1e6 {
		t.Errorf("--json total_cost %v, want SEK (millions)", tc)
	}
	rows := tableRows(table)
	for _, label := range []string{"outcome_rate (%)", "total_cost (MSEK)", "cost_per_outcome (kSEK)", "mean_trust (0–1)", "broke up"} {
		if rows[label] == nil {
			t.Fatalf("no row %q in\n%s", label, table)
		}
	}
	if !strings.Contains(table, "failure shares (% of runs;") {
		t.Errorf("the failure table does not say its unit:\n%s", table)
	}
	// By hand: the isolated design's mean outcome rate in %, its total
	// cost in MSEK, to the table's four significant digits.
	for label, k := range map[string]float64{"outcome_rate (%)": 100, "total_cost (MSEK)": 1e-6} {
		metric, _, _ := strings.Cut(label, " ")
		mean, _, _ := strings.Cut(rows[label][0], " ")
		got, err := strconv.ParseFloat(mean, 64)
		if want := k * *v.Scenarios[0].Metrics[metric].Mean; err != nil || math.Abs(got-want) > 5e-4*want {
			t.Errorf("%s: the table's mean %q, want %.4g (%g in --json)", label, mean, want, want/k)
		}
	}
	v.checkCells(t, rows)
}

// compareJSON is what cisim compare --json prints, in part.
type compareJSON struct {
	Scenarios []struct {
		Name    string
		Metrics map[string]struct{ Mean, Ci95_lo, Ci95_hi *float64 }
	}
	Comparisons []results.Comparison
	Failures    []results.Failure
}

// checkCells checks that every metric's row of a two-design table, and
// the second design's share of runs that broke up, print the JSON's
// numbers in display units.
func (v compareJSON) checkCells(t *testing.T, rows map[string][]string) {
	t.Helper()
	num := func(p *float64) float64 {
		if p == nil {
			return math.NaN()
		}
		return *p
	}
	for i, metric := range results.Metrics() {
		label := metric + results.UnitSuffix(metric, false)
		var want []string
		for _, s := range v.Scenarios {
			e := s.Metrics[metric]
			want = append(want, intervalIn(metric, analysis.Estimate{Mean: num(e.Mean), Lo: num(e.Ci95_lo), Hi: num(e.Ci95_hi)}))
		}
		c := v.Comparisons[i]
		d := intervalIn(metric, analysis.Estimate{Mean: float64(c.Diff), Lo: float64(c.DiffLo), Hi: float64(c.DiffHi)})
		if results.DisplayOf(metric).Unit == "%" {
			d += " pp"
		}
		if got := rows[label]; len(got) < 3 || got[0] != want[0] || got[1] != want[1] || got[2] != d {
			t.Errorf("row %q: %q, want %q, %q and %q", label, got, want[0], want[1], d)
		}
	}
	for _, f := range v.Failures {
		if f.Kind == results.FailBrokeUp && f.Scenario == v.Scenarios[1].Name {
			want := intervalIn(f.Kind, analysis.Estimate{Mean: float64(f.Share), Lo: float64(f.Lo), Hi: float64(f.Hi)})
			if got := rows["broke up"]; len(got) < 2 || got[1] != want || float64(f.Share) > 1 {
				t.Errorf("broke up: %q, want %q in %% (share %v in --json)", got, want, f.Share)
			}
		}
	}
}

// tableRows splits a terminal table's lines into cells (tabwriter puts
// two spaces or more between them), by each row's first cell.
func tableRows(table string) map[string][]string {
	rows := map[string][]string{}
	for _, line := range strings.Split(table, "\n") {
		if cells := regexp.MustCompile(`\s{2,}`).Split(strings.TrimSpace(line), -1); len(cells) > 1 {
			rows[cells[0]] = cells[1:]
		}
	}
	return rows
}

func TestRunJSONOnStdout(t *testing.T) {
	withoutRace(t)
	code, stdout, stderr := runCLI(withSmall("run", "--json", "--out", t.TempDir(), "collective-impact")...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
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
		Comparisons []any
	}
	if err := json.Unmarshal([]byte(stdout), &v); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, stdout)
	}
	if v.Runs != 12 || len(v.Scenarios) != 1 || v.Scenarios[0].Metrics["outcome_rate"].N != 12 || v.Comparisons != nil {
		t.Errorf("unexpected JSON: %s", stdout)
	}
}

func TestBadInputExitsTwoWithOneLineAndTouchesNothing(t *testing.T) {
	withoutRace(t)
	existing := t.TempDir()
	if code, _, stderr := runCLI(withSmall("--out", existing)...); code != 0 {
		t.Fatal(stderr)
	}
	before := snapshot(t, existing)
	file := filepath.Join(t.TempDir(), "a-file")
	os.WriteFile(file, []byte("x"), 0o644)
	other := t.TempDir()
	if code, _, stderr := runCLI(withSmall("run", "--out", other, "isolated")...); code != 0 {
		t.Fatal(stderr)
	}
	for _, args := range [][]string{
		{"compare", "--out", existing, "--runs", "0"},
		{"compare", "--out", existing, "no-such-scenario", "isolated"},
		{"compare", "--out", existing, "--shard", "3/2"},
		{"compare", "--out", existing, "--shard", "x"},
		{"compare", "--out", filepath.Join(file, "sub")},
		{"compare", "--out", existing, "--workers", "-1"},
		{"compare", "--out", existing, "--workers", "100000"},
		{"compare", "--out", existing, "--point", "--posterior", file},
		{"compare", "--out", existing, "--years", "NaN"},
		{"compare", "--out", existing, "--seed", "9007199254740992"},
		{"compare", "--out", existing, "--format", "xlsx"},
		{"compare", "--out", existing, "--set", "governance.beneficiary_engagement=7"},
		{"compare", "--resume", other, "isolated", "collective-impact"},
		{"compare", "--resume", existing},
		{"compare", "--resume", existing, "--out", other},
		{"compare", "--nope"},
		{"compare", "isolated"},
		{"compare", "--out", existing, "isolated", "isolated"},
		{"compare", "--out", existing, "--set", "name=twins"},
		{"run", "--out", existing, "isolated", "--set", `name="\e[31mred"`},
		{"run", "--out", existing, "isolated", "--set", `name="a\nb"`},
		{"run", "--out", existing, "isolated", "--set", `name=""`},
		{"run", "--out", existing, "isolated", "--set", `name="iso\u200blated"`},
		{"run", "--out", existing, "isolated", "--set", `name="\u202Edetalosi"`},
		{"run", "--out", existing, "isolated", "--set", `name="a\u2028b"`},
		{"run", "--out", existing, "isolated", "--set", `name="  "`},
		{"run", "--out", existing, "isolated", "--set", `name="isolated "`},
		{"frobnicate"},
	} {
		code, stdout, stderr := runCLI(args...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2 (%s)", args, code, stderr)
		}
		if stdout != "" {
			t.Errorf("%v: printed on stdout: %q", args, stdout)
		}
		if strings.Count(stderr, "\n") != 1 {
			t.Errorf("%v: want one line on stderr, got %q", args, stderr)
		}
	}
	if after := snapshot(t, existing); !equalFiles(before, after) {
		t.Error("bad input changed an existing output folder")
	}
}

// snapshot reads every file under dir.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			files[rel] = string(b)
		}
		return nil
	})
	return files
}

func equalFiles(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// results are the files that must not depend on how the work was split
// (manifest.json records times and the command line; state/ is internal;
// .cisim-lock is the empty file a writer locks).
func resultFiles(t *testing.T, dir string) map[string]string {
	all := snapshot(t, dir)
	for k := range all {
		if k == "manifest.json" || k == ".cisim-lock" || strings.HasPrefix(k, "state"+string(filepath.Separator)) {
			delete(all, k)
		}
	}
	return all
}

func diffFiles(t *testing.T, what string, a, b map[string]string) {
	t.Helper()
	if len(a) != len(b) {
		t.Errorf("%s: %d files against %d", what, len(a), len(b))
	}
	for k, v := range a {
		if w, ok := b[k]; !ok {
			t.Errorf("%s: %s missing", what, k)
		} else if v != w {
			t.Errorf("%s: %s differs", what, k)
		}
	}
}

func TestWorkersDoNotChangeAnyFile(t *testing.T) {
	one, four := t.TempDir(), t.TempDir()
	runCLI(withSmall("--workers", "1", "--out", one)...)
	runCLI(withSmall("--workers", "4", "--out", four)...)
	diffFiles(t, "1 vs 4 workers", resultFiles(t, one), resultFiles(t, four))
}

func TestShardsMergeToTheUnshardedFiles(t *testing.T) {
	withoutRace(t)
	whole := t.TempDir()
	runCLI(withSmall("--out", whole)...)
	root := t.TempDir()
	var shards []string
	for i := 0; i < 3; i++ {
		dir := filepath.Join(root, "shard", string(rune('0'+i)))
		code, _, stderr := runCLI(withSmall("--shard", string(rune('0'+i))+"/3", "--out", dir)...)
		if code != 0 {
			t.Fatalf("shard %d: %s", i, stderr)
		}
		shards = append(shards, dir)
	}
	// Shards can be given in any order.
	merged := filepath.Join(root, "merged")
	code, stdout, stderr := runCLI("merge", "--quiet", "--out", merged, shards[2], shards[0], shards[1])
	if code != 0 {
		t.Fatalf("merge: %s", stderr)
	}
	if !strings.Contains(stdout, "difference") {
		t.Errorf("merge should print the comparison:\n%s", stdout)
	}
	diffFiles(t, "merged shards vs one run", resultFiles(t, whole), resultFiles(t, merged))
	// A missing shard, a repeated one or a folder of another experiment is
	// refused.
	for _, args := range [][]string{
		{"merge", "--out", t.TempDir(), shards[0], shards[1]},
		{"merge", "--out", t.TempDir(), shards[0], shards[1], shards[1]},
		{"merge", "--out", t.TempDir(), shards[0], shards[1], whole},
	} {
		if code, _, _ := runCLI(args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args[3:], code)
		}
	}
}

func TestShardFromSlurmEnvironment(t *testing.T) {
	for _, c := range []struct {
		id, count, low, high, step string
		shard                      int
	}{
		{"1", "4", "", "", "", 1},
		{"1", "4", "0", "3", "", 1},
		{"2", "4", "1", "4", "", 1},  // --array=1-4 once ran shards 1–4 of 4: no shard 0, and 4/4 refused
		{"2", "4", "1", "", "", 1},   // a first task and no last: it was once ignored
		{"4", "4", "0", "6", "2", 2}, // --array=0-6:2 was once refused as gaps
	} {
		t.Setenv("SLURM_ARRAY_TASK_ID", c.id)
		t.Setenv("SLURM_ARRAY_TASK_COUNT", c.count)
		t.Setenv("SLURM_ARRAY_TASK_MIN", c.low)
		t.Setenv("SLURM_ARRAY_TASK_MAX", c.high)
		t.Setenv("SLURM_ARRAY_TASK_STEP", c.step)
		dir := t.TempDir()
		if code, _, stderr := runCLI(withSmall("--out", dir)...); code != 0 {
			t.Fatal(stderr)
		}
		var m struct {
			Status                    string
			Shard, Shards, First, End int
		}
		b, _ := os.ReadFile(filepath.Join(dir, "manifest.json"))
		json.Unmarshal(b, &m)
		if m.Status != "shard" || m.Shard != c.shard || m.Shards != 4 {
			t.Errorf("task %s of %s (array %s-%s): manifest %+v, want shard %d/4", c.id, c.count, c.low, c.high, m, c.shard)
		}
	}
	t.Setenv("SLURM_ARRAY_TASK_STEP", "")
	t.Setenv("SLURM_ARRAY_TASK_ID", "3")
	t.Setenv("SLURM_ARRAY_TASK_COUNT", "3")
	t.Setenv("SLURM_ARRAY_TASK_MIN", "1")
	t.Setenv("SLURM_ARRAY_TASK_MAX", "5") // --array=1,3,5
	wantRefused(t, "the Slurm array 1-5 has 3 tasks, not 5: it must be one range without gaps", withSmall("--out", t.TempDir())...)
	// Part of an array's variables, or a task outside the array, is
	// refused naming the variables, not a --shard no one gave (a task id
	// with no count once ran the whole experiment in every task).
	for _, c := range []struct {
		id, count, low, high, want string
	}{
		{"3", "", "", "", "SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not"},
		{"3", "4", "", "3", "SLURM_ARRAY_TASK_MAX is set but SLURM_ARRAY_TASK_MIN is not"},
		{"3", "4", "5", "2", "invalid Slurm array: 4 tasks, from 5 to 2"},
		{"9", "4", "", "", "invalid Slurm array: task 9 is outside the array 0-3"},
		{"x", "4", "", "", `invalid Slurm array: SLURM_ARRAY_TASK_ID="x" (want a whole number)`},
	} {
		t.Setenv("SLURM_ARRAY_TASK_ID", c.id)
		t.Setenv("SLURM_ARRAY_TASK_COUNT", c.count)
		t.Setenv("SLURM_ARRAY_TASK_MIN", c.low)
		t.Setenv("SLURM_ARRAY_TASK_MAX", c.high)
		wantRefused(t, c.want, withSmall("--out", t.TempDir())...)
	}
	for _, v := range []string{"SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT", "SLURM_ARRAY_TASK_MIN", "SLURM_ARRAY_TASK_MAX", "SLURM_ARRAY_TASK_STEP"} {
		t.Setenv(v, "")
	}
	t.Setenv("JOB_COMPLETION_INDEX", "5")
	t.Setenv("CISIM_SHARDS", "4")
	wantRefused(t, "invalid shard 5/4 (from JOB_COMPLETION_INDEX and CISIM_SHARDS) (allowed: 0 ≤ i < n)", withSmall("--out", t.TempDir())...)
	t.Setenv("JOB_COMPLETION_INDEX", "")
	wantRefused(t, `CISIM_SHARDS="4" is set but JOB_COMPLETION_INDEX is not`, withSmall("--out", t.TempDir())...)
	// Every pod of an Indexed Job has an index: alone, it runs the whole
	// experiment, and says so.
	t.Setenv("CISIM_SHARDS", "")
	t.Setenv("JOB_COMPLETION_INDEX", "1")
	if code, _, stderr := runCLI("--out", filepath.Join(t.TempDir(), "k8s"), "--runs", "12", "--years", "2"); code != 0 || !strings.Contains(stderr, "note: JOB_COMPLETION_INDEX is set but CISIM_SHARDS is not: running the whole experiment") {
		t.Errorf("JOB_COMPLETION_INDEX alone: exit %d, %s", code, stderr)
	}
}

func TestInterruptedRunSaysHowToResume(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var o, e bytes.Buffer
	dir := t.TempDir()
	if code := cli(ctx, withSmall("--out", dir), &o, &e); code != 130 {
		t.Fatalf("exit %d, want 130 (stderr %q)", code, e.String())
	}
	if !strings.Contains(e.String(), "interrupted") || !strings.Contains(e.String(), "--resume "+dir) {
		t.Errorf("stderr should say the run was interrupted and how to resume: %q", e.String())
	}
	if st := manifestStatus(t, dir); st != "partial" {
		t.Errorf("manifest status %q, want partial", st)
	}
	// A new run there would delete what --resume finishes: refused
	// unless --force, and the folder is left as it was.
	before := snapshot(t, dir)
	wantRefused(t, "holds an unfinished run (0 of 12 done) that cisim compare --resume "+dir+" would finish", withSmall("--out", dir, "--seed", "2")...)
	diffFiles(t, "an interrupted run's folder after a refused new run", before, snapshot(t, dir))
	// Another build of cisim does not finish it: the result would mix two
	// builds' runs (a shard so resumed once passed merge's one-build check).
	other := t.TempDir()
	if err := os.CopyFS(other, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	editManifest(t, other, func(m map[string]any) { m["version"] = "v0.9.0" })
	wantRefused(t, "was started by cisim v0.9.0 and this is cisim devel; carry it on with the build that started it", "compare", "--quiet", "--resume", other)
	// Resuming finishes it with the same files as an uninterrupted run.
	if code, _, stderr := runCLI("compare", "--quiet", "--resume", dir); code != 0 {
		t.Fatalf("resume: %s", stderr)
	}
	whole := t.TempDir()
	runCLI(withSmall("--out", whole)...)
	diffFiles(t, "resumed vs uninterrupted", resultFiles(t, whole), resultFiles(t, dir))
}

// manifestStatus is the status the manifest of dir records.
func manifestStatus(t *testing.T, dir string) string {
	t.Helper()
	var m struct{ Status string }
	b, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err == nil {
		err = json.Unmarshal(b, &m)
	}
	if err != nil {
		t.Fatal(err)
	}
	return m.Status
}

// cancelAfter is an app whose context it cancels after n units of work
// have finished: an interrupt at a fixed point of a run.
func cancelAfter(n int) (context.Context, *app, *bytes.Buffer, *bytes.Buffer) {
	ctx, cancel := context.WithCancel(context.Background())
	var o, e bytes.Buffer
	units := 0
	return ctx, &app{stdout: &o, stderr: &e, afterUnit: func(int, int) {
		if units++; units == n {
			cancel()
		}
	}}, &o, &e
}

// An interrupted --resume says so, exits 130 and prints no table (it once
// exited 0 with a table of the partial folder), and a second --resume
// finishes the run to the files of an uninterrupted one. The interrupts
// cannot miss: with one worker the runner has at most 8 replicates of two
// scenarios under way (8·workers·scenarios jobs), so a run of 40 cancelled
// after 2, and a resume cancelled after 3 more, cannot finish first.
func TestInterruptedResumeSaysSoAndResumesAgain(t *testing.T) {
	args := []string{"--runs", "40", "--years", "1", "--set", "beneficiaries.count=200", "--workers", "1", "--quiet"}
	dir := t.TempDir()
	ctx, a, _, e := cancelAfter(2)
	if code := a.main(ctx, append([]string{"compare", "--out", dir}, args...)); code != 130 {
		t.Fatalf("run: exit %d, want 130 (stderr %q)", code, e.String())
	}
	ctx, a, o, e := cancelAfter(3)
	code := a.main(ctx, []string{"compare", "--quiet", "--workers", "1", "--resume", dir})
	if code != 130 || o.Len() > 0 {
		t.Fatalf("interrupted resume: exit %d, want 130, and stdout %q, want nothing", code, o.String())
	}
	msg := regexp.MustCompile(`^cisim compare: interrupted after (\d+) of 40 replicates; they are saved in (.*); finish with: cisim compare --resume (.*)\n$`)
	got := msg.FindStringSubmatch(e.String())
	if got == nil || got[2] != dir || got[3] != dir {
		t.Fatalf("interrupted resume said %q", e.String())
	}
	if done, _ := strconv.Atoi(got[1]); done < 5 || done >= 40 {
		t.Errorf("interrupted after %d replicates, want at least 2 + 3 and fewer than 40", done)
	}
	if st := manifestStatus(t, dir); st != "partial" {
		t.Errorf("manifest status %q after an interrupted resume, want partial", st)
	}
	// --point would change what runs: refused, not silently ignored.
	if code, _, stderr := runCLI("compare", "--quiet", "--resume", dir, "--point"); code != 2 || !strings.Contains(stderr, "another experiment") {
		t.Fatalf("resume with --point: exit %d (%s), want 2: the folder holds runs with uncertainty", code, stderr)
	}
	if code, _, stderr := runCLI("compare", "--quiet", "--resume", dir); code != 0 {
		t.Fatalf("second resume: exit %d: %s", code, stderr)
	}
	whole := t.TempDir()
	if code, _, stderr := runCLI(append([]string{"compare", "--out", whole}, args...)...); code != 0 {
		t.Fatalf("uninterrupted run: exit %d: %s", code, stderr)
	}
	diffFiles(t, "resumed twice vs uninterrupted", resultFiles(t, whole), resultFiles(t, dir))
}

// --precision adds batches of --runs until the outcome-rate difference's CI
// is narrow enough; how many it needed does not depend on the workers.
func TestPrecisionStopsWhenNarrowEnough(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	args := []string{"--runs", "10", "--years", "2", "--quiet", "--json", "--precision", "0.02"}
	_, outA, errA := runCLI(append(args, "--workers", "1", "--out", a)...)
	_, outB, _ := runCLI(append(args, "--workers", "3", "--out", b)...)
	var ra, rb struct{ Runs int }
	if err := json.Unmarshal([]byte(outA), &ra); err != nil {
		t.Fatalf("%v: %s %s", err, outA, errA)
	}
	json.Unmarshal([]byte(outB), &rb)
	if ra.Runs != rb.Runs || ra.Runs < 10 || ra.Runs%10 != 0 {
		t.Errorf("replicates needed: %d with 1 worker, %d with 3 (want equal multiples of 10)", ra.Runs, rb.Runs)
	}
	var m struct {
		HalfWidth float64 `json:"half_width"`
		Runs      int
	}
	mb, _ := os.ReadFile(filepath.Join(a, "manifest.json"))
	json.Unmarshal(mb, &m)
	if m.HalfWidth > 0.02 || m.Runs != ra.Runs {
		t.Errorf("manifest: half-width %v after %d runs", m.HalfWidth, m.Runs)
	}
	for _, bad := range [][]string{
		{"--precision", "0", "--out", t.TempDir()},
		{"--precision", "0.01", "--shard", "0/2", "--out", t.TempDir()},
		{"run", "--precision", "0.01", "--out", t.TempDir(), "isolated"},
	} {
		if code, _, _ := runCLI(bad...); code != 2 {
			t.Errorf("%v: exit %d, want 2", bad, code)
		}
	}
}

// withoutRace skips t under the race detector, which runs the model
// about ten times slower (sixteen with the package's other tests beside
// it). It marks the tests whose subject is not how a command shares out
// its work: what it prints, writes or refuses, the files' formats, whole
// processes killed or starved of disk. The concurrent paths they go
// through (workers, shards, resumes, signals, the servers) are race-checked
// by the tests left unmarked (workers and precision across worker counts,
// interrupted resumes, robust and sweep shards) and by experiments' own,
// and .ci/run runs this whole package again without -race, where every
// test runs. Under -race most of a small compare's time is its plots'
// PNG encoding, so each marked test is worth it.
func withoutRace(t *testing.T) {
	t.Helper()
	if raceDetector {
		t.Skip("checked without -race (.ci/run runs the package so): not a test of how the work is shared out")
	}
}
