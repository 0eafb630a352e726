package experiments

import (
	"context"
	"fmt"
	"io"
	"math"
	"slices"
	"sync"

	"github.com/cisim/cisim/results"
	"github.com/cisim/cisim/sim"
)

// runUnits runs the plan's remaining units in batches over the workers —
// one batch, or with a precision target as many as it takes — writing
// their rows to c's logs, their series to c's accumulators, saving c's
// checkpoints, and adding them to m.Done. It reports whether the context
// stopped it.
func runUnits(ctx context.Context, p Plan, m *results.Manifest, c *checkpointer, prev []byte) (interrupted bool, err error) {
	S := len(p.Scenarios)
	start := m.First + m.Done
	total := m.End - m.First
	w := min(workers(p.Workers), max(1, (m.End-start)*S))
	// Outcome rates per scenario, for the precision target.
	var rates [][]float64
	if p.Precision > 0 {
		if rates, err = outcomeRates(prev, S); err != nil {
			return false, err
		}
	}
	for {
		b := &batch{p: p, accs: c.accs, start: start, end: m.End, rates: rates, events: c.events.writer(), drawn: columnsOf(m.Drawn),
			leverKinds: leverKinds(p.Sweep), logs: m.Events, progress: func(d int) error {
				if p.Progress != nil {
					p.Progress(start-m.First+d, total)
				}
				if c.due() {
					return c.save(m.Done + d)
				}
				return nil
			}}
		var done int
		if done, interrupted, err = b.run(ctx, c.summary.writer(), w); err != nil {
			return false, err
		}
		m.Done += done
		if interrupted || p.Precision <= 0 {
			return interrupted, nil
		}
		hw := halfWidth(rates)
		m.HalfWidth = hw
		if hw <= p.Precision || m.End >= p.MaxRuns {
			return false, nil
		}
		// Not precise enough: one more batch of the first size.
		start = m.End
		m.End = min(m.End+p.Batch, p.MaxRuns)
		m.Runs = m.End
		total = m.End - m.First
	}
}

// batch is units [start, end) of a plan, run over a pool of workers: each
// job is one scenario of one unit, and the rows are written and the series
// accumulated in job order whatever order the jobs finish in, so that
// after each whole unit the logs and accumulators hold exactly the units
// before it (what a checkpoint saves).
type batch struct {
	p          Plan
	accs       []*results.Accumulator
	start, end int
	rates      [][]float64          // if set, each row's outcome rate is added to its scenario's
	progress   func(done int) error // called after each whole unit written; an error stops the batch
	events     io.Writer            // where the runs' event logs go, when logs is set
	logs       bool
	drawn      map[string]int // the drawn columns of summary.csv, by key
	leverKinds []results.Kind // the kinds of a sweep's lever columns
}

// leverKinds are the kinds of a sweep's lever columns (nil outside one).
func leverKinds(sw *results.Sweep) []results.Kind {
	if sw == nil {
		return nil
	}
	return results.LeverKinds(sw.Levers)
}

// columnsOf numbers the drawn columns by key.
func columnsOf(keys []string) map[string]int {
	at := make(map[string]int, len(keys))
	for i, k := range keys {
		at[k] = i
	}
	return at
}

// result is a finished job: its row of summary.csv, its series for
// accumulator acc (if below the accumulators' number), or why it failed.
type result struct {
	job     int
	row     []byte
	events  []byte
	series  []float64
	acc     int
	outcome float64
	err     error
}

// run runs the batch over w workers, writing its rows to out and adding
// their series to the accumulators. A cancelled context stops it between
// units; it returns the units finished, which are then all of
// [start, start+done).
func (b *batch) run(ctx context.Context, out io.Writer, w int) (done int, interrupted bool, err error) {
	S := len(b.p.Scenarios)
	w = min(w, max(1, (b.end-b.start)*S))
	engines, err := b.engines(w)
	if err != nil {
		return 0, false, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	failed := make(chan struct{}) // closed when a job or a checkpoint fails
	var once sync.Once
	fail := func() { once.Do(func() { close(failed) }); cancel() }
	window := 8 * w * S
	tokens := make(chan struct{}, window)
	jobs := make(chan int) // units
	finished := make(chan result, window)
	var wg sync.WaitGroup
	for k := range w {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for u := range jobs { // a unit's scenarios in turn: they share its world's draw
				for s := range S {
					finished <- b.job(u*S+s, &engines[k])
				}
			}
		}()
	}
	type written struct {
		jobs int
		err  error
	}
	writer := make(chan written)
	go func() {
		n, err := b.write(out, finished, tokens, fail)
		writer <- written{n, err}
	}()
	interrupted = dispatch(ctx, b.end-b.start, S, tokens, jobs, failed)
	close(jobs)
	wg.Wait()
	close(finished)
	wr := <-writer
	if wr.err != nil {
		return 0, false, wr.err
	}
	return wr.jobs / S, interrupted, nil
}

// workerEngines are one worker's engines, one per scenario, and in a
// sweep the point each was built for (−1 none): jobs come point by point,
// so a worker builds a point's engine once for its run of replicates. A
// worker runs a unit's scenarios one after another, and its engines share
// their draws of the population (sim.SharePopulation): a replicate's world
// is drawn once for all its designs.
type workerEngines struct {
	e     []*sim.Engine
	point []int
}

// engines gives each worker one engine per scenario outside a sweep; a
// sweep builds each point's engine when it first runs it.
func (b *batch) engines(w int) ([]workerEngines, error) {
	engines := make([]workerEngines, w)
	for k := range engines {
		S := len(b.p.Scenarios)
		engines[k] = workerEngines{e: make([]*sim.Engine, S), point: make([]int, S)}
		for s := range b.p.Scenarios {
			engines[k].point[s] = -1
			if b.p.Sweep != nil {
				continue
			}
			var err error
			if engines[k].e[s], err = sim.New(b.p.Scenarios[s].Scenario); err != nil {
				return nil, err
			}
		}
		engines[k].share()
	}
	return engines, nil
}

// share lets the worker's engines share their population draws.
func (w *workerEngines) share() {
	var es []*sim.Engine
	for _, e := range w.e {
		if e != nil {
			es = append(es, e)
		}
	}
	sim.SharePopulation(es...)
}

// dispatch hands out units units of S scenarios each, a unit's scenarios
// to one worker so that a stop leaves whole units, taking a token for
// each of its S jobs; it reports whether the context stopped it first. Once
// the writer has failed (failed closed) it hands back no more tokens, so
// dispatch stops at once, in a unit or not: the batch is lost but for
// its last checkpoint.
func dispatch(ctx context.Context, units, S int, tokens chan<- struct{}, jobs chan<- int, failed <-chan struct{}) (interrupted bool) {
	for u := range units {
		select {
		case <-ctx.Done():
			return true
		default:
		}
		for range S {
			select {
			case tokens <- struct{}{}:
			case <-failed:
				return true
			}
		}
		jobs <- u
	}
	return false
}

// job runs one job: scenario j mod S of unit start + j/S.
func (b *batch) job(j int, engines *workerEngines) result {
	p := b.p
	S := len(p.Scenarios)
	u, s := b.start+j/S, j%S
	r, pt, a := u, 0, s
	if p.Sweep != nil {
		pt, r = u/p.Runs, u%p.Runs
		a = pt*S + s
		if engines.point[s] != pt {
			sc, err := p.At(pt, s)
			if err == nil {
				engines.e[s], err = sim.New(sc)
			}
			if err != nil {
				return result{job: j, err: fmt.Errorf("experiments: point %d, %s: %w", pt, p.Scenarios[s].Name, err)}
			}
			engines.point[s] = pt
			engines.share()
		}
	}
	e := engines.e[s]
	e.Reset(p.Seed, r)
	sum := e.Run()
	rec := results.FromSummary(p.Scenarios[s].Name, r, p.Seed, sum)
	rec.Drawn = b.drawnRow(e)
	if p.Sweep != nil {
		rec.Point, rec.Levers, rec.LeverKinds = pt, p.Sweep.Points[pt], b.leverKinds
	}
	res := result{job: j, row: rec.AppendCSV(nil), acc: a, outcome: rec.Values[results.ColOutcomeRate]}
	if a < len(b.accs) {
		res.series = slices.Clone(e.Metrics()) // the engine runs the worker's next job
	}
	if b.logs {
		point := -1
		if p.Sweep != nil {
			point = pt
		}
		res.events = results.AppendEvents(nil, p.Scenarios[s].Name, r, point, e.Events(), e.Actors())
	}
	return res
}

// drawnRow places the run's draws of its uncertain numbers in the drawn
// columns, NA where its scenario fixes a number.
func (b *batch) drawnRow(e *sim.Engine) []float64 {
	if len(b.drawn) == 0 {
		return nil
	}
	row := make([]float64, len(b.drawn))
	for k := range row {
		row[k] = math.NaN()
	}
	keys := e.DrawnKeys()
	for k, x := range e.Drawn(nil) {
		if c, ok := b.drawn[keys[k]]; ok {
			row[c] = x
		}
	}
	return row
}

// write writes the finished jobs' rows and adds their series in job
// order, handing back a token for each; the first failed job or
// checkpoint fails the batch, after which nothing more is written (but
// the jobs under way are still received). It returns the jobs written.
func (b *batch) write(out io.Writer, finished <-chan result, tokens <-chan struct{}, fail func()) (next int, err error) {
	S := len(b.p.Scenarios)
	pending := map[int]result{}
	for res := range finished {
		if res.err != nil && err == nil {
			err = res.err
			fail()
		}
		pending[res.job] = res
		for r, ok := pending[next]; ok && err == nil; r, ok = pending[next] {
			out.Write(r.row)
			if r.acc < len(b.accs) {
				b.accs[r.acc].Add(r.series)
			}
			if b.logs {
				b.events.Write(r.events)
			}
			if b.rates != nil {
				b.rates[next%S] = append(b.rates[next%S], r.outcome)
			}
			delete(pending, next)
			next++
			<-tokens
			if next%S == 0 {
				if err = b.progress(next / S); err != nil {
					fail()
				}
			}
		}
	}
	return next, err
}
