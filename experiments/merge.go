package experiments

import (
	"context"
	"errors"
	"os"
	"time"

	"github.com/cisim/cisim/results"
)

// Merge joins the shard folders of one experiment into out and finishes
// it: every file is written as a single run on one machine would have
// written it (the manifest differs only in times and the command). scs are
// the experiment's scenarios, reloaded by the caller from a shard's
// manifest. The merge is built whole in a new folder beside out, which
// then takes out's place: out is never one of the shards (that is
// refused), and a failed merge leaves out as it was. force lets it replace
// a folder of files of no cisim run.
func Merge(ctx context.Context, out string, shardDirs []string, scs []Scenario, command string, force bool) (*results.Manifest, error) {
	if err := results.CheckMergeOut(out, shardDirs); err != nil {
		return nil, err
	}
	made := results.Missing(out)
	lock, err := results.Lock(out) // a run or another merge writing out is refused
	if err != nil {
		return nil, err
	}
	defer lock.Close()
	defer results.RemoveIfOnlyLock(out, made) // a merge that fails leaves no folder Lock made
	if err = results.CheckOutput(out, force); err != nil {
		return nil, err
	}
	if err = results.RemoveStaleBuilds(out); err != nil {
		return nil, err
	}
	tmp, err := results.NewFolder(out)
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp) // gone already, once it has taken out's place
	m, accs, err := results.MergeShards(ctx, tmp, shardDirs, command)
	if errors.Is(err, context.Canceled) {
		return nil, ErrInterrupted
	}
	if err != nil {
		return nil, err
	}
	m.Status = results.StatusComplete
	files, err := Finish(tmp, m, scs, accs)
	if err != nil {
		return nil, err
	}
	m.Finished = time.Now().UTC()
	m.Files = []string{results.ManifestFile, results.SummaryFile, results.StateDir}
	if m.Events {
		m.Files = append(m.Files, results.EventsFile)
	}
	m.Files = append(m.Files, files...)
	if err = results.WriteManifest(tmp, m); err != nil {
		return nil, err
	}
	return m, results.ReplaceFolder(tmp, out)
}
