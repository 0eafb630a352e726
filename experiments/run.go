package experiments

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/cisim/cisim/results"
)

// Run runs the plan into its output folder. A complete unsharded run ends
// with every file of the folder written (Finish); a shard ends with its
// summary, state and manifest, to be merged. While it runs, the folder
// holds a checkpoint of its finished units (status running), so that a
// run killed at any moment can be resumed. A cancelled context stops the
// run between units: finished units are saved, the manifest says partial,
// and the error is ErrInterrupted.
func Run(ctx context.Context, p Plan) (*results.Manifest, error) {
	if p.Precision > 0 && (p.Shards > 1 || len(p.Scenarios) < 2 || p.Batch < 1 || p.MaxRuns < p.Runs || p.Sweep != nil) {
		return nil, fmt.Errorf("experiments: a precision target needs two scenarios, no shards, no sweep, a batch and a cap of at least the first batch")
	}
	lock, err := results.Lock(p.Out)
	if err != nil {
		return nil, err
	}
	defer lock.Close()
	if err = results.CheckOutput(p.Out, p.Force); err != nil {
		return nil, err
	}
	if err = results.CheckWritable(p.Out); err != nil {
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
		Drawn: drawn, Events: p.Events, Parquet: p.Parquet,
	}
	for _, sc := range p.Scenarios {
		m.Scenarios = append(m.Scenarios, results.ManifestScenario{Name: sc.Name, SHA256: results.ScenarioHash(sc.Resolved), Resolved: string(sc.Resolved)})
	}
	if len(p.Scenarios) > 0 {
		m.Posterior = results.NewManifestPosterior(p.Scenarios[0].Scenario.Posterior)
	}
	accs, err := p.newAccumulators()
	if err != nil {
		return nil, err
	}
	starting := *m // running, nothing done: what a kill from here on leaves to resume
	starting.Status, starting.Checkpoint = results.StatusRunning, &results.Checkpoint{}
	starting.Files = []string{results.ManifestFile, results.SummaryFile, results.EventsFile}
	if err = results.ClearRun(p.Out, &starting); err != nil {
		return nil, err
	}
	return execute(ctx, p, m, accs, from{summaryBytes: -1, eventsBytes: -1})
}

// Resume finishes a partial run in dir, or one killed while it ran, from
// its last checkpoint, with the scenarios its manifest recorded
// (p.Scenarios must be those, as the caller reloaded them from the
// manifest). The result equals an uninterrupted run.
func Resume(ctx context.Context, dir string, p Plan, m *results.Manifest) (*results.Manifest, error) {
	lock, err := results.Lock(dir)
	if err != nil {
		return nil, err
	}
	defer lock.Close()
	// Read again under the lock: another process may have moved it on.
	now, err := results.ReadManifest(dir)
	if err != nil || now.Identity() != m.Identity() {
		return nil, fmt.Errorf("experiments: %s changed while it was read; try again", dir)
	}
	m = now
	if m.Status != results.StatusPartial && m.Status != results.StatusRunning {
		return nil, fmt.Errorf("experiments: %s is %s, not a partial run; nothing to resume", dir, m.Status)
	}
	if err = m.SameBuild(dir); err != nil {
		return nil, fmt.Errorf("experiments: %w", err)
	}
	f, accs, err := resumeFrom(dir, p, m)
	if err == nil && f.summaryBytes >= 0 {
		err = consistent(f.summary, m, len(p.Scenarios), accs)
	}
	if err == nil {
		err = results.RemoveStale(dir, f.state)
	}
	if err != nil {
		return nil, fmt.Errorf("experiments: cannot resume %s: %w", dir, err)
	}
	p.Out = dir
	p.Events = m.Events
	m.Workers = workers(p.Workers)
	m.Started = time.Now().UTC()
	m.Checkpoint = nil
	return execute(ctx, p, m, accs, f)
}

// from is where a run goes on from: the rows of its summary so far, the
// lengths of its logs that hold them (−1: a new run), and the folder of its
// accumulators ("" none saved).
type from struct {
	summary                   []byte
	summaryBytes, eventsBytes int64
	state                     string
}

// resumeFrom reads what a folder's manifest vouches for: its accumulators
// and the lengths of its logs (a partial run's whole files, a killed run's
// as its last checkpoint recorded).
func resumeFrom(dir string, p Plan, m *results.Manifest) (from, []*results.Accumulator, error) {
	c := m.Checkpoint
	if m.Status == results.StatusRunning && (c == nil || c.State == "") && m.Done == 0 {
		accs, err := p.newAccumulators() // killed before its first checkpoint: it starts again
		return from{summaryBytes: -1, eventsBytes: -1}, accs, err
	}
	state, err := m.StateFolder(dir)
	if err != nil {
		return from{}, nil, err
	}
	f := from{state: state}
	b, err := os.ReadFile(filepath.Join(dir, results.SummaryFile))
	if err != nil {
		return f, nil, err
	}
	f.summaryBytes = int64(len(b))
	if m.Events {
		st, serr := os.Stat(filepath.Join(dir, results.EventsFile))
		if serr != nil {
			return f, nil, serr
		}
		f.eventsBytes = st.Size()
	}
	if c != nil && m.Status == results.StatusRunning {
		if c.SummaryBytes < 0 || c.SummaryBytes > f.summaryBytes || m.Events && (c.EventsBytes < 0 || c.EventsBytes > f.eventsBytes) {
			return f, nil, fmt.Errorf("its files are shorter than its last checkpoint says; run it again")
		}
		f.summaryBytes, f.eventsBytes = c.SummaryBytes, c.EventsBytes
		if c.State == "" {
			f.state = ""
		}
	}
	if m.Events {
		if err = wholeLines(filepath.Join(dir, results.EventsFile), f.eventsBytes); err != nil {
			return f, nil, err
		}
	}
	f.summary = b[:f.summaryBytes]
	var accs []*results.Accumulator
	if f.state == "" {
		accs, err = p.newAccumulators()
	} else {
		accs, err = results.ReadState(dir, f.state, m.NumAccumulators())
	}
	return f, accs, err
}

// wholeLines checks that the first n bytes of a log end in a whole row,
// as a checkpoint leaves them (a length edited by hand, or a torn file,
// would resume into a broken row).
func wholeLines(path string, n int64) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	var last [1]byte
	if n > 0 {
		_, err = f.ReadAt(last[:], n-1)
	}
	if err != nil || n == 0 || last[0] != '\n' {
		return fmt.Errorf("%s does not end in a whole row where its last checkpoint says; run it again", filepath.Base(path))
	}
	return nil
}

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
// summary and their events to the event log (after f, what an earlier part
// wrote) and their series to accs, saving checkpoints as it goes, then
// saves everything and finishes the files of a complete run.
func execute(ctx context.Context, p Plan, m *results.Manifest, accs []*results.Accumulator, f from) (*results.Manifest, error) {
	c := &checkpointer{dir: p.Out, m: m, accs: accs, every: p.Checkpoint, state: f.state, stateDone: m.Done}
	if c.every <= 0 {
		c.every = DefaultCheckpoint
	}
	defer func() { c.summary.close(); c.events.close() }()
	var err error
	if c.summary, err = openLog(p.Out, results.SummaryFile, m.SummaryHeader(), f.summaryBytes); err != nil {
		return nil, err
	}
	if m.Events {
		if c.events, err = openLog(p.Out, results.EventsFile, m.EventsHeader(), f.eventsBytes); err != nil {
			return nil, err
		}
	}
	if err = c.save(m.Done); err != nil { // the folder is running from now on
		return nil, err
	}
	interrupted, err := runUnits(ctx, p, m, c, f.summary)
	if err == nil {
		err = c.save(m.Done)
	}
	if err == nil {
		err = c.publish()
	}
	if err != nil {
		return nil, err
	}
	return save(p, m, accs, interrupted)
}

// save writes the manifest of a folder whose summary and state are saved
// and, for a complete run, finishes its files.
func save(p Plan, m *results.Manifest, accs []*results.Accumulator, interrupted bool) (*results.Manifest, error) {
	m.Finished = time.Now().UTC()
	m.Seconds += m.Finished.Sub(m.Started).Seconds()
	// The summary and state are saved: say so before anything else, so
	// that a failure or a kill while the files are finished leaves a folder
	// that can be resumed (which then only finishes the files).
	m.Status, m.Checkpoint = results.StatusPartial, nil
	m.Files = []string{results.ManifestFile, results.SummaryFile, results.StateDir}
	if m.Events {
		m.Files = append(m.Files, results.EventsFile)
	}
	if m.Shards > 1 && !interrupted {
		m.Status = results.StatusShard
		if err := results.SetChecksums(p.Out, m); err != nil {
			return nil, err
		}
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
