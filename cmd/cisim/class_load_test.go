package main

import (
	"fmt"
	"net/http/httptest"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cisim/cisim/web/class"
	"github.com/cisim/cisim/web/game"
)

// TestClassLoad60Students: 60 students on loopback play 20 rounds of
// web/game's default design through the class server: each role held by
// one student and the rest looking on (a class shares the roles in
// groups); each round every holder decides as its view allows and is
// acknowledged, the onlookers try to take a taken role and are refused,
// one holder's page reloads, and the round closes. It states the round's
// latency (close sent → every holder's closed view), the decisions'
// (decide → ack, a checkpoint in between) and the memory; in process
// here, against a cisim serve --class process in
// TestClassProcessLoad60Students.
func TestClassLoad60Students(t *testing.T) {
	withoutRace(t)
	g, err := game.New(game.Config{Rounds: loadRounds, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	// A round here lasts milliseconds, a class's minutes: the rate limit
	// is raised so that a decision a round stays inside it.
	srv, err := class.New(class.Options{Game: played{g}, Dir: t.TempDir(), Log: &lockedBuffer{}, Rate: 1000, Burst: 1000})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	defer hs.Close()
	defer srv.Stop()
	s := playLoad(t, hs.URL, srv.Code(), srv.Key(), 0)
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	t.Logf("in process: %s; heap in use %.1f MiB, from the OS %.1f MiB (server and 61 clients)",
		s, float64(ms.HeapInuse)/(1<<20), float64(ms.Sys)/(1<<20))
}

// TestClassProcessLoad60Students is the load test against a real cisim
// serve --class process, with its own bounds (10 messages a second a
// connection): each round lasts at least 150 ms. It states the process's
// peak memory.
func TestClassProcessLoad60Students(t *testing.T) {
	withoutRace(t)
	p := startClass(t, "--record", t.TempDir(), "--rounds", fmt.Sprint(loadRounds), "--seed", "3")
	s := playLoad(t, p.base, p.code, p.key, 150*time.Millisecond)
	t.Logf("cisim serve --class process: %s", s)
	logMemory(t, p)
	if strings.Contains(p.stderr.String(), "dropped") {
		t.Errorf("the paced load met the rate limit: %s", p.stderr)
	}
}

const loadStudents, loadRounds = 60, 20

// playLoad plays the load test's game against the server at base, each
// round lasting at least pace, and returns its figures as a sentence.
func playLoad(t *testing.T, base, code, key string, pace time.Duration) string {
	tc := dialClass(t, base)
	tc.send(map[string]any{"t": "hello", "teacher": key})
	tc.expect("teacher", nil)
	holders, tokens, others, roles := seatStudents(t, base, code, loadStudents)
	var roundLat, ackLat []time.Duration
	t0 := time.Now()
	for r := 1; r <= loadRounds; r++ {
		start := time.Now()
		tc.send(map[string]any{"t": "open", "seconds": 600})
		k := r % len(holders) // this round's reload
		holders[k] = dialClass(t, base)
		holders[k].send(map[string]any{"t": "hello", "code": code, "token": tokens[k]})
		holders[k].expect("welcome", nil)
		ackLat = append(ackLat, decideAll(t, holders, r)...)
		for _, c := range others {
			c.send(map[string]any{"t": "pick", "role": roles[r%len(roles)]})
		}
		for _, c := range others {
			c.expect("error", nil)
		}
		time.Sleep(pace - time.Since(start))
		t1 := time.Now()
		tc.send(map[string]any{"t": "close"})
		want := map[bool]string{true: "over", false: "closed"}[r == loadRounds]
		for _, c := range holders {
			c.expect("view", status(want))
		}
		roundLat = append(roundLat, time.Since(t1))
	}
	tc.expect("debrief", nil)
	wall := time.Since(t0)
	if wall > 30*time.Second {
		t.Errorf("%d rounds took %v; want under 30 s", loadRounds, wall)
	}
	return fmt.Sprintf("%d students (%d roles), %d rounds in %v: close → every holder's view p50 %v, max %v; decide → ack p50 %v, p99 %v",
		loadStudents, len(holders), loadRounds, wall.Round(time.Millisecond), pct(roundLat, 50), pct(roundLat, 100), pct(ackLat, 50), pct(ackLat, 99))
}

// seatStudents connects n students; one for each role takes it.
func seatStudents(t *testing.T, base, code string, n int) (holders []*wsClient, tokens []string, others []*wsClient, roles []string) {
	t.Helper()
	for i := 0; i < n; i++ {
		c := dialClass(t, base)
		c.send(map[string]any{"t": "hello", "code": code, "name": fmt.Sprintf("student %d", i)})
		w := c.expect("welcome", nil)
		list := w["roles"].([]any)
		if i >= len(list) {
			others = append(others, c)
			continue
		}
		role := list[i].(map[string]any)["id"].(string)
		roles = append(roles, role)
		c.send(map[string]any{"t": "pick", "role": role})
		c.expect("welcome", func(m map[string]any) bool { return m["role"] == role })
		holders, tokens = append(holders, c), append(tokens, w["token"].(string))
	}
	return holders, tokens, others, roles
}

// decideAll has every holder decide for round r at once, as its view
// allows, and returns how long each waited for its ack.
func decideAll(t *testing.T, holders []*wsClient, r int) []time.Duration {
	lat := make([]time.Duration, len(holders))
	var wg sync.WaitGroup
	for i, c := range holders {
		v := c.expect("view", func(v map[string]any) bool { return v["status"] == "open" && v["round"] == float64(r) })
		wg.Add(1)
		go func() {
			defer wg.Done()
			t0 := time.Now()
			c.send(map[string]any{"t": "decide", "round": r, "d": decisionFor(v, r+i)})
			c.expect("ack", nil)
			lat[i] = time.Since(t0)
		}()
	}
	wg.Wait()
	return lat
}

// pct is the p-th percentile of ds (100: the largest).
func pct(ds []time.Duration, p int) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	i := (len(s)*p + 99) / 100
	return s[max(0, min(len(s)-1, i-1))].Round(10 * time.Microsecond)
}
