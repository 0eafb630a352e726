package class

import (
	"fmt"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"
)

// TestLoad60Students: 60 students on loopback, each role held by one of
// them and the rest looking on (a class of 60 shares the roles in
// groups), play 20 rounds. Every round opens, every holder decides and is
// acknowledged, the onlookers try to take a taken role and are refused,
// and the round closes. It states the round's latency (close sent to
// every holder's closed view), the decisions' latency and the memory.
// Each round one holder reloads its page.
func TestLoad60Students(t *testing.T) {
	const students, rounds = 60, 20
	g := loadGame(t, rounds)
	// A round here lasts milliseconds, a class's minutes: the rate limit
	// is raised so that one decision a round stays inside it.
	s, hs, log := start(t, Options{Game: g, Dir: t.TempDir(), Rate: 1000, Burst: 1000})
	tc, _ := teacher(t, hs, s)
	roles := g.Roles()
	var holders []*client
	var tokens []string
	var others []*client
	for i := 0; i < students; i++ {
		c, w := student(t, hs, s, fmt.Sprintf("student %d", i))
		if i < len(roles) {
			c.send(map[string]any{"t": "pick", "role": roles[i].ID})
			c.expect("welcome")
			holders, tokens = append(holders, c), append(tokens, w.str("token"))
		} else {
			others = append(others, c)
		}
	}
	var roundLat, ackLat []time.Duration
	for r := 1; r <= rounds; r++ {
		tc.send(map[string]any{"t": "open", "seconds": 600})
		// Each round one holder's page reloads as the round opens: its
		// role comes back on the new socket.
		k := r % len(holders)
		holders[k] = dial(t, hs)
		holders[k].send(map[string]any{"t": "hello", "code": s.Code(), "token": tokens[k]})
		if w := holders[k].expect("welcome"); w.str("role") != roles[k].ID {
			t.Fatalf("round %d: a reload came back as %s", r, w.raw)
		}
		acks := decideAll(t, holders, r, roles)
		ackLat = append(ackLat, acks...)
		for _, c := range others {
			c.send(map[string]any{"t": "pick", "role": roles[r%len(roles)].ID})
		}
		for _, c := range others {
			c.expectError("taken")
		}
		t0 := time.Now()
		tc.send(map[string]any{"t": "close"})
		want := "closed"
		if r == rounds {
			want = "over"
		}
		for _, c := range holders {
			c.expectV("view", "status", want)
		}
		roundLat = append(roundLat, time.Since(t0))
	}
	tc.expect("debrief")
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	t.Logf("%d students (%d roles), %d rounds: round close → every holder's view p50 %v, max %v; decide → ack p50 %v, p99 %v; heap in use %.1f MiB, from the OS %.1f MiB (server and clients in one process)",
		students, len(roles), rounds, pct(roundLat, 50), pct(roundLat, 100), pct(ackLat, 50), pct(ackLat, 99),
		float64(ms.HeapInuse)/(1<<20), float64(ms.Sys)/(1<<20))
	if n := len(log.String()); n == 0 {
		t.Error("the refused picks were not logged")
	}
}

// decideAll has every holder decide for round r at once, and returns how
// long each waited for its ack.
func decideAll(t *testing.T, holders []*client, r int, roles []Role) []time.Duration {
	lat := make([]time.Duration, len(holders))
	var wg sync.WaitGroup
	for i, c := range holders {
		c.expectV("view", "status", "open")
		wg.Add(1)
		go func() {
			defer wg.Done()
			t0 := time.Now()
			c.send(map[string]any{"t": "decide", "round": r, "d": loadDecision(roles[i], r)})
			c.expect("ack")
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
	return s[max(0, min(len(s)-1, i-1))]
}
