package calibrate

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/cisim/cisim/analysis/abc"
	"github.com/cisim/cisim/results"
)

// StateFile is the calibration's saved state: its fingerprint, the
// targets' scales and every finished generation.
const StateFile = "calibration.json"

const stateVersion = "cisim-calibration-1"

// State is what calibration.json holds.
type State struct {
	Version     string           `json:"version"`
	Fingerprint string           `json:"fingerprint"`     // of the setup: a different calibration must not resume this one
	Build       string           `json:"build,omitempty"` // the cisim that started it (results.ThisBuild); older states have none
	Scales      []float64        `json:"scales"`
	Generations []abc.Population `json:"generations"`
	Simulations int              `json:"simulations"` // model runs so far
	Done        bool             `json:"done"`
	Reason      string           `json:"reason"`
}

// Fingerprint hashes everything that decides a calibration's result.
func (s *Setup) Fingerprint() string {
	h := sha256.New()
	for _, d := range s.Designs {
		fmt.Fprintf(h, "design %s\n%s\n", d.Name, d.Resolved)
	}
	for k, t := range s.Targets {
		fmt.Fprintf(h, "target %+v fitted %v\n", t, s.Fitted[k])
	}
	for _, p := range s.Params {
		fmt.Fprintf(h, "param %s %v\n", p.Key, p.Prior)
	}
	fmt.Fprintf(h, "%+v\n", s.Config().WithDefaults())
	fmt.Fprintf(h, "replicates %d predictive %d\n", s.Replicates, s.Predictive)
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// CheckState refuses a folder whose state is of another calibration than
// s, or is no state cisim can resume: what Run would refuse, checked before
// anything is written into the folder.
func CheckState(dir string, s *Setup, o Options) error {
	_, _, err := openState(dir, s, o)
	return err
}

// openState is loadState as Run sees it: a merge into a folder with no
// calibration is refused (it once saved a state there and failed).
func openState(dir string, s *Setup, o Options) (*State, bool, error) {
	st, fresh, err := loadState(dir, s.Fingerprint(), o.AnyBuild)
	if err == nil && fresh && o.Merge {
		return nil, false, &MergeError{fmt.Sprintf("%s holds no calibration to merge (no %s): run the shards of generation 0 first (--shard K/N), or run without --merge", dir, StateFile)}
	}
	return st, fresh, err
}

// MergeError says a merge cannot be done yet: there is nothing to merge,
// or some particles of the generation have not been simulated. It is the
// user's order of commands that is wrong, not the calibration.
type MergeError struct{ msg string }

func (e *MergeError) Error() string { return e.msg }

// loadState reads a folder's state, or starts a new one when it has none
// (fresh is true then). A state another build of cisim started is refused
// unless anyBuild: its generations would be of two builds, and shards of
// generation 0 write no manifest to say so. Logs without a state are refused: an older cisim
// saved the state only after generation 0, so nothing says whose
// simulations they are, and a new calibration once took them as its own.
func loadState(dir, fingerprint string, anyBuild bool) (st *State, fresh bool, err error) {
	b, err := os.ReadFile(filepath.Join(dir, StateFile))
	if errors.Is(err, os.ErrNotExist) {
		logs, _ := filepath.Glob(filepath.Join(dir, "generation-*.jsonl"))
		predictive, _ := filepath.Glob(filepath.Join(dir, logStem(-1)+"*.jsonl"))
		if logs = append(logs, predictive...); len(logs) > 0 {
			return nil, false, fmt.Errorf("%s holds simulations (%s) but no %s to say of which calibration (one an older cisim was running when it was stopped); remove them, or give another --out", dir, filepath.Base(logs[0]), StateFile)
		}
		return &State{Version: stateVersion, Fingerprint: fingerprint, Build: results.ThisBuild()}, true, nil
	}
	if err != nil {
		return nil, false, err
	}
	st = &State{}
	if err := json.Unmarshal(b, st); err != nil || st.Version != stateVersion {
		return nil, false, fmt.Errorf("%s: not a calibration state cisim can resume (%v)", filepath.Join(dir, StateFile), err)
	}
	if st.Fingerprint != fingerprint {
		return nil, false, fmt.Errorf("%s holds another calibration (other scenarios, targets, parameters, sizes or seed); use another --out", dir)
	}
	if st.Build != "" && !anyBuild {
		if err := results.SameBuild(dir, st.Build); err != nil {
			return nil, false, err
		}
	}
	return st, false, nil
}

// create saves a new state unless one is there already, as when shards
// start at once: then it is the one there, if it is of this calibration
// (of two calibrations' shards, the second is refused).
func (st *State) create(dir string, anyBuild bool) (*State, error) {
	err := results.WriteNew(filepath.Join(dir, StateFile), st.encode)
	if errors.Is(err, fs.ErrExist) {
		now, _, lerr := loadState(dir, st.Fingerprint, anyBuild)
		return now, lerr
	}
	return st, err
}

func (st *State) save(dir string) error {
	return results.WriteAtomic(filepath.Join(dir, StateFile), st.encode)
}

func (st *State) encode(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	return enc.Encode(st)
}

// logLine is one particle's simulations in a generation's log.
type logLine struct {
	Particle int         `json:"particle"`
	Stats    [][]float64 `json:"stats"`
}

// logName is a generation's log, or a shard's part of it; generation −1
// is the posterior predictive check's.
func logName(gen, shard, shards int) string {
	if shards > 1 {
		return fmt.Sprintf("%s.shard-%d-of-%d.jsonl", logStem(gen), shard, shards)
	}
	return logStem(gen) + ".jsonl"
}

func logStem(gen int) string {
	if gen < 0 {
		return "predictive"
	}
	return fmt.Sprintf("generation-%03d", gen)
}

// readLogs gathers the particles already simulated in a generation from
// its log and its shards' logs. A line cut short by a kill is ignored.
func readLogs(dir string, gen, n, targets, datasets int) (map[int][][]float64, error) {
	paths, err := filepath.Glob(filepath.Join(dir, logStem(gen)+"*.jsonl"))
	if err != nil {
		return nil, err
	}
	slices.Sort(paths)
	done := map[int][][]float64{}
	for _, path := range paths {
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		for line := range bytes.Lines(b) {
			var l logLine
			if !bytes.HasSuffix(line, []byte("\n")) || decodeStats(line, &l) != nil || !l.fits(n, targets, datasets) {
				continue
			}
			done[l.Particle] = l.Stats
		}
	}
	return done, nil
}

func decodeStats(line []byte, l *logLine) error {
	var raw struct {
		Particle int        `json:"particle"`
		Stats    [][]string `json:"stats"`
	}
	if err := json.Unmarshal(line, &raw); err != nil {
		return err
	}
	l.Particle = raw.Particle
	l.Stats = make([][]float64, len(raw.Stats))
	for m, row := range raw.Stats {
		for _, f := range row {
			x, err := parseStat(f)
			if err != nil {
				return err
			}
			l.Stats[m] = append(l.Stats[m], x)
		}
	}
	return nil
}

func (l *logLine) fits(n, targets, datasets int) bool {
	if l.Particle < 0 || l.Particle >= n || len(l.Stats) != datasets {
		return false
	}
	for _, row := range l.Stats {
		if len(row) != targets {
			return false
		}
	}
	return true
}

// encodeStats writes a log line; statistics are strings so that NaN and
// infinities round-trip (JSON numbers cannot hold them).
func encodeStats(particle int, stats [][]float64) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, `{"particle":%d,"stats":[`, particle)
	for m, row := range stats {
		if m > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('[')
		for k, x := range row {
			if k > 0 {
				b.WriteByte(',')
			}
			b.WriteString(`"` + formatStat(x) + `"`)
		}
		b.WriteByte(']')
	}
	b.WriteString("]}\n")
	return []byte(b.String())
}

// appendLog opens a generation's log for appending, first cutting off a
// last line a kill left without its end (which the next record would
// otherwise join).
func appendLog(dir string, gen, shard, shards int) (*bufio.Writer, *os.File, error) {
	path := filepath.Join(dir, logName(gen, shard, shards))
	if b, err := os.ReadFile(path); err == nil && len(b) > 0 && b[len(b)-1] != '\n' {
		if err := os.Truncate(path, int64(bytes.LastIndexByte(b, '\n')+1)); err != nil {
			return nil, nil, err
		}
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o666)
	if err != nil {
		return nil, nil, err
	}
	return bufio.NewWriter(f), f, nil
}

// removeLogs removes a finished generation's logs: calibration.json now
// holds what they did.
func removeLogs(dir string, gen int) error {
	paths, err := filepath.Glob(filepath.Join(dir, logStem(gen)+"*.jsonl"))
	if err != nil {
		return err
	}
	for _, p := range paths {
		if err := os.Remove(p); err != nil {
			return err
		}
	}
	return nil
}

// CheckOutput refuses a folder that holds files but no calibration (unless
// force): a calibration writes into it, and must not overwrite someone
// else's files by mistake.
func CheckOutput(dir string, force bool) error {
	entries, err := os.ReadDir(dir)
	if err != nil || force {
		return nil // a missing folder is made; an unreadable one fails on writing
	}
	for _, e := range entries {
		if e.Name() == StateFile || strings.HasPrefix(e.Name(), "generation-") {
			return nil
		}
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ".") {
			return fmt.Errorf("%s holds files of no cisim calibration (%s, …); give another --out, or --force to write into it", dir, e.Name())
		}
	}
	return nil
}
