package sim

import (
	"context"
	"runtime"
	"sync"
)

// Replicates runs replicates first, first+1, …, first+runs−1 of a scenario
// under master seed seed, spread over workers goroutines (0: all cores).
// Each worker owns one Engine and reuses it; results are placed by
// replicate index, so they are the same whatever the number of workers.
// visit, if not nil, is called by the worker after each run with the
// engine still holding that run's series; it must not keep the engine.
// A cancelled context stops new replicates; finished ones are returned
// with done[r] true.
func Replicates(ctx context.Context, sc Scenario, seed uint64, first, runs, workers int,
	visit func(replicate int, e *Engine)) (sums []Summary, done []bool, err error) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, max(1, runs))
	engines := make([]*Engine, workers)
	for w := range engines {
		if engines[w], err = New(sc); err != nil {
			return nil, nil, err
		}
	}
	sums = make([]Summary, runs)
	done = make([]bool, runs)
	next := make(chan int)
	var wg sync.WaitGroup
	for w := range engines {
		wg.Add(1)
		go func(e *Engine) {
			defer wg.Done()
			for r := range next {
				e.Reset(seed, first+r)
				sums[r] = e.Run()
				if visit != nil {
					visit(first+r, e)
				}
				done[r] = true
			}
		}(engines[w])
	}
feed:
	for r := 0; r < runs; r++ {
		select {
		case <-ctx.Done():
			break feed
		case next <- r:
		}
	}
	close(next)
	wg.Wait()
	return sums, done, ctx.Err()
}
