package class

import (
	"math"
	"time"
)

// roundTimer is the open round's time limit. The wall clock is the
// server's, not the game's, so that a record replays the same whatever
// the clock did; when the time is up the round closes as if the teacher
// had closed it.
type roundTimer struct {
	limit    time.Duration // 0: the round has no time limit
	deadline time.Time     // while running
	left     time.Duration // while paused
	paused   bool
	t        *time.Timer
	gen      int // which start a firing timer belongs to: a stale one does nothing
}

// start runs a limit for a round just opened; fire is called (from the
// timer's goroutine) with the generation it was started under.
func (rt *roundTimer) start(limit time.Duration, now time.Time, fire func(gen int)) {
	rt.stop()
	rt.limit, rt.paused = limit, false
	if limit > 0 {
		rt.run(limit, now, fire)
	}
}

func (rt *roundTimer) run(d time.Duration, now time.Time, fire func(gen int)) {
	rt.gen++
	gen := rt.gen
	rt.deadline = now.Add(d)
	rt.t = time.AfterFunc(d, func() { fire(gen) })
}

// pause stops the clock with the time it has left.
func (rt *roundTimer) pause(now time.Time) {
	if rt.paused {
		return
	}
	rt.left = rt.remaining(now)
	rt.paused = true
	rt.halt()
}

// resume starts the clock again from where it was paused.
func (rt *roundTimer) resume(now time.Time, fire func(gen int)) {
	if !rt.paused {
		return
	}
	rt.paused = false
	if rt.limit > 0 {
		rt.run(rt.left, now, fire)
	}
}

// stop forgets the limit: the round is closed.
func (rt *roundTimer) stop() {
	rt.halt()
	*rt = roundTimer{gen: rt.gen}
}

func (rt *roundTimer) halt() {
	if rt.t != nil {
		rt.t.Stop()
		rt.t = nil
	}
	rt.gen++ // a timer that fired already and waits for the lock is now stale
}

// remaining is the time left, 0 without a limit.
func (rt *roundTimer) remaining(now time.Time) time.Duration {
	switch {
	case rt.limit == 0:
		return 0
	case rt.paused:
		return rt.left
	}
	return max(0, rt.deadline.Sub(now))
}

// secondsLeft is the time left in whole seconds, rounded up, as the pages
// show it: "0 s" only when the round is about to close.
func (rt *roundTimer) secondsLeft(now time.Time) int {
	return int(math.Ceil(rt.remaining(now).Seconds()))
}
