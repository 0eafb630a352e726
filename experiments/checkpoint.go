package experiments

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/cisim/cisim/results"
)

// logFile is one of a run's growing files, summary.csv or events.csv:
// rows are appended as units finish, and a checkpoint records how many of
// its bytes hold finished units.
type logFile struct {
	f *os.File
	w *bufio.Writer
}

// openLog opens a run's growing file: new with its header (keep < 0), or
// cut to keep bytes and appended to.
func openLog(dir, name, header string, keep int64) (*logFile, error) {
	f, err := results.OpenLog(dir, name, header, keep)
	if err != nil {
		return nil, err
	}
	return &logFile{f: f, w: bufio.NewWriterSize(f, 1<<16)}, nil
}

// sync writes what is buffered and makes it durable; it returns the
// file's length.
func (l *logFile) sync() (int64, error) {
	if l == nil {
		return 0, nil
	}
	err := l.w.Flush()
	if err == nil {
		err = l.f.Sync()
	}
	var n int64
	if err == nil {
		n, err = l.f.Seek(0, io.SeekCurrent)
	}
	return n, err // a *PathError: it names the file
}

func (l *logFile) close() error {
	if l == nil {
		return nil
	}
	return l.f.Close()
}

// writer is where a log's rows go: nowhere when there is no log.
func (l *logFile) writer() io.Writer {
	if l == nil {
		return io.Discard
	}
	return l.w
}

// checkpointer saves a running folder's checkpoints: its logs synced, its
// accumulators in a new checkpoint folder (unless they have not moved on
// since the last one), and a manifest, status running, that names them.
// What the manifest names is never changed afterwards: a kill at any
// moment leaves the last checkpoint whole.
type checkpointer struct {
	dir             string
	m               *results.Manifest
	accs            []*results.Accumulator
	summary, events *logFile
	every           time.Duration
	last            time.Time
	state           string // the state folder the manifest on disk names ("" none yet)
	stateDone       int    // the units that state holds
}

// due reports whether a checkpoint is due.
func (c *checkpointer) due() bool { return time.Since(c.last) >= c.every }

// save saves a checkpoint of done units (the accumulators and logs must
// hold exactly those). If it fails, the last checkpoint is kept.
func (c *checkpointer) save(done int) error {
	if err := c.write(done); err != nil {
		return fmt.Errorf("experiments: saving a checkpoint of %d units in %s: %w", done, c.dir, err)
	}
	return nil
}

func (c *checkpointer) write(done int) error {
	sb, err := c.summary.sync()
	if err != nil {
		return err
	}
	eb, err := c.events.sync()
	if err != nil {
		return err
	}
	state := c.state
	if done != c.stateDone {
		state = results.CheckpointState(done)
		if err = results.SaveState(c.dir, state, c.accs); err != nil {
			return err
		}
	}
	host, _ := os.Hostname()
	mc := *c.m
	mc.Status, mc.Done = results.StatusRunning, done
	mc.Seconds += time.Since(mc.Started).Seconds()
	mc.Checkpoint = &results.Checkpoint{State: state, SummaryBytes: sb, EventsBytes: eb, PID: os.Getpid(), Host: host}
	mc.Files = c.files(state)
	if err = results.WriteManifest(c.dir, &mc); err != nil {
		return err
	}
	if c.state != state && c.state != results.StateDir && c.state != "" {
		if err = os.RemoveAll(filepath.Join(c.dir, c.state)); err != nil {
			return fmt.Errorf("experiments: %w", err)
		}
	}
	c.state, c.stateDone, c.last = state, done, time.Now()
	return nil
}

// files are the files of the folder at a checkpoint whose state is in
// state.
func (c *checkpointer) files(state string) []string {
	files := []string{results.ManifestFile, results.SummaryFile}
	if state != "" {
		files = append(files, state)
	}
	if c.m.Events {
		files = append(files, results.EventsFile)
	}
	return files
}

// publish makes the last checkpoint the folder's saved state, in state,
// once its logs are closed.
func (c *checkpointer) publish() error {
	err := errors.Join(c.summary.close(), c.events.close())
	c.summary, c.events = nil, nil
	switch {
	case err != nil:
		return fmt.Errorf("experiments: %w", err)
	case c.state == "": // no unit ever finished: the empty accumulators
		return results.SaveState(c.dir, results.StateDir, c.accs)
	}
	return results.PublishState(c.dir, c.state)
}
