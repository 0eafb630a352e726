package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// wantRefused runs args and checks exit code 2 and a message holding want.
func wantRefused(t *testing.T, want string, args ...string) {
	t.Helper()
	code, _, stderr := runCLI(args...)
	if code != 2 || !strings.Contains(stderr, want) || strings.Count(stderr, "\n") != 1 {
		t.Errorf("%v: exit %d, stderr %q; want 2 and one line with %q", args, code, stderr, want)
	}
}

// smallShards runs the two shards of a small compare into root/shard0 and
// root/shard1.
func smallShards(t *testing.T, root string) []string {
	t.Helper()
	var shards []string
	for i := range 2 {
		dir := filepath.Join(root, "shard"+strconv.Itoa(i))
		mustRun(t, withSmall("--shard", strconv.Itoa(i)+"/2", "--out", dir)...)
		shards = append(shards, dir)
	}
	return shards
}

// A merge never writes into a shard it merges: an --out that is a shard,
// lies inside one or holds one is refused and the shards stay as they
// were; an --out of someone else's files is refused unless --force.
func TestMergeRefusesAnOutThatWouldLoseData(t *testing.T) {
	withoutRace(t)
	root := t.TempDir()
	shards := smallShards(t, root)
	before := snapshot(t, shards[0])
	wantRefused(t, "is shard folder", "merge", "--out", shards[0], shards[0], shards[1])
	wantRefused(t, "is shard folder", "merge", "--out", filepath.Join(shards[1], "merged"), shards[0], shards[1])
	wantRefused(t, "lies inside --out", "merge", "--out", root, shards[0], shards[1])
	diffFiles(t, "a shard after the refused merges", before, snapshot(t, shards[0]))
	mine := filepath.Join(root, "mine")
	os.MkdirAll(mine, 0o755)
	os.WriteFile(filepath.Join(mine, "notes.txt"), []byte("my notes"), 0o644)
	wantRefused(t, "holds files of no cisim run (notes.txt)", "merge", "--out", mine, shards[0], shards[1])
	if b, _ := os.ReadFile(filepath.Join(mine, "notes.txt")); string(b) != "my notes" {
		t.Errorf("a refused merge changed notes.txt: %q", b)
	}
	// A shard whose summary lost its last row (a copy cut short), holds
	// one twice or has its rows out of order is refused, naming its file.
	for _, c := range []struct {
		what string
		edit func(rows []string) []string
		want string
	}{
		{"cut", func(r []string) []string { return r[:len(r)-1] }, "summary.csv holds 11 rows; its manifest says 12 are done"},
		{"doubled", func(r []string) []string { return append(r, r[len(r)-1]) }, "summary.csv line 14: more rows than the 12"},
		{"swapped", func(r []string) []string { r[1], r[2] = r[2], r[1]; return r }, "summary.csv line 2: collective-impact, replicate 6, point 0, seed 1 where its manifest wants isolated"},
	} {
		bad := filepath.Join(root, c.what)
		if err := os.CopyFS(bad, os.DirFS(shards[1])); err != nil {
			t.Fatal(err)
		}
		b, _ := os.ReadFile(filepath.Join(bad, "summary.csv"))
		rows := c.edit(strings.Split(strings.TrimSuffix(string(b), "\n"), "\n"))
		os.WriteFile(filepath.Join(bad, "summary.csv"), []byte(strings.Join(rows, "\n")+"\n"), 0o644)
		wantRefused(t, filepath.Join(bad, c.want), "merge", "--out", filepath.Join(root, "m-"+c.what), shards[0], bad)
		if _, err := os.Stat(filepath.Join(root, "m-"+c.what)); err == nil {
			t.Errorf("a refused merge (%s) left its --out folder", c.what)
		}
	}
	mustRun(t, "merge", "--quiet", "--force", "--out", mine, shards[0], shards[1])
	if manifestStatus(t, mine) != "complete" {
		t.Error("merge --force did not finish")
	}
	entries, _ := os.ReadDir(root)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("merge left %s beside its output", e.Name())
		}
	}
}

// A shard whose files changed after it finished (an event log cut or
// reordered, a summary's value edited, saved accumulators damaged), whose
// manifest says it did less than its share or other units than the
// shards beside it, or that another build of cisim wrote, is refused.
func TestMergeRefusesAShardChangedAfterItFinished(t *testing.T) {
	withoutRace(t)
	root := t.TempDir()
	shards := smallShards(t, root)
	lines := func(rel string, edit func(r []string) []string) func(dir string) {
		return func(dir string) {
			b, _ := os.ReadFile(filepath.Join(dir, rel))
			r := edit(strings.Split(strings.TrimSuffix(string(b), "\n"), "\n"))
			os.WriteFile(filepath.Join(dir, rel), []byte(strings.Join(r, "\n")+"\n"), 0o644)
		}
	}
	manifest := func(edits map[string]any) func(dir string) {
		return func(dir string) { editManifest(t, dir, func(m map[string]any) { maps.Copy(m, edits) }) }
	}
	changed := "is not the file its shard wrote"
	for _, c := range []struct {
		what string
		edit func(dir string)
		want string
	}{
		{"events-cut", lines("events.csv", func(r []string) []string { return r[:len(r)-1] }), "events.csv " + changed},
		{"events-swapped", lines("events.csv", func(r []string) []string { r[1], r[len(r)-1] = r[len(r)-1], r[1]; return r }), "events.csv " + changed},
		{"value-edited", lines("summary.csv", func(r []string) []string { r[1] = strings.Replace(r[1], ",0.", ",1.", 1); return r }), "summary.csv " + changed},
		{"state", func(dir string) {
			f := filepath.Join(dir, "state", "scenario-0.acc")
			b, _ := os.ReadFile(f)
			b[len(b)/2] ^= 1
			os.WriteFile(f, b, 0o644)
		}, "scenario-0.acc " + changed},
		{"no-sums", manifest(map[string]any{"sha256": nil}), "records no checksums"},
		{"done", manifest(map[string]any{"replicates_done": 5}), "says 5 of its 6 units are done"},
		{"first", manifest(map[string]any{"first_replicate": 5}), "holds units 5–12 where the shard before it ends at 6"},
		{"end", manifest(map[string]any{"end_replicate": 11, "replicates_done": 5}), "the shards end at unit 11 of the experiment's 12"},
		{"build", manifest(map[string]any{"commit": "0123abc"}), "run every shard with one build"},
	} {
		bad := filepath.Join(root, c.what)
		if err := os.CopyFS(bad, os.DirFS(shards[1])); err != nil {
			t.Fatal(err)
		}
		c.edit(bad)
		wantRefused(t, c.want, "merge", "--out", filepath.Join(root, "m-"+c.what, "deep", "er"), shards[0], bad)
		if _, err := os.Stat(filepath.Join(root, "m-"+c.what)); err == nil {
			t.Errorf("a refused merge (%s) left the folders it made for --out", c.what)
		}
	}
	mustRun(t, "merge", "--quiet", "--out", filepath.Join(root, "merged"), shards[0], shards[1])
	// A shard is not a run to discover in: merged, it is.
	wantRefused(t, shards[1]+" is shard 1/2 of a run, not the whole run; merge the shards", "discover", shards[1], "--above", "0")
}

// A run refuses an --out folder that holds files of no cisim run (a
// colleague's summary.csv) and leaves them alone; --force writes there.
func TestRunRefusesAFolderOfForeignFiles(t *testing.T) {
	withoutRace(t)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "summary.csv"), []byte("my,own\n1,2\n"), 0o644)
	wantRefused(t, "holds files of no cisim run (summary.csv)", withSmall("--out", dir)...)
	if b, _ := os.ReadFile(filepath.Join(dir, "summary.csv")); string(b) != "my,own\n1,2\n" {
		t.Errorf("a refused run changed summary.csv: %q", b)
	}
	mustRun(t, withSmall("--out", dir, "--force")...)
	// A folder of an earlier cisim run is replaced without --force.
	mustRun(t, withSmall("--out", dir)...)
}

// The result files follow the umask, as any file a user makes does (they
// were once all 0600): under umask 027, files are 0640 and folders 0750.
func TestResultFilesFollowTheUmask(t *testing.T) {
	withoutRace(t)
	old := syscall.Umask(0o027)
	defer syscall.Umask(old)
	dir := filepath.Join(t.TempDir(), "out")
	mustRun(t, withSmall("--out", dir)...)
	for name, want := range map[string]os.FileMode{
		"summary.csv": 0o640, "manifest.json": 0o640, "report.html": 0o640, "timeseries.csv": 0o640,
		"state/scenario-0.acc": 0o640, "plots/final_outcome_rate.png": 0o640, "plots": 0o750 | os.ModeDir, ".": 0o750 | os.ModeDir,
	} {
		st, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode() != want {
			t.Errorf("%s: mode %v, want %v", name, st.Mode(), want)
		}
	}
}

// Flags that would be silently ignored or fight each other are refused.
func TestConflictingAndEmptyFlagsAreRefused(t *testing.T) {
	out := t.TempDir()
	wantRefused(t, "invalid --years 0", "compare", "--years", "0", "--out", out)
	wantRefused(t, "both set the horizon", "compare", "--years", "1", "--set", "horizon.years=3", "--out", out)
	wantRefused(t, "--years 1 and --set horizon={years: 3} both set the horizon", "compare", "--years", "1", "--set", "horizon={years: 3}", "--out", out)
	wantRefused(t, "--set horizon={years: 300}: sets what horizon.years=1 sets too; give one",
		"compare", "--set", "horizon.years=1", "--set", "horizon={years: 300}", "--out", out)
	wantRefused(t, "--set governance={power_sharing: 0.3} sets governance.power_sharing, which this command varies at its points",
		"sweep", "isolated", "--vary", "governance.power_sharing=0:1", "--set", "governance={power_sharing: 0.3}", "--out", out)
	wantRefused(t, "invalid --checkpoint 0s", "compare", "--checkpoint", "0", "--out", out)
	wantRefused(t, "invalid --years 0", "sweep", "collective-impact", "--vary", "governance.backbone_staff=0:2", "--years", "0", "--out", out)
	wantRefused(t, "given twice", "compare", "-", "-", "--out", out)
}

// Fewer than 10 replicates draw a warning, and the intervals stay within
// what the metric can take: a rate's in [0, 1] (with 2 runs a t interval
// once read [0.161, 1.114]).
func TestFewRunsWarnAndIntervalsAreClipped(t *testing.T) {
	withoutRace(t)
	code, stdout, stderr := runCLI("compare", "--runs", "2", "--years", "2", "--json", "--out", t.TempDir())
	if code != 0 || !strings.Contains(stderr, "warning: with 2 replicates the intervals say little") {
		t.Fatalf("exit %d, stderr %q; want a warning", code, stderr)
	}
	var v struct {
		Scenarios []struct {
			Metrics map[string]struct {
				Lo *float64 `json:"ci95_lo"`
				Hi *float64 `json:"ci95_hi"`
			} `json:"metrics"`
		} `json:"scenarios"`
	}
	if err := json.Unmarshal([]byte(stdout), &v); err != nil {
		t.Fatal(err)
	}
	if len(v.Scenarios) != 2 {
		t.Fatalf("want two scenarios in %s", stdout)
	}
	for _, s := range v.Scenarios {
		e := s.Metrics["outcome_rate"]
		if e.Lo == nil || e.Hi == nil || *e.Lo < 0 || *e.Hi > 1 {
			t.Errorf("outcome_rate interval outside [0, 1]: %v", e)
		}
	}
}

// With the job array's variables set, the run says on stderr that it is
// a shard and from which variables.
func TestShardFromTheEnvironmentIsSaid(t *testing.T) {
	t.Setenv("SLURM_ARRAY_TASK_ID", "1")
	t.Setenv("SLURM_ARRAY_TASK_COUNT", "4")
	_, _, stderr := runCLI("compare", "--runs", "12", "--years", "1", "--out", t.TempDir())
	if !strings.Contains(stderr, "shard 1/4, from SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT") {
		t.Errorf("stderr %q does not say where the shard came from", stderr)
	}
}

// While a process writes a run, a second may neither resume its folder
// nor start a new run there.
func TestALiveRunsFolderIsRefused(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a process")
	}
	root := t.TempDir()
	shards := smallShards(t, root)
	done := filepath.Join(root, "done")
	mustRun(t, withSmall("--out", done)...)
	dir := filepath.Join(root, "live")
	cmd, _ := cisimProcess(t, "compare", "--runs", "100000", "--years", "3", "--quiet", "--out", dir)
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	waitForFile(t, filepath.Join(dir, "manifest.json"))
	wantRefused(t, "is being written by another cisim", "compare", "--quiet", "--resume", dir)
	wantRefused(t, "is being written by another cisim", withSmall("--out", dir)...)
	wantRefused(t, "is being written by another cisim", "merge", "--quiet", "--out", dir, shards[0], shards[1])
	wantRefused(t, "is being written by another cisim", "discover", done, "--above", "0", "--out", dir)
	wantRefused(t, "cisim calibrate: results: "+dir+" is being written by another cisim", append(tinyCalibration, "--out", dir)...)
	// A calibration killed on the way is finished by its own command (it
	// has no --resume), and says so.
	editManifest(t, done, func(m map[string]any) {
		m["subcommand"], m["status"], m["command"] = "calibrate", "running", "cisim calibrate --out "+done
	})
	wantRefused(t, "holds an unfinished calibration that its command would finish (cisim calibrate --out "+done+")", withSmall("--out", done)...)
	// After a generation's merge, that command would merge nothing: the
	// one that reproduces the calibration carries it on.
	editManifest(t, done, func(m map[string]any) {
		m["command"], m["reproduce"] = "cisim calibrate --out "+done+" --merge", "cisim calibrate --seed 1"
	})
	wantRefused(t, "that its command would finish (cisim calibrate --seed 1 --out "+done+")", withSmall("--out", done)...)
	// Shards running, with no manifest yet: a calibration, not someone's
	// files.
	sharded := t.TempDir()
	os.WriteFile(filepath.Join(sharded, "calibration.json"), []byte("{}"), 0o644)
	wantRefused(t, "holds a calibration whose shards are running or done", withSmall("--out", sharded)...)
}

// The first signal stops the command (which then saves and exits 130 or
// 143); the second exits at once with the shell's code for it. (Two
// signals sent to a process at once arrive as one, so this is tested on
// the watcher itself.)
func TestASecondSignalExitsAtOnce(t *testing.T) {
	signals := make(chan os.Signal, 2)
	var stopped os.Signal
	exited := make(chan int)
	go watchSignals(signals, func(s os.Signal) { stopped = s }, func(code int) { exited <- code })
	signals <- syscall.SIGTERM
	signals <- syscall.SIGINT
	select {
	case code := <-exited:
		if stopped != syscall.SIGTERM || code != 130 {
			t.Errorf("stopped by %v, exit %d; want SIGTERM, then 130 for the second (SIGINT)", stopped, code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the second signal did not exit")
	}
}

// cisim --version and cisim version print the version; cisim help COMMAND
// is that command's --help; --help exits 0 on every command.
func TestVersionAndHelpOfEveryCommand(t *testing.T) {
	for _, args := range [][]string{{"--version"}, {"version"}} {
		if code, stdout, _ := runCLI(args...); code != 0 || !strings.HasPrefix(stdout, "cisim ") || !strings.Contains(stdout, "go1.") {
			t.Errorf("%v: exit %d, %q", args, code, stdout)
		}
	}
	for _, c := range commandTable() {
		code, stdout, stderr := runCLI(c.name, "--help")
		if code != 0 || stdout == "" {
			t.Errorf("%s --help: exit %d, stdout %q, stderr %q", c.name, code, stdout, stderr)
		}
		if code, viaHelp, _ := runCLI("help", c.name); code != 0 || viaHelp != stdout {
			t.Errorf("help %s: exit %d, and not the same text as %s --help", c.name, code, c.name)
		}
	}
	// and after a subcommand of scenarios and targets (show --help once
	// looked for a file named --help), and after completion's shell
	for _, c := range []string{"scenarios", "targets"} {
		for _, sub := range []string{"list", "show", "validate"} {
			if code, stdout, stderr := runCLI(c, sub, "--help"); code != 0 || !strings.HasPrefix(stdout, "Usage:") {
				t.Errorf("%s %s --help: exit %d, stdout %q, stderr %q", c, sub, code, stdout, stderr)
			}
		}
	}
	for _, args := range [][]string{{"bash", "--help"}, {"bash", "--help=true"}, {"-h", "fish"}} {
		if code, stdout, stderr := runCLI(append([]string{"completion"}, args...)...); code != 0 || !strings.HasPrefix(stdout, "Usage:") {
			t.Errorf("completion %v: exit %d, stdout %q, stderr %q", args, code, stdout, stderr)
		}
	}
	wantRefused(t, "cisim completion: unknown flag: --bogus", "completion", "bash", "--bogus")
	wantRefused(t, "unknown command", "help", "frobnicate")
}

// docs/FAULTS.md lists at least 40 hostile inputs and faults, and every
// row names a test of the repository that checks it.
func TestFaultsTableNamesRealTests(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "FAULTS.md"))
	if err != nil {
		t.Fatal(err)
	}
	defined := map[string]bool{}
	filepath.WalkDir(filepath.Join("..", ".."), func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, "_test.go") {
			b, _ := os.ReadFile(p)
			for _, m := range regexp.MustCompile(`(?m)^func (Test\w+|Fuzz\w+)\(`).FindAllSubmatch(b, -1) {
				defined[string(m[1])] = true
			}
		}
		return nil
	})
	rows := 0
	for _, line := range strings.Split(string(doc), "\n") {
		cells := strings.Split(line, "|")
		if !strings.HasPrefix(line, "| ") || len(cells) < 4 || strings.HasPrefix(line, "| input |") || strings.HasPrefix(line, "| fault |") {
			continue
		}
		rows++
		names := regexp.MustCompile("`((?:Test|Fuzz)\\w+)`").FindAllStringSubmatch(cells[len(cells)-2], -1)
		if len(names) == 0 {
			t.Errorf("row names no test: %s", line)
		}
		for _, n := range names {
			if !defined[n[1]] {
				t.Errorf("row names %s, which no test file defines", n[1])
			}
		}
	}
	if rows < 40 {
		t.Errorf("%d rows, want at least 40", rows)
	}
}

// Comments name only documents of the repository (docs/MODEL.md, not a
// brief kept elsewhere), by their path from its root or from the file.
func TestCommentsNameOnlyFilesInTheRepository(t *testing.T) {
	root := filepath.Join("..", "..")
	ref := regexp.MustCompile(`//.*?([\w./-]+\.md)\b`)
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".go") {
			return nil
		}
		b, _ := os.ReadFile(p)
		for _, m := range ref.FindAllSubmatch(b, -1) {
			_, fromRoot := os.Stat(filepath.Join(root, string(m[1])))
			_, fromHere := os.Stat(filepath.Join(filepath.Dir(p), string(m[1])))
			if fromRoot != nil && fromHere != nil {
				t.Errorf("%s: a comment names %s, which is not in the repository", p, m[1])
			}
		}
		return nil
	})
}

// The bash completion script completes commands, a command's flags and
// built-in scenario names (run in bash where it is installed); the zsh
// and fish scripts are written for every command.
func TestCompletion(t *testing.T) {
	_, script, _ := runCLI("completion", "bash")
	for _, shell := range []string{"zsh", "fish"} {
		if code, out, _ := runCLI("completion", shell); code != 0 || !strings.Contains(out, "sensitivity") {
			t.Errorf("completion %s: exit %d", shell, code)
		}
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash to run the completion in")
	}
	for line, want := range map[string]string{
		"cisim sen":               "sensitivity",
		"cisim compare --ru":      "--runs",
		"cisim compare isol":      "isolated",
		"cisim scenarios va":      "validate",
		"cisim merge --for":       "--force",
		"cisim completion fi":     "fish",
		"cisim sweep --checkpoi":  "--checkpoint",
		"cisim discover --min-de": "--min-density",
	} {
		words := strings.Fields(line)
		prog := script + fmt.Sprintf("\nCOMP_WORDS=(%s); COMP_CWORD=%d; _cisim; echo \"${COMPREPLY[@]}\"\n", line, len(words)-1)
		out, err := exec.Command(bash, "-c", prog).CombinedOutput()
		if err != nil || !slices.Contains(strings.Fields(string(out)), want) {
			t.Errorf("%q completes to %q (%v), want %s among them", line, out, err, want)
		}
	}
}

// editManifest rewrites a folder's manifest through edit.
func editManifest(t *testing.T, dir string, edit func(m map[string]any)) {
	t.Helper()
	path := filepath.Join(dir, "manifest.json")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	edit(m)
	b, _ = json.Marshal(m)
	os.WriteFile(path, b, 0o644)
}

// A manifest is a file anyone can edit or send: a resume refuses one
// whose checkpoint names a folder outside (it once deleted that folder),
// negative lengths (once a panic) and a log cut in the middle of a row.
// A folder killed before its first checkpoint, with nothing but its
// manifest, starts again and gives the files of an uninterrupted run.
func TestEditedManifestsAreRefusedAndAFreshFolderStartsAgain(t *testing.T) {
	withoutRace(t)
	args := []string{"--runs", "12", "--years", "2", "--quiet", "--checkpoint", "1ms"}
	whole := t.TempDir()
	mustRun(t, append([]string{"compare", "--out", whole}, args...)...)
	root := t.TempDir()
	victim := filepath.Join(root, "victim")
	os.MkdirAll(victim, 0o755)
	os.WriteFile(filepath.Join(victim, "precious.txt"), []byte("mine"), 0o644)
	for _, c := range []struct {
		want string
		edit func(m map[string]any, ck map[string]any)
	}{
		{"no checkpoint folder of cisim's", func(m, ck map[string]any) { ck["state"] = "../victim" }},
		{"shorter than its last checkpoint says", func(m, ck map[string]any) { ck["summary_bytes"] = -5 }},
		{"does not end in a whole row", func(m, ck map[string]any) { ck["events_bytes"] = ck["events_bytes"].(float64) - 7 }},
	} {
		dir := filepath.Join(root, "killed")
		os.RemoveAll(dir)
		exec.Command("cp", "-a", whole, dir).Run()
		editManifest(t, dir, func(m map[string]any) {
			ck := map[string]any{"state": ".checkpoint-6", "summary_bytes": float64(len(snapshot(t, dir)["summary.csv"])),
				"events_bytes": float64(len(snapshot(t, dir)["events.csv"]))}
			os.Rename(filepath.Join(dir, "state"), filepath.Join(dir, ".checkpoint-6"))
			m["status"], m["checkpoint"] = "running", ck
			c.edit(m, ck)
		})
		wantRefused(t, c.want, "compare", "--quiet", "--resume", dir)
	}
	if b, err := os.ReadFile(filepath.Join(victim, "precious.txt")); err != nil || string(b) != "mine" {
		t.Errorf("a refused resume touched a folder outside: %v", err)
	}
	fresh := filepath.Join(root, "fresh")
	os.MkdirAll(fresh, 0o755)
	b, _ := os.ReadFile(filepath.Join(whole, "manifest.json"))
	os.WriteFile(filepath.Join(fresh, "manifest.json"), b, 0o644)
	editManifest(t, fresh, func(m map[string]any) {
		m["status"], m["replicates_done"], m["checkpoint"] = "running", 0, map[string]any{}
	})
	mustRun(t, "compare", "--quiet", "--resume", fresh)
	diffFiles(t, "a folder killed before its first checkpoint, resumed, vs uninterrupted", resultFiles(t, whole), resultFiles(t, fresh))
}

// A merge clears the folders killed merges into the same --out left
// beside it.
func TestMergeClearsWhatKilledMergesLeft(t *testing.T) {
	withoutRace(t)
	root := t.TempDir()
	shards := smallShards(t, root)
	stale := filepath.Join(root, ".merged.tmp-123")
	os.MkdirAll(stale, 0o755)
	os.WriteFile(filepath.Join(stale, "summary.csv"), []byte("half"), 0o644)
	mustRun(t, "merge", "--quiet", "--out", filepath.Join(root, "merged"), shards[0], shards[1])
	if _, err := os.Stat(stale); err == nil {
		t.Error("a killed merge's folder is still beside --out")
	}
}

// A discovery written into its run's folder is listed in the run's
// manifest, so a new run there removes it with the run's files; a folder
// of its own may hold an earlier discovery and nothing else (no one's
// notes, no file of that name that is not one, no other run) unless
// --force; and a run whose summary lost a row is refused, naming the file.
func TestDiscoverKeepsToItsFolders(t *testing.T) {
	withoutRace(t)
	root := t.TempDir()
	run, other := filepath.Join(root, "run"), filepath.Join(root, "other")
	mustRun(t, withSmall("--out", run)...)
	mustRun(t, withSmall("--out", other, "--seed", "2")...)
	mustRun(t, "discover", run, "--above", "0")
	var m struct{ Files []string }
	b, _ := os.ReadFile(filepath.Join(run, "manifest.json"))
	json.Unmarshal(b, &m)
	for _, f := range []string{"discovery.csv", "discovery_trajectory.csv", "discovery.html"} {
		if !slices.Contains(m.Files, f) {
			t.Errorf("the run's manifest does not list %s: %v", f, m.Files)
		}
	}
	for _, f := range m.Files {
		if _, err := os.Stat(filepath.Join(run, f)); err != nil {
			t.Errorf("the manifest lists %s, which is not there", f)
		}
	}
	mine := filepath.Join(root, "mine")
	os.MkdirAll(mine, 0o755)
	os.WriteFile(filepath.Join(mine, "discovery.csv"), []byte("my own table\n"), 0o644)
	wantRefused(t, "holds files of no cisim run (discovery.csv)", "discover", run, "--above", "0", "--out", mine)
	if got, _ := os.ReadFile(filepath.Join(mine, "discovery.csv")); string(got) != "my own table\n" {
		t.Errorf("a refused discovery changed discovery.csv: %q", got)
	}
	mustRun(t, "discover", run, "--above", "0", "--out", mine, "--force")
	wantRefused(t, "holds a cisim run of its own", "discover", run, "--above", "0", "--out", other)
	fresh := filepath.Join(root, "fresh")
	mustRun(t, "discover", run, "--above", "0", "--out", fresh)
	mustRun(t, "discover", run, "--above", "0", "--out", fresh) // its own earlier discovery
	mustRun(t, withSmall("--out", run, "--seed", "3")...)
	if _, err := os.Stat(filepath.Join(run, "discovery.html")); err == nil {
		t.Error("a new run left the earlier run's discovery.html beside its files")
	}
	b, _ = os.ReadFile(filepath.Join(other, "summary.csv"))
	os.WriteFile(filepath.Join(other, "summary.csv"), b[:bytes.LastIndexByte(b[:len(b)-1], '\n')+1], 0o644)
	wantRefused(t, filepath.Join(other, "summary.csv")+" holds 23 rows; its manifest says 24 are done", "discover", other, "--above", "0")
	wantRefused(t, "holds 23 rows", "discover", other, "--above", "0", "--out", filepath.Join(root, "new", "deep"))
	if _, err := os.Stat(filepath.Join(root, "new")); err == nil {
		t.Error("a refused discovery left the folders it made for --out")
	}
}

// A discovery that draws no plot removes the plot an earlier one drew, in
// the run's folder (and from its manifest) and in a folder of its own; a
// folder of its own holds an earlier discovery only beside its table of
// boxes, and its plots folder only a discovery's plots.
func TestDiscoverLeavesNoStaleFiles(t *testing.T) {
	withoutRace(t)
	root := t.TempDir()
	run, own := filepath.Join(root, "run"), filepath.Join(root, "own")
	mustRun(t, "compare", "--runs", "60", "--years", "2", "--quiet", "--out", run)
	plot := filepath.Join("plots", "discovery_tradeoff.svg")
	drawn := []string{"--metric", "mean_trust", "--above", "0.3", "--quiet"}
	none := []string{"--metric", "mean_trust", "--above", "0.99", "--quiet"}
	for _, out := range []string{run, own} {
		mustRun(t, append([]string{"discover", run, "--out", out}, drawn...)...)
		if _, err := os.Stat(filepath.Join(out, plot)); err != nil {
			t.Fatalf("the discovery drew no plot in %s: %v", out, err)
		}
		mustRun(t, append([]string{"discover", run, "--out", out}, none...)...)
		if _, err := os.Stat(filepath.Join(out, plot)); err == nil {
			t.Errorf("a discovery with no plot left the earlier one's in %s", out)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(run, "manifest.json")); bytes.Contains(b, []byte("discovery_tradeoff")) {
		t.Error("the run's manifest still lists the plot")
	}
	if _, err := os.Stat(filepath.Join(own, "plots")); err == nil {
		t.Error("an empty plots folder was left")
	}
	os.MkdirAll(filepath.Join(own, "plots"), 0o755)
	os.WriteFile(filepath.Join(own, "plots", "mine.png"), []byte("my plot"), 0o644)
	wantRefused(t, "holds files of no cisim run (plots)", append([]string{"discover", run, "--out", own}, drawn...)...)
	theirs := filepath.Join(root, "theirs")
	os.MkdirAll(theirs, 0o755)
	os.WriteFile(filepath.Join(theirs, "discovery.html"), []byte("<p>my page"), 0o644)
	wantRefused(t, "holds files of no cisim run (discovery.html)", append([]string{"discover", run, "--out", theirs}, drawn...)...)
	if b, _ := os.ReadFile(filepath.Join(theirs, "discovery.html")); string(b) != "<p>my page" {
		t.Errorf("a refused discovery changed discovery.html: %q", b)
	}
}
