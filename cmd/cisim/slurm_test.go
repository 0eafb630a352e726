package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// slurmExample is one of the job-array scripts in examples/, the
// environment that makes it small, and the same experiment as one command
// on one machine (with --workers 1, as each task gets one CPU here).
type slurmExample struct {
	script string   // file in examples/
	prefix string   // it writes results/PREFIX-ARRAYJOBID/{shard-*,merged}
	env    []string // RUNS, SAMPLES…, which the script reads
	single []string // the one-machine command, without --out
}

var slurmExamples = []slurmExample{
	{"slurm-compare.sh", "compare", []string{"RUNS=30", "SEED=1"},
		[]string{"compare", "isolated", "collective-impact", "--runs", "30", "--seed", "1"}},
	{"slurm-sobol.sh", "sobol", []string{"SAMPLES=8", "RUNS=2", "SEED=1"},
		[]string{"sensitivity", "collective-impact", "--method", "sobol", "--samples", "8", "--runs", "2", "--seed", "1",
			"--vary", "governance.power_sharing=0:1",
			"--vary", "governance.beneficiary_engagement=0:4",
			"--vary", "actors.capability_overlap=0:1",
			"--vary", "actors.value_spread=0:0.5",
			"--vary", "problem.complementarity=0:1",
			"--vary", "governance.backbone_staff=0:4",
			"--vary", "governance.meeting_interval_weeks=1:12",
			"--vary", "funding.horizon_years=1:10"}},
}

// slurmWait bounds how long one job array, or its merge, may take: the
// jobs themselves take a second or two, the rest is Slurm's scheduling.
const slurmWait = 2 * time.Minute

// The example scripts, submitted to a real Slurm as three-task job arrays,
// shard the work, submit their own merge, and the merged folder holds the
// files of one run on one machine byte for byte (manifest.json apart from
// its times and command line). .ci/slurm starts a one-node Slurm for it.
func TestSlurmJobArraysMergeToTheOneMachineFiles(t *testing.T) {
	if raceDetector {
		t.Skip("slurm: skipped under the race detector (the jobs run a cisim built apart, which -race would not cover); .ci/slurm runs it without")
	}
	requireSlurm(t)
	bin := t.TempDir()
	build := exec.Command("go", "build", "-o", filepath.Join(bin, "cisim"), ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for _, ex := range slurmExamples {
		t.Run(strings.TrimSuffix(ex.script, ".sh"), func(t *testing.T) { runSlurmExample(t, bin, ex) })
	}
}

// requireSlurm skips the test, or fails it under CISIM_REQUIRE_SLURM=1 (as
// .ci/slurm sets), unless Slurm's clients are installed and a node answers.
func requireSlurm(t *testing.T) {
	t.Helper()
	unavailable := func(msg string) {
		t.Helper()
		if os.Getenv("CISIM_REQUIRE_SLURM") == "1" {
			t.Fatalf("slurm: %s (CISIM_REQUIRE_SLURM=1: .ci/slurm should have started it)", msg)
		}
		t.Skip("slurm: " + msg + " (.ci/slurm starts a one-node Slurm and runs this test)")
	}
	for _, tool := range []string{"sbatch", "sinfo", "scontrol", "scancel"} {
		if _, err := exec.LookPath(tool); err != nil {
			unavailable(tool + " not available: " + err.Error())
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "sinfo", "-h", "-o", "%T").CombinedOutput()
	if err != nil {
		unavailable("no controller available: sinfo: " + err.Error() + ": " + strings.TrimSpace(string(out)))
	}
	// A state with a * is a node that does not respond; drained, down or
	// unknown nodes take no jobs.
	for _, state := range strings.Fields(string(out)) {
		if slices.Contains([]string{"idle", "mixed", "allocated", "completing"}, state) {
			return
		}
	}
	unavailable("no node available: sinfo lists node states " + strings.Join(strings.Fields(string(out)), ", "))
}

// runSlurmExample submits one script as a job array in a folder of its own,
// waits for the array and then for the merge its last task submits, and
// compares the merged folder with the same experiment run here.
func runSlurmExample(t *testing.T, bin string, ex slurmExample) {
	work := t.TempDir()
	script, err := filepath.Abs(filepath.Join("..", "..", "examples", ex.script))
	if err != nil {
		t.Fatal(err)
	}
	// The jobs get the submitter's environment (sbatch --export=ALL), so
	// this PATH is how they find the cisim just built.
	env := append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	// The options on the command line override the script's #SBATCH lines:
	// three tasks of one CPU fit any machine.
	array := slurmCommand(t, work, append(env, ex.env...), "sbatch", "--parsable",
		"--array=0-2", "--cpus-per-task=1", "--mem=256M", "--time=00:05:00", script)
	array, _, _ = strings.Cut(strings.TrimSpace(array), ";")
	t.Cleanup(func() { exec.Command("scancel", array).Run() })
	started := time.Now()
	waitForSlurmJob(t, work, array)
	merge := mergeJobID(t, work, array)
	t.Cleanup(func() { exec.Command("scancel", merge).Run() })
	waitForSlurmJob(t, work, merge)
	t.Logf("job array %s and merge %s: %v", array, merge, time.Since(started).Round(time.Millisecond))

	whole := filepath.Join(work, "whole")
	single := exec.Command(filepath.Join(bin, "cisim"), append(ex.single, "--workers", "1", "--quiet", "--out", whole)...)
	single.Env = withoutShardEnv(os.Environ())
	if out, err := single.CombinedOutput(); err != nil {
		t.Fatalf("%v: %v\n%s", single.Args, err, out)
	}
	merged := filepath.Join(work, "results", ex.prefix+"-"+array, "merged")
	if _, err := os.Stat(filepath.Join(merged, "manifest.json")); err != nil {
		slurmLogs(t, work)
		t.Fatalf("the merge job left no merged folder: %v", err)
	}
	diffFiles(t, ex.script+": merged job array vs one machine", resultFiles(t, whole), resultFiles(t, merged))
	sameManifests(t, filepath.Join(whole, "manifest.json"), filepath.Join(merged, "manifest.json"))
}

// slurmCommand runs one of Slurm's clients in dir and returns its stdout.
func slurmCommand(t *testing.T, dir string, env []string, name string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir, cmd.Env = dir, env
	out, err := cmd.Output()
	if err != nil {
		var stderr []byte
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = ee.Stderr
		}
		t.Fatalf("%s %s: %v: %s", name, strings.Join(args, " "), err, stderr)
	}
	return string(out)
}

var (
	// jobLine is one job, or one array task, in scontrol -o show job.
	jobLine = regexp.MustCompile(`\bJobId=(\S+) .*\bJobState=(\S+) Reason=(\S+) .*\bExitCode=(\S+)`)
	// submitted is what sbatch prints on submitting a job.
	submitted = regexp.MustCompile(`Submitted batch job (\d+)`)
)

// waitForSlurmJob polls scontrol (accounting, and so sacct, may not be set
// up) until every task of the job has ended, and fails unless each
// completed with exit code 0.
func waitForSlurmJob(t *testing.T, work, id string) {
	t.Helper()
	started := time.Now()
	for {
		out := slurmCommand(t, work, os.Environ(), "scontrol", "-o", "show", "job", id)
		tasks := jobLine.FindAllStringSubmatch(out, -1)
		if len(tasks) > 0 && !slurmRunning(tasks) || time.Since(started) > slurmWait {
			var failed []string
			for _, task := range tasks {
				if task[2] != "COMPLETED" {
					failed = append(failed, fmt.Sprintf("job %s %s (reason %s, exit code %s)", task[1], task[2], task[3], task[4]))
				}
			}
			if len(tasks) == 0 {
				t.Fatalf("job %s: no job in scontrol's answer after %v:\n%s", id, slurmWait, out)
			}
			if len(failed) > 0 {
				slurmLogs(t, work)
				t.Fatalf("after %v: %s", time.Since(started).Round(time.Second), strings.Join(failed, "; "))
			}
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// slurmRunning says whether any task may still run: a job held by a
// dependency that failed never will.
func slurmRunning(tasks [][]string) bool {
	for _, task := range tasks {
		switch task[2] {
		case "PENDING":
			if task[3] != "DependencyNeverSatisfied" {
				return true
			}
		case "CONFIGURING", "RUNNING", "COMPLETING", "REQUEUED", "RESIZING", "SUSPENDED":
			return true
		}
	}
	return false
}

// mergeJobID is the merge job that the array's last task submitted, read
// from that task's log, where its sbatch says "Submitted batch job N".
func mergeJobID(t *testing.T, work, array string) string {
	t.Helper()
	logs, _ := filepath.Glob(filepath.Join(work, "*"+array+"_2.log"))
	for _, log := range logs {
		b, _ := os.ReadFile(log)
		if m := submitted.FindSubmatch(b); m != nil {
			return string(m[1])
		}
	}
	slurmLogs(t, work)
	t.Fatalf("the last task of job array %s submitted no merge (logs %v)", array, logs)
	return ""
}

// slurmLogs shows what the jobs wrote, for a failure.
func slurmLogs(t *testing.T, work string) {
	t.Helper()
	logs, _ := filepath.Glob(filepath.Join(work, "*.log"))
	others, _ := filepath.Glob(filepath.Join(work, "slurm-*.out"))
	for _, log := range append(logs, others...) {
		b, _ := os.ReadFile(log)
		t.Logf("%s:\n%s", filepath.Base(log), b)
	}
}

// withoutShardEnv drops the variables that would make the one-machine run
// a shard, were the test itself run inside a job array.
func withoutShardEnv(env []string) []string {
	return slices.DeleteFunc(slices.Clone(env), func(kv string) bool {
		for _, name := range []string{"SLURM_ARRAY_TASK_ID=", "SLURM_ARRAY_TASK_COUNT=", "JOB_COMPLETION_INDEX=", "CISIM_SHARDS="} {
			if strings.HasPrefix(kv, name) {
				return true
			}
		}
		return false
	})
}

// sameManifests checks that two manifests differ at most in what README
// says may differ between a merge and one run: the times and the command.
func sameManifests(t *testing.T, a, b string) {
	t.Helper()
	var ma, mb map[string]any
	for path, m := range map[string]*map[string]any{a: &ma, b: &mb} {
		data, err := os.ReadFile(path)
		if err == nil {
			err = json.Unmarshal(data, m)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, k := range []string{"command", "started", "finished", "seconds"} {
		delete(ma, k)
		delete(mb, k)
	}
	for k := range ma {
		if !reflect.DeepEqual(ma[k], mb[k]) {
			t.Errorf("manifest.json: %s is %v on one machine, %v merged", k, ma[k], mb[k])
		}
	}
	for k := range mb {
		if _, ok := ma[k]; !ok {
			t.Errorf("manifest.json: merged has %s, one machine's has not", k)
		}
	}
}
