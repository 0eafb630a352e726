package class

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// TestPlayAndReconnect joins two students and a teacher, plays a round,
// and reconnects a student with its token: it has its role back.
func TestPlayAndReconnect(t *testing.T) {
	g := newFake(3)
	s, hs, _ := start(t, Options{Game: g, Base: "http://example"})
	tc, tv := teacher(t, hs, s)
	if tv.v()["code"] != s.Code() || tv.v()["join_url"] != "http://example/class/?code="+s.Code() {
		t.Fatalf("teacher view without the code and address: %s", tv.raw)
	}
	a, wa := student(t, hs, s, "Ada")
	b, _ := student(t, hs, s, "Bo")
	a.send(map[string]any{"t": "pick", "role": "city"})
	if w := a.expect("welcome"); w.str("role") != "city" {
		t.Fatalf("pick: %s", w.raw)
	}
	b.send(map[string]any{"t": "pick", "role": "city"})
	b.expectError("taken")
	b.send(map[string]any{"t": "pick", "role": "funder"})
	b.expect("welcome")
	tc.send(map[string]any{"t": "open", "seconds": 60})
	if v := a.expectV("view", "status", "open").v(); v["paused"] != false || v["seconds_left"].(float64) != 60 {
		t.Fatalf("view after open: %v", v)
	}
	a.send(map[string]any{"t": "decide", "round": 1, "d": map[string]any{"agenda": 0.7}})
	if r := a.expect("ack"); r.m["round"].(float64) != 1 {
		t.Fatalf("ack: %s", r.raw)
	}
	// Reconnect: the same token gets the role back, and the old socket is
	// closed as replaced.
	a2 := dial(t, hs)
	a2.send(map[string]any{"t": "hello", "code": strings.ToLower(s.Code()), "token": wa.str("token")})
	if w := a2.expect("welcome"); w.str("role") != "city" || w.str("token") != wa.str("token") {
		t.Fatalf("reconnect: %s", w.raw)
	}
	if v := a2.expect("view").v(); v["decision"].(float64) != 0.7 {
		t.Fatalf("reconnected view: %v", v)
	}
	a.waitClosed(StatusReplaced)
	tc.send(map[string]any{"t": "close"})
	a2.expectV("view", "status", "closed")
	if g.log[0] != "1 city 0.7" {
		t.Fatalf("the game got %v", g.log)
	}
	// Names reach the teacher, never another student.
	tc.send(map[string]any{"t": "pause"})
	tc.expectError("no round is open")
	tc.send(map[string]any{"t": "grant", "rung": 2})
	tc.expectError("no engagement rung")
	if !strings.Contains(tc.everything(), "Ada") {
		t.Error("the teacher does not see the students' names")
	}
	if strings.Contains(b.everything(), "Ada") || strings.Contains(a2.everything(), "Bo") {
		t.Error("a student's name reached another student")
	}
}

// TestHostileInput sends what a careless or hostile client might; each is
// refused and logged on one line, and the game goes on.
func TestHostileInput(t *testing.T) {
	g := newFake(2)
	s, hs, log := start(t, Options{Game: g})
	tc, _ := teacher(t, hs, s)
	a, _ := student(t, hs, s, "Ada\nrefused \"forged\" from the teacher")
	a.send(map[string]any{"t": "pick", "role": "city"})
	a.expect("welcome")
	b, _ := student(t, hs, s, "Bo")
	b.send(map[string]any{"t": "pick", "role": "funder"})
	b.expect("welcome")
	tc.send(map[string]any{"t": "open"})
	a.expectV("view", "status", "open")
	for _, c := range []struct{ frame, want string }{
		{`{"t":"decide"`, "not a message"},
		{`[1,2]`, "not a message"},
		{`{"t":"decide","round":1,"d":{"agenda":0.5}} {"t":"x"}`, "something after"},
		{`{"round":1}`, `no "t"`},
		{`{"t":"decide","round":1,"d":{"agenda":0.5},"evil":1}`, "unknown field"},
		{`{"t":"decide","round":1,"role":"funder","d":{"agenda":0.5}}`, `cannot decide for "funder"`},
		{`{"t":"decide","round":2,"d":{"agenda":0.5}}`, "round 2 is not open"},
		{`{"t":"decide","round":1}`, `needs "d"`},
		{`{"t":"decide","round":1,"d":{"agenda":7}}`, "agenda"},
		{`{"t":"open"}`, "unknown message type"},
		{`{"t":"free","role":"funder"}`, "unknown message type"},
		{`{"t":"hello","teacher":"` + s.Key() + `"}`, "hello again"},
		{`{"t":"pick","role":"funder"}`, "taken"},
		{`{"t":"pick","role":"` + strings.Repeat("x", 3000) + `"}`, "no role"},
		{"{\"t\":\"\xff\"}", "not UTF-8"},
	} {
		a.sendRaw(c.frame)
		a.expectError(c.want)
		time.Sleep(110 * time.Millisecond) // inside the rate limit
	}
	if err := a.ws.Write(t.Context(), websocket.MessageBinary, []byte("{}")); err != nil {
		t.Fatal(err)
	}
	a.expectError("only JSON text")
	// The game went on: a good decision is taken, and nothing reached the
	// other role.
	a.send(map[string]any{"t": "decide", "round": 1, "d": map[string]any{"agenda": 0.25}})
	a.expect("ack")
	if len(g.log) != 1 || g.log[0] != "1 city 0.25" {
		t.Fatalf("the game got %v", g.log)
	}
	for _, line := range strings.Split(strings.TrimSpace(log.String()), "\n") {
		if !strings.HasPrefix(line, "cisim class: refused ") || !strings.Contains(line, "playing city") {
			t.Errorf("log line %q: want a refusal of the student playing city", line)
		}
	}
	if n := strings.Count(log.String(), "\n"); n != 16 {
		t.Errorf("%d log lines for 16 refusals:\n%s", n, log)
	}
	if strings.Contains(b.everything(), "error") {
		t.Errorf("another student was told of the refusals: %s", b.everything())
	}
}

// TestOversizeAndFlood: a frame over 4 KiB closes its connection, and so
// does a sustained flood; each is logged, and the others play on.
func TestOversizeAndFlood(t *testing.T) {
	g := newFake(2)
	s, hs, log := start(t, Options{Game: g})
	big, _ := student(t, hs, s, "")
	big.sendRaw(`{"t":"pick","role":"` + strings.Repeat("x", MaxMessage) + `"}`)
	big.waitClosed(websocket.StatusMessageTooBig)
	log.waitLog(t, "over 4 KiB")

	fl, _ := student(t, hs, s, "")
	for i := 0; i < 200; i++ {
		if fl.ws.Write(t.Context(), websocket.MessageText, []byte(`{"t":"pick","role":"city"}`)) != nil {
			break // closed: the flood was stopped
		}
	}
	fl.expectError("messages a second: dropped")
	fl.waitClosed(websocket.StatusPolicyViolation)
	log.waitLog(t, "over the rate limit; the connection is closed")
	if n := strings.Count(log.String(), "messages a second: dropped"); n != 1 {
		t.Errorf("the flood's drops logged %d times; want once", n)
	}
	ok, _ := student(t, hs, s, "")
	ok.send(map[string]any{"t": "pick", "role": "funder"})
	if w := ok.expect("welcome"); w.str("role") != "funder" {
		t.Fatalf("after the flood: %s", w.raw)
	}
}

// TestHelloBounds: no hello in time, a wrong code or key, a full class,
// a page from another origin.
func TestHelloBounds(t *testing.T) {
	_, hs0, log := start(t, Options{Game: newFake(1), HelloTimeout: 200 * time.Millisecond})
	silent := dial(t, hs0)
	silent.waitClosed(StatusNoHello)
	log.waitLog(t, "no hello within 200ms")

	s, hs, _ := start(t, Options{Game: newFake(1), MaxStudents: 2})

	w := dial(t, hs)
	w.send(map[string]any{"t": "hello", "code": "AAAAAA"})
	w.expectError("wrong join code")
	w.send(map[string]any{"t": "pick", "role": "city"})
	w.expectError("say hello first")
	w.send(map[string]any{"t": "hello", "teacher": strings.Repeat("0", 32)})
	w.expectError("wrong teacher key")

	student(t, hs, s, "")
	student(t, hs, s, "")
	full := dial(t, hs)
	full.send(map[string]any{"t": "hello", "code": s.Code()})
	full.expectError("the class is full")
	full.waitClosed(StatusRefused)

	// A page served elsewhere may not open a socket here: the library's
	// origin check against the Host.
	_, resp, err := websocket.Dial(t.Context(), "ws"+strings.TrimPrefix(hs.URL, "http")+"/class/ws",
		&websocket.DialOptions{HTTPHeader: map[string][]string{"Origin": {"http://evil.example"}}})
	if err == nil || resp == nil || resp.StatusCode != 403 {
		t.Errorf("a foreign origin was let in: %v", err)
	}
}

// TestPanicRecovered: a game that panics on a decision costs that message
// only.
func TestPanicRecovered(t *testing.T) {
	g := newFake(1)
	g.panicOn = "city"
	s, hs, log := start(t, Options{Game: g})
	tc, _ := teacher(t, hs, s)
	a, _ := student(t, hs, s, "")
	a.send(map[string]any{"t": "pick", "role": "city"})
	a.expect("welcome")
	tc.send(map[string]any{"t": "open"})
	a.expectV("view", "status", "open")
	a.send(map[string]any{"t": "decide", "round": 1, "d": map[string]any{"agenda": 0.5}})
	a.expectError("could not handle")
	log.waitLog(t, "a bug in the game")
	tc.send(map[string]any{"t": "close"})
	a.expectV("view", "status", "over")
	tc.expect("debrief")
}

// TestTimerClosesAndPauses: a round closes by itself when its time is up,
// and not while it is paused.
func TestTimerClosesAndPauses(t *testing.T) {
	g := newFake(3)
	s, hs, _ := start(t, Options{Game: g})
	tc, _ := teacher(t, hs, s)
	tc.send(map[string]any{"t": "open", "seconds": 1})
	tc.expect("teacher")
	if v := tc.expect("teacher").v(); v["status"] != "closed" {
		t.Fatalf("after its second: %v", v)
	}
	tc.send(map[string]any{"t": "open", "seconds": 1})
	tc.expect("teacher")
	tc.send(map[string]any{"t": "pause"})
	if v := tc.expect("teacher").v(); v["paused"] != true {
		t.Fatalf("pause: %v", v)
	}
	time.Sleep(1500 * time.Millisecond)
	s.mu.Lock()
	_, status := g.State()
	s.mu.Unlock()
	if status != "open" {
		t.Fatalf("a paused round closed")
	}
	tc.send(map[string]any{"t": "resume"})
	tc.expect("teacher")
	if v := tc.expect("teacher").v(); v["status"] != "closed" {
		t.Fatalf("after resume: %v", v)
	}
	for _, bad := range []any{-1, 1.5, 1e9, "ten"} {
		tc.send(map[string]any{"t": "open", "seconds": bad})
		if bad == "ten" {
			tc.expectError("not a message")
		} else {
			tc.expectError("seconds")
		}
	}
}

// TestCheckpointResumesSeats: a server started again on the same folder
// has the same code and key, and a token its role.
func TestCheckpointResumesSeats(t *testing.T) {
	dir := t.TempDir()
	g := newFake(3)
	s, hs, _ := start(t, Options{Game: g, Dir: dir})
	tc, _ := teacher(t, hs, s)
	a, w := student(t, hs, s, "Ada")
	a.send(map[string]any{"t": "pick", "role": "youth"})
	a.expect("welcome")
	tc.send(map[string]any{"t": "open", "seconds": 100})
	a.expectV("view", "status", "open")
	s.Stop()
	a.waitClosed(websocket.StatusGoingAway)
	fi, err := os.Stat(filepath.Join(dir, SessionFile))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("class.json: %v %v", fi, err)
	}
	for _, f := range []string{RecordFile, CSVFile} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
	s2, hs2, _ := start(t, Options{Game: g, Dir: dir})
	if !s2.Resumed() || s2.Code() != s.Code() || s2.Key() != s.Key() {
		t.Fatalf("not the same class: resumed %v", s2.Resumed())
	}
	a2 := dial(t, hs2)
	a2.send(map[string]any{"t": "hello", "code": s.Code(), "token": w.str("token")})
	if w2 := a2.expect("welcome"); w2.str("role") != "youth" {
		t.Fatalf("after the restart: %s", w2.raw)
	}
	if v := a2.expectV("view", "status", "open").v(); v["paused"] != true || v["seconds_left"].(float64) < 99 {
		t.Fatalf("the open round's clock after the restart: %v", v)
	}
	// A damaged class.json is refused, not half used.
	os.WriteFile(filepath.Join(dir, SessionFile), []byte(`{"code":"AAAAAA","key":"x"}`), 0o600)
	if _, err := New(Options{Game: g, Dir: dir}); err == nil || !strings.Contains(err.Error(), "key") {
		t.Errorf("a bad class.json: %v", err)
	}
}
