package results

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/cisim/cisim/analysis"
	"github.com/cisim/cisim/sim"
)

// ErrInterrupted reports a run stopped before its last replicate; the
// finished replicates are saved and --resume finishes the run.
var ErrInterrupted = errors.New("interrupted")

// Scenario is one design of an experiment.
type Scenario struct {
	Name     string
	Scenario sim.Scenario
	Resolved []byte // the resolved scenario file: recorded, and enough to run it again
}

// Plan is an experiment: scenarios run for the same replicates of one
// master seed (replicate r of every scenario shares its random streams), or
// this shard's slice of them.
type Plan struct {
	Command   string // the command line, as given
	Reproduce string // the same experiment without folder, worker or shard flags
	Scenarios []Scenario
	Seed      uint64
	Runs      int // replicates per scenario, over all shards
	Shard     int // this shard, 0 … Shards−1
	Shards    int
	Workers   int // 0: all cores
	Out       string
	// Progress, if set, is called after each finished replicate with the
	// replicates done and due in this folder, from one goroutine.
	Progress func(done, total int)
	// Precision, if above 0, adds batches of Batch replicates (Runs is the
	// first batch) until the 95% CI half-width of the outcome-rate
	// difference between the first two scenarios is at most Precision, or
	// MaxRuns replicates have run. Not with shards.
	Precision float64
	Batch     int
	MaxRuns   int
	// Sweep, if set, runs every scenario at each of its design points.
	Sweep *Sweep
}

// Units is the number of units of work of the whole experiment: a unit is
// one replicate of every scenario, or in a sweep one replicate of every
// scenario at one point (point-major: unit u is point u/Runs, replicate
// u mod Runs).
func (p *Plan) Units() int {
	if p.Sweep != nil {
		return len(p.Sweep.Points) * p.Runs
	}
	return p.Runs
}

// Slice returns this shard's units [first, end): shard i of n takes the
// i-th of n contiguous, nearly equal slices.
func (p *Plan) Slice() (first, end int) {
	u := p.Units()
	return u * p.Shard / p.Shards, u * (p.Shard + 1) / p.Shards
}

const (
	summaryFile = "summary.csv"
	stateDir    = "state"
)

func stateFile(dir string, s int) string {
	return filepath.Join(dir, stateDir, fmt.Sprintf("scenario-%d.acc", s))
}

// newAccumulators returns one empty accumulator per scenario, or in a
// sweep one per point and scenario (none when there are too many points
// to keep their series; see Sweep.Series).
func newAccumulators(scs []Scenario, sw *Sweep) ([]*Accumulator, error) {
	if sw == nil {
		accs := make([]*Accumulator, len(scs))
		for i := range scs {
			accs[i] = accumulatorFor(&scs[i].Scenario, binBits)
		}
		return accs, nil
	}
	if !sw.Series(len(scs)) {
		return nil, nil
	}
	accs := make([]*Accumulator, len(sw.Points)*len(scs))
	for pt := range sw.Points {
		for s := range scs {
			sc, err := sw.At(pt, s)
			if err != nil {
				return nil, err
			}
			accs[pt*len(scs)+s] = accumulatorFor(&sc, sweepBinBits)
		}
	}
	return accs, nil
}

func accumulatorFor(sc *sim.Scenario, bits int) *Accumulator {
	rs := sim.MetricRanges(sc)
	ranges := make([]Range, sim.NumMetrics)
	for m := range ranges {
		ranges[m] = Range{rs[m][0], rs[m][1]}
	}
	return newAccumulatorBits(sc.Ticks(), ranges, bits)
}

// Run runs the plan into its output folder. A complete unsharded run ends
// with every file of the folder written (Finish); a shard ends with its
// summary, state and manifest, for cisim merge. A cancelled context stops
// the run between replicates: finished replicates are saved, the manifest
// says partial, and the error is ErrInterrupted.
func Run(ctx context.Context, p Plan) (*Manifest, error) {
	if err := CheckWritable(p.Out); err != nil {
		return nil, err
	}
	if err := clearRun(p.Out); err != nil {
		return nil, err
	}
	version, commit := buildVersion()
	first, end := p.Slice()
	m := &Manifest{
		Tool: "cisim", Version: version, Commit: commit, Command: p.Command, Reproduce: p.Reproduce,
		Seed: p.Seed, Runs: p.Runs, Shard: p.Shard, Shards: p.Shards, First: first, End: end,
		Workers: workers(p.Workers), Started: time.Now().UTC(),
		Precision: p.Precision, Batch: p.Batch, MaxRuns: p.MaxRuns, Sweep: p.Sweep,
	}
	if p.Precision > 0 && (p.Shards > 1 || len(p.Scenarios) < 2 || p.Batch < 1 || p.MaxRuns < p.Runs || p.Sweep != nil) {
		return nil, errors.New("results: --precision needs two scenarios, no shards, no sweep, a batch and a cap of at least the first batch")
	}
	for _, sc := range p.Scenarios {
		m.Scenarios = append(m.Scenarios, ManifestScenario{Name: sc.Name, SHA256: ScenarioHash(sc.Resolved), Resolved: string(sc.Resolved)})
	}
	accs, err := newAccumulators(p.Scenarios, p.Sweep)
	if err != nil {
		return nil, err
	}
	return execute(ctx, p, m, accs, nil)
}

// Resume finishes a partial run in dir with the scenarios its manifest
// recorded (p.Scenarios must be those, as the caller reloaded them from
// the manifest). The result equals an uninterrupted run.
func Resume(ctx context.Context, dir string, p Plan, m *Manifest) (*Manifest, error) {
	if m.Status != StatusPartial {
		return nil, fmt.Errorf("%s is %s, not a partial run; nothing to resume", dir, m.Status)
	}
	accs, err := readState(dir, p.Scenarios, p.Sweep)
	if err != nil {
		return nil, fmt.Errorf("cannot resume %s: %w", dir, err)
	}
	prev, err := os.ReadFile(filepath.Join(dir, summaryFile))
	if err != nil {
		return nil, fmt.Errorf("cannot resume %s: %w", dir, err)
	}
	if err := consistent(prev, m, len(p.Scenarios), accs); err != nil {
		return nil, fmt.Errorf("cannot resume %s: %w", dir, err)
	}
	p.Out = dir
	m.Workers = workers(p.Workers)
	m.Started = time.Now().UTC()
	return execute(ctx, p, m, accs, prev)
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
func consistent(summary []byte, m *Manifest, scenarios int, accs []*Accumulator) error {
	rows := bytes.Count(summary, []byte("\n")) - 1
	if want := m.Done * scenarios; rows != want {
		return fmt.Errorf("its summary holds %d runs but the manifest says %d are done; run it again", rows, want)
	}
	if m.Sweep == nil {
		for _, a := range accs {
			if a.N != uint64(m.Done) {
				return fmt.Errorf("its state holds %d runs but the manifest says %d are done; run it again", a.N, m.Done)
			}
		}
	}
	return nil
}

// clearRun removes what an earlier run wrote into dir — its manifest
// first, so the folder never looks complete, then the files it listed —
// so that a new experiment's files do not sit beside another's. Files
// cisim did not list are left alone.
func clearRun(dir string) error {
	old, err := ReadManifest(dir)
	if err != nil {
		return nil // no earlier run here
	}
	if err := os.Remove(filepath.Join(dir, manifestFile)); err != nil {
		return fmt.Errorf("results: %w", err)
	}
	for _, f := range old.Files {
		if f == manifestFile || !filepath.IsLocal(f) {
			continue
		}
		if err := os.RemoveAll(filepath.Join(dir, f)); err != nil {
			return fmt.Errorf("results: %w", err)
		}
	}
	return nil
}

// readState reads the accumulators an output folder saved.
func readState(dir string, scs []Scenario, sw *Sweep) ([]*Accumulator, error) {
	n := len(scs)
	if sw != nil {
		if !sw.Series(len(scs)) {
			return nil, nil
		}
		n *= len(sw.Points)
	}
	accs := make([]*Accumulator, n)
	for s := range accs {
		f, err := os.Open(stateFile(dir, s))
		if err != nil {
			return nil, err
		}
		accs[s], err = ReadAccumulator(f)
		f.Close()
		if err != nil {
			return nil, err
		}
	}
	return accs, nil
}

type result struct {
	job     int
	row     []byte
	outcome float64
	err     error
}

// execute runs replicates m.First+m.Done … m.End−1, appending their rows to
// the summary (after prev, the rows of an earlier part) and their series
// to accs, then saves everything.
func execute(ctx context.Context, p Plan, m *Manifest, accs []*Accumulator, prev []byte) (*Manifest, error) {
	S := len(p.Scenarios)
	start := m.First + m.Done
	total := m.End - m.First
	w := min(workers(p.Workers), max(1, (m.End-start)*S))

	summaryTmp, err := os.CreateTemp(p.Out, "."+summaryFile+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("results: cannot write in %s: %w", p.Out, err)
	}
	defer os.Remove(summaryTmp.Name())
	defer summaryTmp.Close()
	out := bufio.NewWriterSize(summaryTmp, 1<<16)
	if prev != nil {
		out.Write(prev)
	} else {
		out.WriteString(summaryHeader(m) + "\n")
	}

	// Outcome rates per scenario, for --precision.
	var rates [][]float64
	if p.Precision > 0 {
		if rates, err = outcomeRates(prev, S); err != nil {
			return nil, err
		}
	}
	interrupted := false
	for {
		var done int
		done, interrupted, err = runBatch(ctx, p, accs, out, start, m.End, w, rates, func(d int) {
			if p.Progress != nil {
				p.Progress(start-m.First+d, total)
			}
		})
		if err != nil {
			return nil, err
		}
		m.Done += done
		if interrupted || p.Precision <= 0 {
			break
		}
		hw := halfWidth(rates)
		m.HalfWidth = hw
		if hw <= p.Precision || m.End >= p.MaxRuns {
			break
		}
		// Not precise enough: one more batch of the first size.
		start = m.End
		m.End = min(m.End+p.Batch, p.MaxRuns)
		m.Runs = m.End
		total = m.End - m.First
	}

	if err := out.Flush(); err != nil {
		return nil, fmt.Errorf("results: writing %s: %w", summaryFile, err)
	}
	if err := summaryTmp.Sync(); err != nil {
		return nil, fmt.Errorf("results: writing %s: %w", summaryFile, err)
	}
	summaryTmp.Close()
	if err := saveState(p.Out, accs); err != nil {
		return nil, err
	}
	if err := os.Rename(summaryTmp.Name(), filepath.Join(p.Out, summaryFile)); err != nil {
		return nil, fmt.Errorf("results: writing %s: %w", summaryFile, err)
	}
	m.Finished = time.Now().UTC()
	m.Seconds += m.Finished.Sub(m.Started).Seconds()
	// The summary and state are saved: say so before anything else, so
	// that a failure or a kill while the files are finished leaves a folder
	// that --resume can finish (it then only finishes the files).
	m.Status = StatusPartial
	if m.Shards > 1 && !interrupted {
		m.Status = StatusShard
	}
	m.Files = []string{manifestFile, summaryFile, stateDir}
	if err := writeManifest(p.Out, m); err != nil {
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
	m.Status = StatusComplete
	m.Files = append(m.Files, files...)
	return m, writeManifest(p.Out, m)
}

// saveState writes each scenario's accumulator atomically.
func saveState(dir string, accs []*Accumulator) error {
	if err := os.MkdirAll(filepath.Join(dir, stateDir), 0o755); err != nil {
		return fmt.Errorf("results: %w", err)
	}
	for s, a := range accs {
		if err := writeAtomic(stateFile(dir, s), func(w io.Writer) error {
			_, err := a.WriteTo(w)
			return err
		}); err != nil {
			return err
		}
	}
	return nil
}

// runBatch runs units [start, end) over w workers, writing their rows to
// out in unit order and adding their series to accs. A cancelled context
// stops it between units; it returns the units finished, which are then
// all of [start, start+done).
func runBatch(ctx context.Context, p Plan, accs []*Accumulator, out io.Writer, start, end, w int,
	rates [][]float64, progress func(done int)) (done int, interrupted bool, err error) {
	S := len(p.Scenarios)
	w = min(w, max(1, (end-start)*S))
	// Outside a sweep each worker keeps one engine per scenario; a sweep
	// builds each point's engine when it runs it.
	engines := make([][]*sim.Engine, w)
	for k := range engines {
		engines[k] = make([]*sim.Engine, S)
		for s := range p.Scenarios {
			if p.Sweep != nil {
				break
			}
			if engines[k][s], err = sim.New(p.Scenarios[s].Scenario); err != nil {
				return 0, false, err
			}
		}
	}
	accMu := make([]sync.Mutex, len(accs))
	ctx, cancel := context.WithCancel(ctx) // also stops the run at a point that fails to build
	defer cancel()
	window := 8 * w * S
	tokens := make(chan struct{}, window)
	jobs := make(chan int)
	results := make(chan result, window)
	var wg sync.WaitGroup
	for k := 0; k < w; k++ {
		wg.Add(1)
		go func(engines []*sim.Engine) {
			defer wg.Done()
			for j := range jobs {
				u, s := start+j/S, j%S
				r, pt, a := u, 0, s
				e := engines[s]
				if p.Sweep != nil {
					pt, r = u/p.Runs, u%p.Runs
					a = pt*S + s
					sc, err := p.Sweep.At(pt, s)
					if err == nil {
						e, err = sim.New(sc)
					}
					if err != nil {
						results <- result{job: j, err: fmt.Errorf("results: point %d, %s: %w", pt, p.Scenarios[s].Name, err)}
						continue
					}
				}
				e.Reset(p.Seed, r)
				sum := e.Run()
				if a < len(accs) {
					accMu[a].Lock()
					accs[a].Add(e.Metrics())
					accMu[a].Unlock()
				}
				rec := FromSummary(p.Scenarios[s].Name, r, p.Seed, sum)
				if p.Sweep != nil {
					rec.Point, rec.Levers = pt, p.Sweep.Points[pt]
				}
				results <- result{job: j, row: rec.AppendCSV(nil), outcome: rec.Values[0]}
			}
		}(engines[k])
	}
	// The writer puts rows in replicate order, whatever order runs finish in.
	written := make(chan int)
	go func() {
		pending := map[int]result{}
		next := 0
		for res := range results {
			if res.err != nil && err == nil {
				err = res.err
				cancel()
			}
			pending[res.job] = res
			for r, ok := pending[next]; ok; r, ok = pending[next] {
				out.Write(r.row)
				if rates != nil {
					rates[next%S] = append(rates[next%S], r.outcome)
				}
				delete(pending, next)
				next++
				<-tokens
				if next%S == 0 {
					progress(next / S)
				}
			}
		}
		written <- next
	}()
dispatch:
	for u := start; u < end; u++ {
		select {
		case <-ctx.Done():
			interrupted = true
			break dispatch
		default:
		}
		// A replicate's scenarios go out together, so a stop leaves whole
		// replicates.
		for s := 0; s < S; s++ {
			tokens <- struct{}{}
			jobs <- (u-start)*S + s
		}
	}
	close(jobs)
	wg.Wait()
	close(results)
	done = <-written / S
	if err != nil {
		return 0, false, err
	}
	return done, interrupted, nil
}

// halfWidth is the half-width of the 95% CI of the paired difference in
// outcome rate between the second scenario and the first.
func halfWidth(rates [][]float64) float64 {
	if len(rates) < 2 || len(rates[0]) < 2 {
		return math.Inf(1)
	}
	d := analysis.Paired(rates[1], rates[0], 0.95).Diff
	return (d.Hi - d.Lo) / 2
}

// outcomeRates reads the outcome rates of earlier rows (a resumed run).
func outcomeRates(prev []byte, S int) ([][]float64, error) {
	rates := make([][]float64, S)
	if prev == nil {
		return rates, nil
	}
	row := 0
	err := ReadSummary(bytes.NewReader(prev), func(r Record) error {
		rates[row%S] = append(rates[row%S], r.Values[0])
		row++
		return nil
	})
	return rates, err
}
