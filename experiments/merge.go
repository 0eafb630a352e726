package experiments

import (
	"time"

	"github.com/cisim/cisim/results"
)

// Merge joins the shard folders of one experiment into out and finishes
// it: every file is written as a single run on one machine would have
// written it (the manifest differs only in times and the command). scs are
// the experiment's scenarios, reloaded by the caller from a shard's
// manifest.
func Merge(out string, shardDirs []string, scs []Scenario, command string) (*results.Manifest, error) {
	m, accs, err := results.MergeShards(out, shardDirs, command)
	if err != nil {
		return nil, err
	}
	m.Status = results.StatusComplete
	files, err := Finish(out, m, scs, accs)
	if err != nil {
		return nil, err
	}
	m.Finished = time.Now().UTC()
	m.Files = []string{results.ManifestFile, results.SummaryFile, results.StateDir}
	if m.Events {
		m.Files = append(m.Files, results.EventsFile)
	}
	m.Files = append(m.Files, files...)
	return m, results.WriteManifest(out, m)
}
