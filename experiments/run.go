package experiments

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/cisim/cisim/results"
)

// Run runs the plan into its output folder. A complete unsharded run ends
// with every file of the folder written (Finish); a shard ends with its
// summary, state and manifest, to be merged. A cancelled context stops the
// run between units: finished units are saved, the manifest says partial,
// and the error is ErrInterrupted.
func Run(ctx context.Context, p Plan) (*results.Manifest, error) {
	if p.Precision > 0 && (p.Shards > 1 || len(p.Scenarios) < 2 || p.Batch < 1 || p.MaxRuns < p.Runs || p.Sweep != nil) {
		return nil, fmt.Errorf("experiments: a precision target needs two scenarios, no shards, no sweep, a batch and a cap of at least the first batch")
	}
	if err := results.CheckWritable(p.Out); err != nil {
		return nil, err
	}
	if err := results.ClearRun(p.Out); err != nil {
		return nil, err
	}
	drawn, err := p.Drawn()
	if err != nil {
		return nil, err
	}
	version, commit := results.BuildVersion()
	first, end := p.Slice()
	m := &results.Manifest{
		Tool: "cisim", Version: version, Commit: commit, Command: p.Command, Subcommand: p.Subcommand, Reproduce: p.Reproduce,
		Seed: p.Seed, Runs: p.Runs, Shard: p.Shard, Shards: p.Shards, First: first, End: end,
		Workers: workers(p.Workers), Started: time.Now().UTC(),
		Precision: p.Precision, Batch: p.Batch, MaxRuns: p.MaxRuns, Sweep: p.Sweep,
		Drawn: drawn, Events: p.Events && p.Sweep == nil,
	}
	for _, sc := range p.Scenarios {
		m.Scenarios = append(m.Scenarios, results.ManifestScenario{Name: sc.Name, SHA256: results.ScenarioHash(sc.Resolved), Resolved: string(sc.Resolved)})
	}
	accs, err := p.newAccumulators()
	if err != nil {
		return nil, err
	}
	return execute(ctx, p, m, accs, nil)
}

// Resume finishes a partial run in dir with the scenarios its manifest
// recorded (p.Scenarios must be those, as the caller reloaded them from
// the manifest). The result equals an uninterrupted run.
func Resume(ctx context.Context, dir string, p Plan, m *results.Manifest) (*results.Manifest, error) {
	if m.Status != results.StatusPartial {
		return nil, fmt.Errorf("experiments: %s is %s, not a partial run; nothing to resume", dir, m.Status)
	}
	accs, err := results.ReadState(dir, m.NumAccumulators())
	if err != nil {
		return nil, fmt.Errorf("experiments: cannot resume %s: %w", dir, err)
	}
	var prev files
	if prev.summary, err = os.ReadFile(filepath.Join(dir, results.SummaryFile)); err == nil && m.Events {
		prev.events, err = os.ReadFile(filepath.Join(dir, results.EventsFile))
	}
	if err != nil {
		return nil, fmt.Errorf("experiments: cannot resume %s: %w", dir, err)
	}
	if err = consistent(prev.summary, m, len(p.Scenarios), accs); err != nil {
		return nil, fmt.Errorf("experiments: cannot resume %s: %w", dir, err)
	}
	p.Out = dir
	p.Events = m.Events
	m.Workers = workers(p.Workers)
	m.Started = time.Now().UTC()
	return execute(ctx, p, m, accs, &prev)
}

// files are the contents of a folder's summary and event log.
type files struct{ summary, events []byte }

func workers(w int) int {
	if w <= 0 {
		return runtime.GOMAXPROCS(0)
	}
	return w
}

// consistent checks that a folder's summary rows and accumulators hold
// exactly the units its manifest says are done (a folder damaged between
// saving its files could otherwise be resumed into duplicate rows).
func consistent(summary []byte, m *results.Manifest, scenarios int, accs []*results.Accumulator) error {
	rows := bytes.Count(summary, []byte("\n")) - 1
	if want := m.Done * scenarios; rows != want {
		return fmt.Errorf("its summary holds %d runs but the manifest says %d are done; run it again", rows, want)
	}
	if m.Sweep == nil {
		for _, a := range accs {
			if a.Runs() != uint64(m.Done) {
				return fmt.Errorf("its state holds %d runs but the manifest says %d are done; run it again", a.Runs(), m.Done)
			}
		}
	}
	return nil
}

// execute runs units m.First+m.Done … m.End−1, appending their rows to the
// summary and their events to the event log (after prev, the files of an
// earlier part) and their series to accs, then saves everything and
// finishes the files of a complete run.
func execute(ctx context.Context, p Plan, m *results.Manifest, accs []*results.Accumulator, prev *files) (*results.Manifest, error) {
	summary, err := newPart(p.Out, results.SummaryFile, m.SummaryHeader(), prev, func(f *files) []byte { return f.summary })
	if err != nil {
		return nil, err
	}
	defer summary.discard()
	events := &part{}
	if m.Events {
		if events, err = newPart(p.Out, results.EventsFile, results.EventsHeader, prev, func(f *files) []byte { return f.events }); err != nil {
			return nil, err
		}
		defer events.discard()
	}
	var prevSummary []byte
	if prev != nil {
		prevSummary = prev.summary
	}
	interrupted, err := runUnits(ctx, p, m, accs, summary.w, events.w, prevSummary)
	if err == nil {
		err = errors.Join(summary.finish(), events.finish())
	}
	if err != nil {
		return nil, err
	}
	if err = results.SaveState(p.Out, accs); err != nil {
		return nil, err
	}
	if err = errors.Join(summary.commit(), events.commit()); err != nil {
		return nil, err
	}
	return save(p, m, accs, interrupted)
}

// part is one file of the folder being written: a temporary file that
// becomes the file once the run's state is saved.
type part struct {
	name string
	tmp  *os.File
	w    *bufio.Writer
}

// newPart starts a file with the earlier part's contents, or its header.
func newPart(dir, name, header string, prev *files, of func(*files) []byte) (*part, error) {
	tmp, err := os.CreateTemp(dir, "."+name+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("experiments: cannot write in %s: %w", dir, err)
	}
	pt := &part{name: filepath.Join(dir, name), tmp: tmp, w: bufio.NewWriterSize(tmp, 1<<16)}
	if prev != nil {
		pt.w.Write(of(prev))
	} else {
		pt.w.WriteString(header + "\n")
	}
	return pt, nil
}

func (pt *part) finish() error {
	if pt.tmp == nil {
		return nil
	}
	err := pt.w.Flush()
	if err == nil {
		err = pt.tmp.Sync()
	}
	if err == nil {
		err = pt.tmp.Close()
	}
	if err != nil {
		return fmt.Errorf("experiments: writing %s: %w", filepath.Base(pt.name), err)
	}
	return nil
}

func (pt *part) commit() error {
	if pt.tmp == nil {
		return nil
	}
	if err := os.Rename(pt.tmp.Name(), pt.name); err != nil {
		return fmt.Errorf("experiments: writing %s: %w", filepath.Base(pt.name), err)
	}
	return nil
}

func (pt *part) discard() {
	if pt.tmp != nil {
		pt.tmp.Close()
		os.Remove(pt.tmp.Name())
	}
}

// save writes the manifest of a folder whose summary and state are saved
// and, for a complete run, finishes its files.
func save(p Plan, m *results.Manifest, accs []*results.Accumulator, interrupted bool) (*results.Manifest, error) {
	m.Finished = time.Now().UTC()
	m.Seconds += m.Finished.Sub(m.Started).Seconds()
	// The summary and state are saved: say so before anything else, so
	// that a failure or a kill while the files are finished leaves a folder
	// that can be resumed (which then only finishes the files).
	m.Status = results.StatusPartial
	if m.Shards > 1 && !interrupted {
		m.Status = results.StatusShard
	}
	m.Files = []string{results.ManifestFile, results.SummaryFile, results.StateDir}
	if m.Events {
		m.Files = append(m.Files, results.EventsFile)
	}
	if err := results.WriteManifest(p.Out, m); err != nil {
		return nil, err
	}
	switch {
	case interrupted:
		return m, ErrInterrupted
	case m.Shards > 1:
		return m, nil
	}
	files, err := Finish(p.Out, m, p.Scenarios, accs)
	if err != nil {
		return nil, err
	}
	m.Status = results.StatusComplete
	m.Files = append(m.Files, files...)
	return m, results.WriteManifest(p.Out, m)
}
