package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cisim/cisim/results"
)

// tinyCalibration is a calibration against the evidence pack small enough
// for a test: 16 particles, two runs of each design, a year of 200 young
// people.
var tinyCalibration = []string{"calibrate", "--particles", "16", "--runs", "2", "--generations", "3", "--predictive", "8",
	"--years", "1", "--set", "beneficiaries.count=200", "--quiet"}

// A bad targets file gets one line naming its place and exit code 2.
func TestCalibrateRefusesBadTargetsWithTheirPlace(t *testing.T) {
	dir := t.TempDir()
	good := "targets:\n  - name: a\n    statistic: mean\n    design: collective-impact\n    metric: mean_trust\n    interval: [0.3, 0.5]\n    kind: observed\n    source: our survey\n"
	for _, c := range []struct{ from, to, want string }{
		{"statistic: mean", "statistic: median", `bad.yaml:3:16: targets[0].statistic: unknown statistic "median"`},
		{"[0.3, 0.5]", "[0.5, 0.3]", "bad.yaml:6:15: targets[0].interval: [0.5, 0.3]: the lower end above the upper"},
		{"    source: our survey\n", "", "bad.yaml:2:5: targets[0].source: missing"},
		{"design: collective-impact", "design: nowhere", `bad.yaml:2:5: target a: design "nowhere" is no built-in scenario`},
	} {
		path := filepath.Join(dir, "bad.yaml")
		if err := os.WriteFile(path, []byte(strings.Replace(good, c.from, c.to, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
		code, _, stderr := runCLI("calibrate", "--targets", path, "--out", filepath.Join(dir, "out"))
		if code != 2 || !strings.Contains(stderr, c.want) || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
			t.Errorf("%s → %s: exit %d, stderr %q; want 2 and one line with %q", c.from, c.to, code, stderr, c.want)
		}
	}
}

// A merge is one step after every shard: given a shard, from the flag or
// a job array, it is refused (it once exited 0 having merged nothing). An
// --out under a file is bad input, as for the experiments (it was exit 1).
func TestCalibrateMergeTakesNoShard(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, nil, 0o644)
	wantRefused(t, "cisim calibrate: results: cannot create output folder "+file+"/sub", append(tinyCalibration, "--out", file+"/sub")...)
	wantRefused(t, "--merge merges every shard's simulations, once, after they all finish; run it without --shard 1/2", append(tinyCalibration, "--out", t.TempDir(), "--merge", "--shard", "1/2")...)
	t.Setenv("SLURM_ARRAY_TASK_ID", "1")
	t.Setenv("SLURM_ARRAY_TASK_COUNT", "2")
	wantRefused(t, "run it without SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT (a job array's task)", append(tinyCalibration, "--out", t.TempDir(), "--merge")...)
}

// A calibration's posterior feeds a comparison: the manifest records it
// whole, and each replicate's drawn values are one particle's.
func TestACalibratedPosteriorFeedsACompare(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a calibration")
	}
	withoutRace(t)
	cal, cmp := t.TempDir(), t.TempDir()
	mustRun(t, append(tinyCalibration, "--out", cal)...)
	post := filepath.Join(cal, results.PosteriorCSV)
	mustRun(t, "compare", "--runs", "6", "--years", "1", "--set", "beneficiaries.count=200", "--quiet", "--posterior", post, "--out", cmp)
	var m results.Manifest
	b, err := os.ReadFile(filepath.Join(cmp, "manifest.json"))
	if err == nil {
		err = json.Unmarshal(b, &m)
	}
	if err != nil || m.Posterior == nil || !strings.HasPrefix(m.Posterior.Source, post) {
		t.Fatalf("manifest's posterior %+v (%v)", m.Posterior, err)
	}
	particles := map[string]bool{}
	for _, x := range m.Posterior.Particles {
		particles[results.FormatValue(x[0])] = true
	}
	col := slices.Index(m.Drawn, m.Posterior.Keys[0])
	n := 0
	err = results.ReadSummaryFile(cmp, func(r results.Record) error {
		if v := results.FormatValue(r.Drawn[col]); !particles[v] {
			t.Errorf("replicate %d of %s drew %s = %s, no particle's value", r.Replicate, r.Scenario, m.Posterior.Keys[0], v)
		}
		n++
		return nil
	})
	if err != nil || n != 12 {
		t.Fatalf("%d runs read: %v", n, err)
	}
	bad := filepath.Join(cmp, "bad.csv")
	os.WriteFile(bad, []byte("generation,particle,weight,distance,within,params.trust.gain\n0,1,1,0.5,1,oops\n"), 0o644)
	code, _, stderr := runCLI("compare", "--runs", "2", "--posterior", bad, "--out", t.TempDir())
	if code != 2 || !strings.Contains(stderr, bad+":2:13: value \"oops\" is not a number from 0 to 1") {
		t.Errorf("a bad posterior: exit %d, %q", code, stderr)
	}
}

// A calibration killed at any moment and run again gives the files of an
// uninterrupted one, byte for byte.
func TestKilledCalibrationResumesToTheSameBytes(t *testing.T) {
	if testing.Short() {
		t.Skip("kills processes")
	}
	withoutRace(t)
	whole, dir := t.TempDir(), t.TempDir()
	started := time.Now()
	cmd, stderr := cisimProcess(t, append(tinyCalibration, "--out", whole)...)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("uninterrupted: %v: %s", err, stderr)
	}
	took := time.Since(started)
	// Another calibration into the finished folder is refused before it
	// writes anything (its manifest once replaced the finished one's).
	before := snapshot(t, whole)
	wantRefused(t, "cisim calibrate: "+whole+" holds another calibration", append(tinyCalibration, "--out", whole, "--seed", "9")...)
	diffFiles(t, "a finished calibration after another was refused", before, snapshot(t, whole))
	// Another build of cisim does not carry it on: its generations would
	// be of two builds.
	other := t.TempDir()
	if err := os.CopyFS(other, os.DirFS(whole)); err != nil {
		t.Fatal(err)
	}
	editManifest(t, other, func(m map[string]any) { m["version"] = "v0.9.0" })
	wantRefused(t, "cisim calibrate: "+other+" was started by cisim v0.9.0 and this is cisim devel", append(tinyCalibration, "--out", other)...)
	for i := range 8 {
		cmd, _ := cisimProcess(t, append(tinyCalibration, "--out", dir)...)
		time.Sleep(took * time.Duration(8+11*i) / 100)
		cmd.Process.Kill()
		cmd.Wait()
		t.Logf("killed at %d%%: %s", 8+11*i, generations(t, dir))
	}
	mustRun(t, append(tinyCalibration, "--out", dir)...)
	diffFiles(t, "killed and resumed calibration vs uninterrupted", resultFiles(t, whole), resultFiles(t, dir))
}

// generations says how far a calibration folder has got.
func generations(t *testing.T, dir string) string {
	t.Helper()
	var st struct {
		Generations []json.RawMessage `json:"generations"`
	}
	b, err := os.ReadFile(filepath.Join(dir, "calibration.json"))
	if err != nil {
		return "no generation saved"
	}
	if err := json.Unmarshal(b, &st); err != nil {
		t.Fatalf("calibration.json: %v", err)
	}
	return strconv.Itoa(len(st.Generations)) + " generations saved"
}

// A merge before any shard ran is refused before it writes anything (it
// once saved a state and a running manifest, exit 1, and the folder then
// refused other runs), and a merge before every shard finished is the
// user's order of commands, exit 2.
func TestAMergeBeforeTheShardsIsRefused(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cal")
	wantRefused(t, "cisim calibrate: "+dir+" holds no calibration to merge (no calibration.json): run the shards of generation 0 first", append(tinyCalibration, "--out", dir, "--merge")...)
	for _, name := range []string{"calibration.json", "manifest.json"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			t.Errorf("the refused merge left %s", name)
		}
	}
	mustRun(t, append(tinyCalibration, "--out", dir, "--shard", "0/2")...)
	wantRefused(t, "cisim calibrate: generation 0: 8 of its particles have not been simulated by any shard", append(tinyCalibration, "--out", dir, "--merge")...)
	mustRun(t, append(tinyCalibration, "--out", dir, "--shard", "1/2")...)
	mustRun(t, append(tinyCalibration, "--out", dir, "--merge")...)
	if got := generations(t, dir); got != "1 generations saved" {
		t.Errorf("after the shards and the merge: %s", got)
	}
}
