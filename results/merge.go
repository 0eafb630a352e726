package results

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"time"
)

// Merge joins the shard folders of one experiment into out: the summary
// rows in replicate order, the accumulators added, and every file written
// as a single run on one machine would have written it (the manifest
// differs only in times and the command). scs are the experiment's
// scenarios, reloaded by the caller from a shard's manifest.
func Merge(out string, shardDirs []string, scs []Scenario, command string) (*Manifest, error) {
	if len(shardDirs) == 0 {
		return nil, fmt.Errorf("merge: no shard folders")
	}
	type shard struct {
		dir string
		m   *Manifest
	}
	var shards []shard
	for _, d := range shardDirs {
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
			return nil, fmt.Errorf("merge: %s is from another experiment than %s (scenarios, seed, runs or shard count differ)", s.dir, shards[0].dir)
		case s.m.Status != StatusShard:
			return nil, fmt.Errorf("merge: %s is %s, not a finished shard", s.dir, s.m.Status)
		case s.m.Shard != i:
			if i > 0 && s.m.Shard == shards[i-1].m.Shard {
				return nil, fmt.Errorf("merge: shard %d/%d given twice (%s and %s)", s.m.Shard, s.m.Shards, shards[i-1].dir, s.dir)
			}
			return nil, fmt.Errorf("merge: shard %d/%d is missing", i, first.Shards)
		}
	}
	if len(shards) != first.Shards {
		return nil, fmt.Errorf("merge: %d of %d shards given", len(shards), first.Shards)
	}
	if err := CheckWritable(out); err != nil {
		return nil, err
	}
	if err := clearRun(out); err != nil {
		return nil, err
	}
	var accs []*Accumulator
	header := summaryHeader(first)
	summary := []byte(header + "\n")
	for i, s := range shards {
		part, err := readState(s.dir, scs, first.Sweep)
		if err != nil {
			return nil, fmt.Errorf("merge: %s: %w", s.dir, err)
		}
		if i == 0 {
			accs = part
		}
		for k := range part {
			if i == 0 {
				break
			}
			if err := accs[k].Merge(part[k]); err != nil {
				return nil, fmt.Errorf("merge: %s: %w", s.dir, err)
			}
		}
		b, err := os.ReadFile(filepath.Join(s.dir, summaryFile))
		if err != nil {
			return nil, fmt.Errorf("merge: %w", err)
		}
		if len(b) < len(header)+1 || string(b[:len(header)+1]) != header+"\n" {
			return nil, fmt.Errorf("merge: %s has no summary of this version", s.dir)
		}
		summary = append(summary, b[len(header)+1:]...)
	}
	m := *first
	units := first.Runs
	if first.Sweep != nil {
		units *= len(first.Sweep.Points)
	}
	m.Command, m.Shard, m.Shards, m.First, m.End, m.Done = command, 0, 1, 0, units, units
	m.Started = time.Now().UTC()
	m.Seconds = 0
	for _, s := range shards {
		m.Seconds += s.m.Seconds
	}
	if err := writeAtomic(filepath.Join(out, summaryFile), func(w io.Writer) error {
		_, err := w.Write(summary)
		return err
	}); err != nil {
		return nil, err
	}
	if err := saveState(out, accs); err != nil {
		return nil, err
	}
	m.Status = StatusComplete
	files, err := Finish(out, &m, scs, accs)
	if err != nil {
		return nil, err
	}
	m.Finished = time.Now().UTC()
	m.Files = append([]string{manifestFile, summaryFile, stateDir}, files...)
	return &m, writeManifest(out, &m)
}
