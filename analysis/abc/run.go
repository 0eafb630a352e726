package abc

import (
	"context"
	"fmt"
	"math"
	"sync"
)

// Simulator simulates the M pseudo-datasets of the latent parameters z and
// returns their distances to the observations (+Inf for a failed
// simulation). It must draw its randomness from key (SimKey.Key), never
// from a shared or global source, and must not keep z.
type Simulator func(ctx context.Context, z []float64, key SimKey) ([]float64, error)

// Progress is what Run reports while it works, from one goroutine at a
// time: after each simulation of a generation, and once more with
// Population set when the generation is finished (for a checkpoint).
type Progress struct {
	Generation int
	Tolerance  float64     // ε_n; +Inf at generation 0
	Simulated  int         // particles simulated so far in this generation
	Total      int         // particles to simulate in this generation
	Population *Population // the finished generation, else nil
}

// Run runs a whole calibration in this process: generation 0 from the
// prior, then generations until Done, with the simulations of each spread
// over workers goroutines (fewer than 1 means 1). The result, every
// generation's population in order, is the same whatever workers is. On an
// error, or when ctx is cancelled, it returns the generations finished so
// far with the error; Resume carries on from the last. progress may be
// nil.
func Run(ctx context.Context, cfg Config, simulate Simulator, workers int, progress func(Progress)) ([]Population, error) {
	cfg = cfg.WithDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	jobs := make([]job, cfg.Particles)
	for i := range jobs {
		jobs[i] = job{z: Prior(cfg, i), key: SimKey{Particle: i}}
	}
	dist, err := simulateAll(ctx, cfg, jobs, simulate, workers, reporter(progress, 0, math.Inf(1), len(jobs)))
	if err != nil {
		return nil, err
	}
	first, err := Initial(cfg, dist)
	if err != nil {
		return nil, err
	}
	report(progress, first, len(jobs))
	rest, err := Resume(ctx, cfg, first, simulate, workers, progress)
	return append([]Population{first}, rest...), err
}

// Resume carries on a calibration from the population from, such as the
// last one a Run returned or a checkpoint read back from JSON: it returns
// the generations after from until Done, exactly as Run would have. On an
// error it returns the generations finished so far with it.
func Resume(ctx context.Context, cfg Config, from Population, simulate Simulator, workers int, progress func(Progress)) ([]Population, error) {
	cfg = cfg.WithDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	var pops []Population
	for pop := from; ; {
		if done, _ := Done(cfg, pop); done {
			return pops, nil
		}
		next, err := generation(ctx, cfg, pop, simulate, workers, progress)
		if err != nil {
			return pops, err
		}
		report(progress, next, next.Proposals)
		pops = append(pops, next)
		pop = next
	}
}

// generation prepares, simulates, moves and finishes one generation.
func generation(ctx context.Context, cfg Config, pop Population, simulate Simulator, workers int, progress func(Progress)) (Population, error) {
	plan, err := Prepare(cfg, pop)
	if err != nil {
		return Population{}, err
	}
	var jobs []job
	for i := range plan.Particles {
		if plan.Moves(i) {
			jobs = append(jobs, job{z: Propose(cfg, plan, i), key: SimKey{Generation: plan.Generation, Particle: i, Proposal: true}})
		}
	}
	dist, err := simulateAll(ctx, cfg, jobs, simulate, workers, reporter(progress, plan.Generation, plan.Tolerance, len(jobs)))
	if err != nil {
		return Population{}, err
	}
	moved := make([]Particle, len(plan.Particles))
	for i := range moved {
		if !plan.Moves(i) {
			moved[i] = Move(cfg, plan, i, nil)
		}
	}
	for j, jb := range jobs {
		moved[jb.key.Particle] = Move(cfg, plan, jb.key.Particle, dist[j])
	}
	return Finish(cfg, plan, moved)
}

// job is one simulation to run.
type job struct {
	z   []float64
	key SimKey
}

// simulateAll runs the jobs over a pool of workers, each taking the next
// job in order, and returns their distances in job order, each checked.
// The first failure cancels the rest and is the one returned (the others
// may only be the cancellation).
func simulateAll(ctx context.Context, cfg Config, jobs []job, simulate Simulator, workers int, done func()) ([][]float64, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	dist := make([][]float64, len(jobs))
	var (
		mu    sync.Mutex // guards next, first and done's calls
		next  int
		first error
		wg    sync.WaitGroup
	)
	for range max(1, min(workers, len(jobs))) {
		wg.Go(func() {
			for {
				mu.Lock()
				j := next
				next++
				mu.Unlock()
				if j >= len(jobs) || ctx.Err() != nil {
					return
				}
				d, err := simulateOne(ctx, cfg, jobs[j], simulate)
				mu.Lock()
				if err != nil && first == nil {
					first = err
					cancel()
				}
				if err == nil {
					dist[j] = d
					done()
				}
				mu.Unlock()
				if err != nil {
					return
				}
			}
		})
	}
	wg.Wait()
	if first != nil {
		return nil, first
	}
	for _, d := range dist {
		if d == nil { // never run: ctx was cancelled
			return nil, fmt.Errorf("abc: %w", context.Cause(ctx))
		}
	}
	return dist, nil
}

// simulateOne runs one job and checks its distances.
func simulateOne(ctx context.Context, cfg Config, jb job, simulate Simulator) ([]float64, error) {
	what := "prior draw"
	if jb.key.Proposal {
		what = "proposal"
	}
	d, err := simulate(ctx, jb.z, jb.key)
	if err == nil {
		err = checkDistances(cfg, d)
	}
	if err != nil {
		return nil, fmt.Errorf("abc: generation %d, particle %d (%s): %w", jb.key.Generation, jb.key.Particle, what, err)
	}
	return d, nil
}

// reporter is the done callback of one generation's simulations.
func reporter(progress func(Progress), generation int, eps float64, total int) func() {
	n := 0
	return func() {
		n++
		if progress != nil {
			progress(Progress{Generation: generation, Tolerance: eps, Simulated: n, Total: total})
		}
	}
}

// report tells progress that pop is finished, after its n simulations.
func report(progress func(Progress), pop Population, n int) {
	if progress != nil {
		progress(Progress{Generation: pop.Generation, Tolerance: pop.Tolerance, Simulated: n, Total: n, Population: &pop})
	}
}
