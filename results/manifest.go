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
	StatusPartial  = "partial"  // interrupted: finished replicates kept; --resume finishes it
	StatusShard    = "shard"    // one shard finished; cisim merge joins the shards
)

// Manifest describes an output folder: what ran, with which tool, how far
// it got, and what to run to reproduce it.
type Manifest struct {
	Tool      string             `json:"tool"`
	Version   string             `json:"version"`
	Commit    string             `json:"commit,omitempty"`
	Command   string             `json:"command"`   // the command line that wrote this folder
	Reproduce string             `json:"reproduce"` // the command that gives the same results on any machine
	Status    string             `json:"status"`
	Seed      uint64             `json:"seed"`
	Runs      int                `json:"runs"`
	Shard     int                `json:"shard"`
	Shards    int                `json:"shards"`
	First     int                `json:"first_replicate"`
	End       int                `json:"end_replicate"`
	Done      int                `json:"replicates_done"`
	Workers   int                `json:"workers"`
	Precision float64            `json:"precision,omitempty"`  // target half-width of the outcome-rate difference's 95% CI
	Batch     int                `json:"batch,omitempty"`      // replicates added per step toward the precision
	MaxRuns   int                `json:"max_runs,omitempty"`   // cap on replicates toward the precision
	HalfWidth float64            `json:"half_width,omitempty"` // half-width reached
	Scenarios []ManifestScenario `json:"scenarios"`
	Sweep     *Sweep             `json:"sweep,omitempty"` // the design points of a sweep
	Started   time.Time          `json:"started"`
	Finished  time.Time          `json:"finished"`
	Seconds   float64            `json:"seconds"`
	Files     []string           `json:"files"`
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
	return s
}

// ScenarioHash is the SHA-256 of a resolved scenario file, in hex.
func ScenarioHash(resolved []byte) string {
	h := sha256.Sum256(resolved)
	return hex.EncodeToString(h[:])
}

// buildVersion returns the module version and VCS commit of the binary.
func buildVersion() (version, commit string) {
	version = "devel"
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return version, ""
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		version = v
	}
	modified := false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			commit = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if commit != "" && modified {
		commit += "+modified" // built from a tree with uncommitted changes
	}
	return version, commit
}

const manifestFile = "manifest.json"

func writeManifest(dir string, m *Manifest) error {
	return writeAtomic(filepath.Join(dir, manifestFile), func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(m)
	})
}

// ReadManifest reads the manifest of an output folder.
func ReadManifest(dir string) (*Manifest, error) {
	b, err := os.ReadFile(filepath.Join(dir, manifestFile))
	if err != nil {
		return nil, fmt.Errorf("%s is not a cisim output folder: %w", dir, err)
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, manifestFile), err)
	}
	if m.Tool != "cisim" {
		return nil, fmt.Errorf("%s was not written by cisim", filepath.Join(dir, manifestFile))
	}
	return &m, nil
}
