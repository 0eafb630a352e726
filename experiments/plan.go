package experiments

import (
	"errors"
	"slices"
	"time"

	"github.com/cisim/cisim/results"
	"github.com/cisim/cisim/sim"
)

// ErrInterrupted reports a run stopped before its last unit; the finished
// units are saved and Resume finishes the run.
var ErrInterrupted = errors.New("experiments: interrupted")

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
	Command    string // the command line, as given
	Subcommand string // the command whose experiment this is, recorded in the manifest
	Reproduce  string // the same experiment without folder, worker or shard settings
	Scenarios  []Scenario
	Seed       uint64
	Runs       int // replicates per scenario, over all shards
	Shard      int // this shard, 0 … Shards−1
	Shards     int
	Workers    int // 0: all cores
	Out        string
	// Progress, if set, is called after each finished unit with the units
	// done and due in this folder, from one goroutine.
	Progress func(done, total int)
	// Precision, if above 0, adds batches of Batch replicates (Runs is the
	// first batch) until the 95% CI half-width of the outcome-rate
	// difference between the first two scenarios is at most Precision, or
	// MaxRuns replicates have run. Not with shards.
	Precision float64
	Batch     int
	MaxRuns   int
	// Sweep, if set, runs every scenario at each of its design points:
	// At(p, d) is design d at point p (see SweepAt), and must be safe for
	// concurrent use.
	Sweep *results.Sweep
	At    func(p, d int) (sim.Scenario, error)
	// Events, if set, writes every run's event log to events.csv.
	Events bool
	// Parquet, if set, writes a Parquet file beside each CSV file.
	Parquet bool
	// Checkpoint is how often the run saves a checkpoint of its finished
	// replicates, which a killed run resumes from (0: DefaultCheckpoint).
	Checkpoint time.Duration
	// Force lets a new run write into a folder that holds files of no
	// cisim run.
	Force bool
}

// DefaultCheckpoint is how often a run saves a checkpoint unless told
// otherwise: a kill loses at most this much work (and the units in
// flight), for the cost of writing the accumulators (some 15 MB a design
// over ten weekly years) that often.
const DefaultCheckpoint = 5 * time.Second

// Drawn is the union of the uncertain numbers of the scenarios that run,
// sorted: the drawn columns of summary.csv. In a sweep those are the
// designs at every point: a lever the sweep sets is drawn at none, and a
// point may give a number a distribution its design lacks (the conditions
// factorial's investment switched off).
func (p *Plan) Drawn() ([]string, error) {
	seen := map[string]bool{}
	var keys []string
	add := func(sc sim.Scenario) {
		for _, u := range sc.Uncertain {
			if !seen[u.Key] {
				seen[u.Key] = true
				keys = append(keys, u.Key)
			}
		}
	}
	if p.Sweep == nil || p.At == nil {
		for _, s := range p.Scenarios {
			add(s.Scenario)
		}
		slices.Sort(keys)
		return keys, nil
	}
	for pt := range p.Sweep.Points {
		for d := range p.Scenarios {
			sc, err := p.At(pt, d)
			if err != nil {
				return nil, err
			}
			add(sc)
		}
	}
	slices.Sort(keys)
	return keys, nil
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

// newAccumulators returns one empty accumulator per scenario, or in a
// sweep one per point and scenario (none when there are too many points
// to keep their series; see results.Sweep.Series).
func (p *Plan) newAccumulators() ([]*results.Accumulator, error) {
	scs := p.Scenarios
	if p.Sweep == nil {
		accs := make([]*results.Accumulator, len(scs))
		for i := range scs {
			accs[i] = results.ForScenario(&scs[i].Scenario, false)
		}
		return accs, nil
	}
	if !p.Sweep.Series(len(scs)) {
		return nil, nil
	}
	accs := make([]*results.Accumulator, len(p.Sweep.Points)*len(scs))
	for pt := range p.Sweep.Points {
		for s := range scs {
			sc, err := p.At(pt, s)
			if err != nil {
				return nil, err
			}
			accs[pt*len(scs)+s] = results.ForScenario(&sc, true)
		}
	}
	return accs, nil
}
