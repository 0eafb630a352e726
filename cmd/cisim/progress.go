package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
)

// progress reports a long run on stderr: a bar with an ETA redrawn in place
// on a terminal, a plain line every few seconds otherwise (batch logs).
type progress struct {
	w        io.Writer
	unit     string // what is counted: replicates, or a sweep's point-replicates
	off, tty bool
	start    time.Time
	last     time.Time
	mu       sync.Mutex
	drawn    bool
}

func newProgress(w io.Writer, quiet bool, unit string) *progress {
	p := &progress{w: w, off: quiet, unit: unit, start: time.Now()}
	if f, ok := w.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			p.tty = true
		}
	}
	return p
}

func (p *progress) update(done, total int) {
	if p.off || total == 0 {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	elapsed := now.Sub(p.start)
	if elapsed < time.Second && done < total {
		return // anything shorter than a second needs no progress
	}
	every := 5 * time.Second
	if p.tty {
		every = 100 * time.Millisecond
	}
	if now.Sub(p.last) < every && done < total {
		return
	}
	p.last = now
	eta := "?"
	if done > 0 {
		eta = (time.Duration(float64(elapsed) / float64(done) * float64(total-done))).Round(time.Second).String()
	}
	frac := float64(done) / float64(total)
	if p.tty {
		const width = 30
		bar := strings.Repeat("█", int(frac*width)) + strings.Repeat("░", width-int(frac*width))
		fmt.Fprintf(p.w, "\r%s %5.1f%%  %d/%d %s  ETA %s   ", bar, 100*frac, done, total, p.unit, eta)
		p.drawn = true
		return
	}
	fmt.Fprintf(p.w, "progress: %d/%d %s (%.0f%%), %s elapsed, ETA %s\n", done, total, p.unit, 100*frac, elapsed.Round(time.Second), eta)
}

func (p *progress) done() {
	if p.drawn {
		fmt.Fprintln(p.w)
	}
}
