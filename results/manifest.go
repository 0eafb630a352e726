package results

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"
)

// Status of an output folder.
const (
	StatusComplete = "complete" // every replicate ran; all files written
	StatusPartial  = "partial"  // interrupted: finished replicates kept, to be resumed
	StatusShard    = "shard"    // one shard finished, to be merged with the others
	StatusRunning  = "running"  // being written, or killed: its last checkpoint is kept, to be resumed
)

// The files of an output folder that every experiment writes.
const (
	ManifestFile = "manifest.json"
	SummaryFile  = "summary.csv"
	StateDir     = "state" // the saved accumulators
)

// Manifest describes an output folder: what ran, with which tool, how far
// it got, and what to run to reproduce it.
type Manifest struct {
	Tool    string `json:"tool"`
	Version string `json:"version"`
	Commit  string `json:"commit,omitempty"`
	Command string `json:"command"` // the command line that wrote this folder
	// Subcommand is the command whose experiment the folder holds
	// (compare, sweep, …); a merge of shards keeps theirs.
	Subcommand string             `json:"subcommand"`
	Reproduce  string             `json:"reproduce"` // the command that gives the same results on any machine
	Status     string             `json:"status"`
	Seed       uint64             `json:"seed"`
	Runs       int                `json:"runs"`
	Shard      int                `json:"shard"`
	Shards     int                `json:"shards"`
	First      int                `json:"first_replicate"`
	End        int                `json:"end_replicate"`
	Done       int                `json:"replicates_done"`
	Workers    int                `json:"workers"`
	Precision  float64            `json:"precision,omitempty"`  // target half-width of the outcome-rate difference's 95% CI
	Batch      int                `json:"batch,omitempty"`      // replicates added per step toward the precision
	MaxRuns    int                `json:"max_runs,omitempty"`   // cap on replicates toward the precision
	HalfWidth  float64            `json:"half_width,omitempty"` // half-width reached
	Scenarios  []ManifestScenario `json:"scenarios"`
	// Drawn are the uncertain numbers each replicate drew (the union over
	// the scenarios, sorted): the extra columns of summary.csv.
	Drawn []string `json:"drawn,omitempty"`
	// Events says whether the folder holds events.csv, each run's event log.
	Events bool `json:"events,omitempty"`
	// Parquet says whether each CSV file has a Parquet file beside it
	// (--format parquet).
	Parquet bool   `json:"parquet,omitempty"`
	Sweep   *Sweep `json:"sweep,omitempty"` // the design points of a sweep
	// Posterior, if set, is the calibration's posterior every replicate
	// drew its parameters from (--posterior).
	Posterior *ManifestPosterior `json:"posterior,omitempty"`
	// Targets, for a calibration, is its targets file and the file's
	// SHA-256.
	Targets  string    `json:"targets,omitempty"`
	Started  time.Time `json:"started"`
	Finished time.Time `json:"finished"`
	Seconds  float64   `json:"seconds"`
	Files    []string  `json:"files"`
	// Checksums, in a finished shard, are the SHA-256 (hex) of each file a
	// merge reads, by its path in the folder.
	Checksums map[string]string `json:"sha256,omitempty"`
	// Checkpoint, while the folder is running (or its run was killed),
	// says what its last checkpoint holds.
	Checkpoint *Checkpoint `json:"checkpoint,omitempty"`
}

// Checkpoint is what a running folder's last checkpoint holds: the
// replicates done (the manifest's Done), their accumulators in State, and
// the bytes of summary.csv and events.csv that hold their rows (the files
// only grow; what lies past these lengths is dropped on resume). PID and
// Host name the process that wrote it, for whoever looks (the folder's
// lock, not these, keeps a second process out).
type Checkpoint struct {
	State        string `json:"state"` // the folder of the accumulators; empty before the first is saved
	SummaryBytes int64  `json:"summary_bytes"`
	EventsBytes  int64  `json:"events_bytes"`
	PID          int    `json:"pid"`
	Host         string `json:"host"`
}

// ManifestScenario is one resolved scenario of the run.
type ManifestScenario struct {
	Name     string `json:"name"`
	SHA256   string `json:"sha256"`
	Resolved string `json:"resolved"`
}

// Identity is what must match for two folders to belong to one experiment.
func (m *Manifest) Identity() string {
	s := fmt.Sprintf("seed=%d runs=%d shards=%d", m.Seed, m.Runs, m.Shards)
	for _, sc := range m.Scenarios {
		s += " " + sc.Name + "=" + sc.SHA256
	}
	if m.Sweep != nil {
		s += m.Sweep.identity()
	}
	if m.Posterior != nil {
		s += " posterior=" + m.Posterior.SHA256
	}
	return s
}

// NumAccumulators is the number of accumulators the folder's state holds:
// one per scenario, or in a sweep one per point and scenario (none when
// the sweep keeps no series).
func (m *Manifest) NumAccumulators() int {
	switch {
	case m.Sweep == nil:
		return len(m.Scenarios)
	case m.Sweep.Series(len(m.Scenarios)):
		return len(m.Sweep.Points) * len(m.Scenarios)
	}
	return 0
}

// ScenarioHash is the SHA-256 of a resolved scenario file, in hex.
func ScenarioHash(resolved []byte) string {
	h := sha256.Sum256(resolved)
	return hex.EncodeToString(h[:])
}

// Build names the build of cisim that wrote m: its version, and its commit
// when it has one.
func (m *Manifest) Build() string { return buildName(m.Version, m.Commit) }

func buildName(version, commit string) string {
	if commit == "" {
		return version
	}
	return version + " (commit " + commit + ")"
}

// SameBuild refuses a folder that another build of cisim than this one
// wrote: finishing it would mix two builds' runs in one result.
func (m *Manifest) SameBuild(dir string) error { return SameBuild(dir, m.Build()) }

// SameBuild refuses a folder that build (a Manifest.Build name) started
// when this binary is another build.
func SameBuild(dir, build string) error {
	if this := ThisBuild(); build != this {
		return fmt.Errorf("%s was started by cisim %s and this is cisim %s; carry it on with the build that started it, or start afresh in another folder", dir, build, this)
	}
	return nil
}

// ThisBuild names this binary's build as Manifest.Build names a manifest's.
func ThisBuild() string { return buildName(BuildVersion()) }

// BuildVersion returns the version of the binary and the commit it was
// built from (see buildVersion); "devel" and no commit without build
// information.
func BuildVersion() (version, commit string) {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel", ""
	}
	return buildVersion(info)
}

// buildVersion reads the version and commit from a binary's build
// information. The version is the module's when it has one: v1.2.0 from
// go install …@v1.2.0, or the pseudo-version Go derives from the commit
// when it stamps VCS information (v0.0.0-20261202070546-2df6ed6ea3bf,
// "+dirty" for a tree with uncommitted changes). A binary built without
// a module version but with the VCS settings reads as the commit's first
// 12 hex digits (Go's length in pseudo-versions), with "+dirty" as Go
// marks it; one with neither (go run, -buildvcs=false) reads "devel".
// The commit is the full hash, "+modified" when the tree was (the
// manifest's documented form).
func buildVersion(info *debug.BuildInfo) (version, commit string) {
	modified := false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			commit = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	switch v := info.Main.Version; {
	case v != "" && v != "(devel)":
		version = v
	case commit != "":
		version = commit[:min(12, len(commit))]
		if modified {
			version += "+dirty"
		}
	default:
		version = "devel"
	}
	if commit != "" && modified {
		commit += "+modified" // built from a tree with uncommitted changes
	}
	return version, commit
}

// WriteManifest writes the manifest of the output folder dir.
func WriteManifest(dir string, m *Manifest) error {
	return WriteAtomic(filepath.Join(dir, ManifestFile), func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(m)
	})
}

// ReadManifest reads the manifest of an output folder.
func ReadManifest(dir string) (*Manifest, error) {
	b, err := os.ReadFile(filepath.Join(dir, ManifestFile))
	if err != nil {
		return nil, fmt.Errorf("results: %s is not a cisim output folder: %w", dir, err)
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("results: %s: %w", filepath.Join(dir, ManifestFile), err)
	}
	if m.Tool != "cisim" {
		return nil, fmt.Errorf("results: %s was not written by cisim", filepath.Join(dir, ManifestFile))
	}
	return &m, nil
}

// Sweep is the part of a manifest that makes an experiment a sweep:
// every scenario of the experiment (a design) runs at each design point,
// with the point's lever values set, for Runs replicates. Replicate r
// shares its random streams at every point and in every design, so
// differences between points and designs pair.
type Sweep struct {
	Method string      `json:"method"`           // how the points were chosen: grid, lhs, sobol, morris, factorial, hypothesis, explain
	Vary   []string    `json:"vary"`             // the ranges as given (KEY=LO:HI[:STEPS])
	Levers []string    `json:"levers"`           // the varied keys, in column order
	Points [][]float64 `json:"points"`           // lever values of each point
	Metric string      `json:"metric,omitempty"` // the metric a sensitivity analysis explains
	Base   int         `json:"base,omitempty"`   // Saltelli base samples, or Morris trajectories
	Levels int         `json:"levels,omitempty"` // Morris grid levels
	// Hypothesis names the hypothesis (H1, H2, H3) a sweep tests; its
	// first lever is the focal one.
	Hypothesis string `json:"hypothesis,omitempty"`
	// Orders are the orderings of the levers whose marginal contributions
	// estimate an explain sweep's Shapley values; none when the sweep holds
	// every coalition and the values are exact.
	Orders [][]int `json:"orders,omitempty"`
	// PointValues runs every design at point values at every point: the
	// distributions a point's settings give are dropped too.
	PointValues bool `json:"point_values,omitempty"`
	// Goals are a robust analysis's thresholds (--satisfice): a design
	// satisfies a future when its mean meets every one there.
	Goals []Goal `json:"goals,omitempty"`
	// Hurwicz is the weight α of a robust analysis's Hurwicz criterion on
	// each design's best future (1 − α on its worst).
	Hurwicz float64 `json:"hurwicz,omitempty"`
}

// maxSeriesPairs bounds the points × designs whose per-tick statistics a
// sweep keeps (about 1 MB each over ten weekly years): a larger sweep
// writes no timeseries.csv.
const maxSeriesPairs = 64

// Series reports whether a sweep of this many designs keeps per-tick
// statistics for each point.
func (s *Sweep) Series(designs int) bool { return len(s.Points)*designs <= maxSeriesPairs }

// identity is what must match for two folders to hold one sweep.
func (s *Sweep) identity() string {
	b, _ := json.Marshal(s)
	h := sha256.Sum256(b)
	return " sweep=" + hex.EncodeToString(h[:8])
}
