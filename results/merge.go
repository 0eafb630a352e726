package results

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// shard is one shard folder of an experiment and its manifest.
type shard struct {
	dir string
	m   *Manifest
}

// readShards reads the manifests of the shard folders of one experiment,
// in shard order, and checks that they are every shard of it, finished,
// once each.
func readShards(dirs []string) ([]shard, error) {
	if len(dirs) == 0 {
		return nil, fmt.Errorf("results: no shard folders to merge")
	}
	var shards []shard
	for _, d := range dirs {
		m, err := ReadManifest(d)
		if err != nil {
			return nil, err
		}
		shards = append(shards, shard{d, m})
	}
	sort.Slice(shards, func(i, j int) bool { return shards[i].m.Shard < shards[j].m.Shard })
	first := shards[0].m
	for i, s := range shards {
		switch {
		case s.m.Identity() != first.Identity():
			return nil, fmt.Errorf("results: %s is from another experiment than %s (scenarios, seed, runs or shard count differ)", s.dir, shards[0].dir)
		case s.m.Status != StatusShard:
			return nil, fmt.Errorf("results: %s is %s, not a finished shard", s.dir, s.m.Status)
		case s.m.Shard != i:
			if i > 0 && s.m.Shard == shards[i-1].m.Shard {
				return nil, fmt.Errorf("results: shard %d/%d given twice (%s and %s)", s.m.Shard, s.m.Shards, shards[i-1].dir, s.dir)
			}
			return nil, fmt.Errorf("results: shard %d/%d is missing", i, first.Shards)
		}
	}
	if len(shards) != first.Shards {
		return nil, fmt.Errorf("results: %d of %d shards given", len(shards), first.Shards)
	}
	return shards, tiled(shards)
}

// tiled checks that the shards were written by one build of cisim and that
// their units, all done, cover the experiment's once each, in order.
func tiled(shards []shard) error {
	first, end := shards[0].m, 0
	for _, s := range shards {
		m := s.m
		switch {
		case m.Version != first.Version || m.Commit != first.Commit:
			return fmt.Errorf("results: %s was written by cisim %s and %s by %s; run every shard with one build", s.dir, m.Build(), shards[0].dir, first.Build())
		case m.First != end || m.End < m.First:
			return fmt.Errorf("results: %s holds units %d–%d where the shard before it ends at %d", s.dir, m.First, m.End, end)
		case m.Done != m.End-m.First:
			return fmt.Errorf("results: %s says %d of its %d units are done; a finished shard has done them all", s.dir, m.Done, m.End-m.First)
		}
		end = m.End
	}
	if units := experimentUnits(first); end != units {
		return fmt.Errorf("results: the shards end at unit %d of the experiment's %d", end, units)
	}
	return nil
}

// experimentUnits is the number of units of the experiment m is a part of:
// its replicates, or in a sweep each point's.
func experimentUnits(m *Manifest) int {
	if m.Sweep != nil {
		return m.Runs * len(m.Sweep.Points)
	}
	return m.Runs
}

// MergeShards joins the shard folders of one experiment into out: the
// summary rows in replicate order and the accumulators added, saved as
// one run on one machine would have saved them. It returns the manifest
// of the joined run (command is the command line that merged it; the
// manifest is not yet written, and the files of a finished run are not:
// the caller writes both) and its accumulators.
func MergeShards(ctx context.Context, out string, shardDirs []string, command string) (*Manifest, []*Accumulator, error) {
	shards, err := readShards(shardDirs)
	if err != nil {
		return nil, nil, err
	}
	if err = CheckWritable(out); err != nil {
		return nil, nil, err
	}
	if err = ClearRun(out, nil); err != nil {
		return nil, nil, err
	}
	first := shards[0].m
	header := first.SummaryHeader()
	summary, events := []byte(header+"\n"), []byte(first.EventsHeader()+"\n")
	var accs []*Accumulator
	for i, s := range shards {
		if err = ctx.Err(); err != nil {
			return nil, nil, err
		}
		if err = CheckRows(s.dir, s.m); err != nil {
			return nil, nil, err
		}
		if err = CheckChecksums(s.dir, s.m); err != nil {
			return nil, nil, err
		}
		if accs, err = mergeState(accs, s, i == 0, first.NumAccumulators()); err != nil {
			return nil, nil, err
		}
		if summary, err = appendRows(summary, s, SummaryFile, header); err != nil {
			return nil, nil, err
		}
		if first.Events {
			if events, err = appendRows(events, s, EventsFile, first.EventsHeader()); err != nil {
				return nil, nil, err
			}
		}
	}
	if err = writeBytes(filepath.Join(out, SummaryFile), summary); err != nil {
		return nil, nil, err
	}
	if first.Events {
		if err = writeBytes(filepath.Join(out, EventsFile), events); err != nil {
			return nil, nil, err
		}
	}
	if err = SaveState(out, StateDir, accs); err != nil {
		return nil, nil, err
	}
	return merged(first, shards, command), accs, nil
}

// appendRows appends the rows of a shard's file (summary or events),
// after its header.
func appendRows(rows []byte, s shard, name, header string) ([]byte, error) {
	b, err := os.ReadFile(filepath.Join(s.dir, name))
	if err != nil {
		return nil, fmt.Errorf("results: %w", err)
	}
	if len(b) < len(header)+1 || string(b[:len(header)+1]) != header+"\n" {
		return nil, fmt.Errorf("results: %s has no %s of this version", s.dir, name)
	}
	return append(rows, b[len(header)+1:]...), nil
}

func writeBytes(path string, b []byte) error {
	return WriteAtomic(path, func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
}

// mergeState adds a shard's accumulators to those of the shards before it
// (the first shard's are the start).
func mergeState(accs []*Accumulator, s shard, first bool, n int) ([]*Accumulator, error) {
	part, err := ReadState(s.dir, StateDir, n)
	if err != nil {
		return nil, err
	}
	if first {
		return part, nil
	}
	for k := range part {
		if err := accs[k].Merge(part[k]); err != nil {
			return nil, fmt.Errorf("results: %s: %w", s.dir, err)
		}
	}
	return accs, nil
}

// merged is the manifest of the shards joined: the first's, as one shard
// of all the units, with the shards' times added up.
func merged(first *Manifest, shards []shard, command string) *Manifest {
	m := *first
	units := experimentUnits(first)
	m.Command, m.Shard, m.Shards, m.First, m.End, m.Done = command, 0, 1, 0, units, units
	m.Started = time.Now().UTC()
	m.Seconds, m.Checksums = 0, nil
	for _, s := range shards {
		m.Seconds += s.m.Seconds
	}
	return &m
}

// CheckRows checks that the summary.csv of the folder dir holds exactly
// the rows its manifest m says are done, in the order a run writes them:
// one row for each scenario of each finished unit (a replicate, or in a
// sweep a point's replicate), with the experiment's seed. A shard cut
// short, copied in part or edited would otherwise be merged into a result
// that looks complete, or fail deep in the statistics; the error names the
// file and its line.
func CheckRows(dir string, m *Manifest) error {
	path := filepath.Join(dir, SummaryFile)
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("results: %w", err)
	}
	defer f.Close()
	S, want, row := len(m.Scenarios), m.Done*len(m.Scenarios), 0
	var bad error
	err = ReadSummary(f, func(r Record) error {
		if row == want {
			bad = fmt.Errorf("results: %s line %d: more rows than the %d its manifest says are done", path, row+2, want)
			return bad
		}
		u, s := m.First+row/S, row%S
		pt, rep := 0, u
		if m.Sweep != nil && m.Runs > 0 {
			pt, rep = u/m.Runs, u%m.Runs
		}
		if r.Scenario != m.Scenarios[s].Name || r.Replicate != rep || r.Point != pt || r.Seed != m.Seed {
			bad = fmt.Errorf("results: %s line %d: %s, replicate %d, point %d, seed %d where its manifest wants %s, replicate %d, point %d, seed %d",
				path, row+2, r.Scenario, r.Replicate, r.Point, r.Seed, m.Scenarios[s].Name, rep, pt, m.Seed)
			return bad
		}
		row++
		return nil
	})
	switch {
	case bad != nil:
		return bad
	case err != nil:
		return fmt.Errorf("results: %s: %s", path, strings.TrimPrefix(err.Error(), "results: "))
	case row < want:
		return fmt.Errorf("results: %s holds %d rows; its manifest says %d are done", path, row, want)
	}
	return nil
}
