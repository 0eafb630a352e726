package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/spf13/pflag"

	"github.com/cisim/cisim/web/game"
)

// TestServeClassBadUsage: every bad flag of serve --class and of replay
// is one line and exit code 2, and nothing is written.
func TestServeClassBadUsage(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, []byte("x"), 0o644)
	bad := filepath.Join(t.TempDir(), "bad")
	os.Mkdir(bad, 0o755)
	os.WriteFile(filepath.Join(bad, "record.json"), []byte("{not json"), 0o644)
	empty := t.TempDir()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"serve", "--design", "ungas-vagar"}, "add --class"},
		{[]string{"serve", "--record", "x"}, "add --class"},
		{[]string{"serve", "--class", "--export", empty}, "give one of them"},
		{[]string{"serve", "--class", "--round", "week"}, "month or quarter"},
		{[]string{"serve", "--class", "--rounds", "0"}, "--rounds 0"},
		{[]string{"serve", "--class", "--max-students", "0"}, "--max-students 0"},
		{[]string{"serve", "--class", "--record", ""}, "needs a folder"},
		{[]string{"serve", "--class", "--record", file}, "not a folder"},
		{[]string{"serve", "--class", "--record", bad}, "another --record"},
		{[]string{"serve", "--class", "--design", "no-such-design", "--record", empty}, "no-such-design"},
		{[]string{"serve", "--class", "--addr", "8080"}, "want host:port"},
		{[]string{"replay"}, "want one record"},
		{[]string{"replay", "a", "b"}, "want one record"},
		{[]string{"replay", filepath.Join(empty, "none.json")}, "none.json"},
		{[]string{"replay", bad}, "record.json"},
		{[]string{"replay", "--csv", "", "x"}, "needs a file"},
	} {
		code, stdout, stderr := runCLI(c.args...)
		if code != 2 || stdout != "" || !strings.Contains(stderr, c.want) || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want 2 and one line with %q", c.args, code, stdout, stderr, c.want)
		}
	}
	if entries, _ := os.ReadDir(empty); len(entries) != 0 {
		t.Errorf("a refused command wrote %v", entries)
	}
}

// TestClassProcess plays a game against a real cisim serve --class
// process: a teacher and three students join, play, a student reconnects
// mid-round, the process is killed (SIGKILL: no chance to save) and
// started again on its folder, the students get their roles back, the
// game is played to its end, and cisim replay of the saved record prints
// the numbers of the teacher's last screen.
func TestClassProcess(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "game")
	const rounds = 5
	p := startClass(t, "--record", dir, "--rounds", fmt.Sprint(rounds), "--seed", "7")
	if !strings.Contains(p.stdout(), "a new game of") || !strings.Contains(p.stdout(), "/class/?code="+p.code) {
		t.Fatalf("the addresses: %s", p.stdout())
	}
	tc := dialClass(t, p.base)
	tc.send(map[string]any{"t": "hello", "teacher": p.key})
	tc.expect("teacher", nil)
	var students []*wsClient
	var tokens, roles []string
	for i := 0; i < 3; i++ {
		c := dialClass(t, p.base)
		c.send(map[string]any{"t": "hello", "code": p.code, "name": fmt.Sprintf("Student %d", i)})
		w := c.expect("welcome", nil)
		role := w["roles"].([]any)[i].(map[string]any)["id"].(string)
		c.send(map[string]any{"t": "pick", "role": role})
		c.expect("welcome", func(m map[string]any) bool { return m["role"] == role })
		students, tokens, roles = append(students, c), append(tokens, w["token"].(string)), append(roles, role)
	}
	// A hostile student: another role's decision is refused and logged.
	tc.send(map[string]any{"t": "open", "seconds": 0})
	views := playRound(t, students, 1)
	students[0].send(map[string]any{"t": "decide", "round": 1, "role": roles[1], "d": map[string]any{}})
	students[0].expect("error", nil)
	tc.send(map[string]any{"t": "close"})
	for _, c := range students {
		c.expect("view", status("closed"))
	}
	_ = views
	// Round 2: one student decides, another reloads its page mid-round.
	tc.send(map[string]any{"t": "open", "seconds": 300})
	playRound(t, students[:1], 2)
	students[1] = rejoin(t, p, tokens[1], roles[1])
	if got := p.stop(t, syscall.SIGKILL); got != -1 {
		t.Fatalf("SIGKILL: exit %d", got)
	}
	// The same folder again: the same class, the round still open.
	p2 := startClass(t, "--record", dir)
	if !strings.Contains(p2.stdout(), "resuming the game saved in "+dir+": round 2 of 5, open") || p2.code != p.code || p2.key != p.key {
		t.Fatalf("not resumed as the same class: %s", p2.stdout())
	}
	for i := range students {
		students[i] = rejoin(t, p2, tokens[i], roles[i])
	}
	tc = dialClass(t, p2.base)
	tc.send(map[string]any{"t": "hello", "teacher": p2.key})
	tc.expect("teacher", func(v map[string]any) bool { return v["paused"] == true })
	tc.send(map[string]any{"t": "resume"})
	playRound(t, students[1:], 2)
	var last map[string]any
	for r := 2; r <= rounds; r++ {
		if r > 2 {
			tc.send(map[string]any{"t": "open"})
			playRound(t, students, r)
		}
		tc.send(map[string]any{"t": "close"})
		want := map[bool]string{true: "over", false: "closed"}[r == rounds]
		last = tc.expect("teacher", status(want))
	}
	tc.expect("debrief", nil)
	checkDownloads(t, p2)
	if !strings.Contains(p.stderr.String(), "cisim class: refused \"decide\" from the student playing "+roles[0]) {
		t.Errorf("the out-of-role decision was not logged: %s", p.stderr)
	}
	logMemory(t, p2)
	if code := p2.stop(t, syscall.SIGINT); code != 0 || !strings.Contains(p2.stdout(), "the game is saved in") {
		t.Errorf("SIGINT: exit %d: %s %s", code, p2.stdout(), p2.stderr)
	}
	checkReplay(t, filepath.Join(dir, "record.json"), last)
}

// playRound has each student decide for round r, as its view allows, and
// waits for the acks.
func playRound(t *testing.T, students []*wsClient, r int) []map[string]any {
	t.Helper()
	var views []map[string]any
	for i, c := range students {
		v := c.expect("view", func(v map[string]any) bool { return v["status"] == "open" && v["round"] == float64(r) })
		c.send(map[string]any{"t": "decide", "round": r, "d": decisionFor(v, r+i)})
		c.expect("ack", nil)
		views = append(views, v)
	}
	return views
}

// decisionFor is a decision that role's view allows, varied by k.
func decisionFor(v map[string]any, k int) map[string]any {
	role, _ := v["role"].(map[string]any)
	can, _ := role["can"].(map[string]any)
	d := map[string]any{}
	if can["agenda"] == true {
		d["agenda"] = float64(k%4) / 4
	}
	if can["attend"] == true {
		d["attend"] = k%3 != 0
	}
	if can["voice"] == true {
		d["voice"] = []float64{0.4, 0.15 + float64(k%3)/20, 0.15, 0.15, 0.15}
	}
	if can["pool"] == true {
		d["pool"] = float64(k%3) / 10
	}
	return d
}

// rejoin connects with a token and checks the role comes back.
func rejoin(t *testing.T, p *classProcess, token, role string) *wsClient {
	t.Helper()
	c := dialClass(t, p.base)
	c.send(map[string]any{"t": "hello", "code": strings.ToLower(p.code), "token": token})
	if w := c.expect("welcome", nil); w["role"] != role {
		t.Fatalf("token %s… came back as %v, not %s", token[:6], w["role"], role)
	}
	return c
}

// checkDownloads fetches the record and the CSV with the key, and is
// refused without it.
func checkDownloads(t *testing.T, p *classProcess) {
	t.Helper()
	for _, f := range []string{"record.json", "decisions.csv"} {
		for key, want := range map[string]int{"": 403, p.key: 200} {
			resp, err := http.Get(p.base + "/class/" + f + "?key=" + key)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != want || want == 200 && len(b) == 0 {
				t.Errorf("GET %s with key %q: %d, %d bytes", f, key, resp.StatusCode, len(b))
			}
		}
	}
}

// logMemory states the server process's peak memory.
func logMemory(t *testing.T, p *classProcess) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", p.cmd.Process.Pid))
	if err != nil {
		return
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "VmHWM:") || strings.HasPrefix(l, "VmRSS:") {
			t.Logf("cisim serve --class: %s", strings.Join(strings.Fields(l), " "))
		}
	}
}

// checkReplay runs cisim replay on the record and checks its numbers are
// the teacher's last screen's.
func checkReplay(t *testing.T, record string, last map[string]any) {
	t.Helper()
	csv := filepath.Join(t.TempDir(), "d.csv")
	code, stdout, stderr := runCLI("replay", record, "--csv", csv)
	if code != 0 {
		t.Fatalf("replay: exit %d: %s", code, stderr)
	}
	t.Logf("cisim replay:\n%s", stdout)
	var want strings.Builder
	if err := writeFinal(&want, last); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(stdout, want.String()) || !strings.Contains(stdout, "over") {
		t.Errorf("replay printed\n%s\nthe teacher's last screen has\n%s", stdout, want.String())
	}
	if names, _, _, _ := finalNumbers(last); len(names) == 0 {
		t.Errorf("the teacher's last screen has no series: %v", last)
	}
	if fi, err := os.Stat(csv); err != nil || fi.Size() == 0 {
		t.Errorf("replay --csv: %v", err)
	}
}

// A saved game resumed with the command that started it is the same game:
// the saved overrides carry the default design's own, which the command
// line does not (it was once refused as another game).
func TestTheStartingCommandResumesItsGame(t *testing.T) {
	fs := pflag.NewFlagSet("serve", pflag.ContinueOnError)
	o := classFlags(fs)
	if err := fs.Parse([]string{"--class", "--set", "beneficiaries.count=300", "--record", "r"}); err != nil {
		t.Fatal(err)
	}
	g, err := game.New(o.config())
	if err != nil {
		t.Fatal(err)
	}
	if err := o.sameGame(fs, g.Config()); err != nil {
		t.Errorf("the starting command: %v", err)
	}
	if err := fs.Parse([]string{"--set", "beneficiaries.count=400"}); err != nil {
		t.Fatal(err)
	}
	if err := o.sameGame(fs, g.Config()); err == nil {
		t.Error("another override resumed the saved game")
	}
}
