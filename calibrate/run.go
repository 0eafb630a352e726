package calibrate

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"sync"

	"github.com/cisim/cisim/analysis/abc"
)

// Options say how a calibration runs: where, on how many workers, which
// shard, and whom to tell of progress. None of them changes the result.
type Options struct {
	Out      string
	Workers  int
	Shard    int // this shard of the current generation, 0 … Shards−1
	Shards   int // 0 or 1: not sharded
	Merge    bool
	AnyBuild bool // carry on a calibration another build of cisim started
	Progress func(p Progress)
}

// Progress is a calibration's progress within a generation.
type Progress struct {
	Generation int
	Tolerance  float64 // the generation's ε (+Inf at generation 0)
	Done       int     // particles simulated in this generation
	Total      int
}

// ErrShardDone says a shard finished its slice of a generation: the next
// run without --shard merges the shards and goes on.
var ErrShardDone = errors.New("calibrate: shard finished")

// ErrFinished says a shard found the calibration finished: nothing is left
// to simulate but the predictive check, which a run without --shard does.
var ErrFinished = errors.New("calibrate: the calibration is finished")

// Run calibrates: it resumes whatever the folder holds of this setup and
// runs generations until abc.Done, then the predictive check, and writes
// the outputs. Sharded, it simulates this shard's slice of the current
// generation and returns ErrShardDone; with Merge it only merges the
// current generation's logs and returns with a nil Outcome unless that
// finished the calibration. The state is saved after every generation.
func Run(ctx context.Context, s *Setup, o Options) (*Outcome, error) {
	cfg := s.Config().WithDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(o.Out, 0o777); err != nil {
		return nil, err
	}
	st, isNew, err := openState(o.Out, s, o)
	if err != nil {
		return nil, err
	}
	if isNew { // before any simulation is logged: the logs are this calibration's
		if st, err = st.create(o.Out, o.AnyBuild); err != nil {
			return nil, err
		}
	}
	for gen := range st.Generations { // a kill after saving a generation may have left its logs
		if err := removeLogs(o.Out, gen); err != nil {
			return nil, err
		}
	}
	if st.Done && o.Shards > 1 {
		return nil, ErrFinished
	}
	for !st.Done {
		if err := s.generation(ctx, cfg, st, o); err != nil {
			return nil, err
		}
		if o.Merge && !st.Done {
			return nil, nil
		}
	}
	if o.Shards > 1 {
		return nil, ErrShardDone
	}
	return s.finalize(ctx, o, st)
}

// generation runs and saves the next generation.
func (s *Setup) generation(ctx context.Context, cfg abc.Config, st *State, o Options) error {
	gen := len(st.Generations)
	var plan abc.Plan
	if gen > 0 {
		var err error
		if plan, err = abc.Prepare(cfg, st.Generations[gen-1]); err != nil {
			return err
		}
	}
	points := s.points(cfg, plan, gen)
	done, err := readLogs(o.Out, gen, cfg.Particles, len(s.Targets), cfg.Datasets)
	if err != nil {
		return err
	}
	first, end := 0, cfg.Particles
	if o.Shards > 1 {
		first, end = cfg.Particles*o.Shard/o.Shards, cfg.Particles*(o.Shard+1)/o.Shards
	}
	var todo []int
	for i := first; i < end; i++ {
		if _, ok := done[i]; !ok && points[i] != nil {
			todo = append(todo, i)
		}
	}
	switch {
	case o.Merge && len(todo) > 0:
		return &MergeError{fmt.Sprintf("generation %d: %d of its particles have not been simulated by any shard (run the missing shards, or run without --merge)", gen, len(todo))}
	case len(todo) > 0:
		if err := s.simulateAll(ctx, o, gen, plan.Tolerance, points, todo, done); err != nil {
			return err
		}
	}
	if o.Shards > 1 {
		return ErrShardDone
	}
	return s.finish(cfg, st, plan, gen, done, o.Out)
}

// points are the latent points a generation simulates: the prior's at
// generation 0, else each moved particle's proposal (nil for one not moved).
func (s *Setup) points(cfg abc.Config, plan abc.Plan, gen int) [][]float64 {
	pts := make([][]float64, cfg.Particles)
	for i := range pts {
		if gen == 0 {
			pts[i] = abc.Prior(cfg, i)
		} else {
			pts[i] = abc.Propose(cfg, plan, i)
		}
	}
	return pts
}

// simulateAll simulates the particles todo over the workers, appending
// each to the generation's log as it finishes, and adds them to done.
// On an error or a cancelled context it stops; what was logged stays.
func (s *Setup) simulateAll(ctx context.Context, o Options, gen int, eps float64, points [][]float64, todo []int, done map[int][][]float64) error {
	w, f, err := appendLog(o.Out, gen, o.Shard, o.Shards)
	if err != nil {
		return err
	}
	defer f.Close()
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var first error
	total := len(todo) + len(done)
	for r := range s.simulations(ctx, gen, points, todo, max(1, o.Workers)) {
		if first != nil {
			continue // drain the workers
		}
		if r.err == nil {
			if _, r.err = w.Write(encodeStats(r.i, r.stats)); r.err == nil {
				r.err = w.Flush()
			}
		}
		if r.err != nil {
			first = r.err
			cancel()
			continue
		}
		done[r.i] = r.stats
		if o.Progress != nil {
			o.Progress(Progress{Generation: gen, Tolerance: eps, Done: len(done), Total: total})
		}
	}
	if first == nil {
		first = f.Sync()
	}
	if first == nil {
		// Stopped before a worker took the next particle: the generation
		// is not whole.
		first = parent.Err()
	}
	return first
}

// simulated is one particle's simulations, or why they failed.
type simulated struct {
	i     int
	stats [][]float64
	err   error
}

// simulations runs the particles todo on workers goroutines and sends each
// result as it finishes; the channel closes when all have stopped.
func (s *Setup) simulations(ctx context.Context, gen int, points [][]float64, todo []int, workers int) <-chan simulated {
	jobs, out := make(chan int), make(chan simulated)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				stats, err := s.Simulate(ctx, s.Values(points[i]), s.simKey(gen, i))
				out <- simulated{i, stats, err}
			}
		}()
	}
	go func() {
		defer close(jobs)
		for _, i := range todo {
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(out) }()
	return out
}

// finish makes generation gen from its simulations, saves it and removes
// its logs.
func (s *Setup) finish(cfg abc.Config, st *State, plan abc.Plan, gen int, done map[int][][]float64, dir string) error {
	runs := cfg.Datasets * s.Replicates * len(s.Designs)
	var pop abc.Population
	var err error
	if gen == 0 {
		all := make([][][]float64, cfg.Particles)
		for i := range all {
			all[i] = done[i]
		}
		st.Scales = s.Scales(all)
		dist := make([][]float64, cfg.Particles)
		for i := range dist {
			dist[i] = s.Distances(all[i], st.Scales)
		}
		pop, err = abc.Initial(cfg, dist)
	} else {
		moved := make([]abc.Particle, cfg.Particles)
		for i := range moved {
			var d []float64
			if plan.Moves(i) {
				d = s.Distances(done[i], st.Scales)
			}
			moved[i] = abc.Move(cfg, plan, i, d)
		}
		pop, err = abc.Finish(cfg, plan, moved)
	}
	if err != nil {
		return err
	}
	st.Generations = append(st.Generations, pop)
	st.Simulations += len(done) * runs
	st.Done, st.Reason = abc.Done(cfg, pop)
	if err := st.save(dir); err != nil {
		return err
	}
	return removeLogs(dir, gen)
}

// simKey keys particle i's simulations in generation gen (−1: draw i of
// the predictive check, apart from every generation's).
func (s *Setup) simKey(gen, i int) [32]byte {
	if gen >= 0 {
		return abc.SimKey{Generation: gen, Particle: i, Proposal: gen > 0}.Key(s.Seed)
	}
	var b [32]byte
	copy(b[:], "cisim predictive check")
	binary.LittleEndian.PutUint64(b[16:], s.Seed)
	binary.LittleEndian.PutUint64(b[24:], uint64(i))
	return sha256.Sum256(b[:])
}
