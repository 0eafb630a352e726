package results

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
)

// tempSeq numbers this process's temporary files.
var tempSeq atomic.Uint64

// CreateTemp creates a new file in dir named prefix followed by this
// process's id and a number. Unlike os.CreateTemp (always mode 0600) it
// creates the file with mode 0666 less the umask, so that the file a
// temporary becomes can be read by whoever the user's umask lets read it.
func CreateTemp(dir, prefix string) (*os.File, error) {
	for {
		name := filepath.Join(dir, prefix+strconv.Itoa(os.Getpid())+"-"+strconv.FormatUint(tempSeq.Add(1), 10))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if !errors.Is(err, os.ErrExist) {
			return f, err
		}
	}
}

// isTemporary reports whether a file name is one of the temporary files
// or checkpoint folders cisim writes beside its results: stale once no run
// writes the folder.
func isTemporary(name string) bool {
	return strings.HasPrefix(name, ".") && (strings.Contains(name, ".tmp-") ||
		strings.HasPrefix(name, checkpointPrefix) || strings.HasPrefix(name, ".cisim-probe-"))
}

// checkpointPrefix begins the name of a checkpoint's state folder.
const checkpointPrefix = ".checkpoint-"

// CheckpointState is the name of the state folder of checkpoint seq.
func CheckpointState(seq int) string { return checkpointPrefix + strconv.Itoa(seq) }

// RemoveStale removes the temporary files and checkpoint folders in dir
// and its folders (plots/ holds a killed run's half-written plots) that an
// earlier, killed process left, except keep (the state folder the
// manifest names, if any).
func RemoveStale(dir, keep string) error {
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case path == dir:
			return nil
		case d.Name() == keep && filepath.Dir(path) == filepath.Clean(dir):
			return filepath.SkipDir
		case isTemporary(d.Name()):
			if err := os.RemoveAll(path); err != nil {
				return err
			}
			if d.IsDir() {
				return filepath.SkipDir
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("results: %w", err)
	}
	return nil
}

// CheckOutput checks that a new experiment may write into dir: unless
// force, that the folder holds nothing but a finished cisim run's files
// (which the new run replaces), so that neither someone else's files nor
// an interrupted run's saved work, which --resume would finish, is lost by
// mistake. (Lock keeps out a second cisim.)
func CheckOutput(dir string, force bool) error {
	if force {
		return nil
	}
	m, err := ReadManifest(dir)
	switch {
	case err == nil && m.Subcommand == "calibrate" && m.Status == StatusRunning:
		return fmt.Errorf("results: output folder %s holds an unfinished calibration that its command would finish (%s); finish it so, choose another folder, or pass --force to replace it",
			dir, carryOn(m, dir))
	case errors.Is(err, fs.ErrNotExist) && exists(filepath.Join(dir, calibrationState)):
		return fmt.Errorf("results: output folder %s holds a calibration whose shards are running or done (it has %s); carry it on with its command, choose another folder, or pass --force to replace it",
			dir, calibrationState)
	case err == nil && (m.Status == StatusPartial || m.Status == StatusRunning):
		return fmt.Errorf("results: output folder %s holds an unfinished run (%d of %d done) that cisim %s --resume %s would finish; finish it so, choose another folder, or pass --force to replace it",
			dir, m.Done, m.End-m.First, m.Subcommand, dir)
	case err == nil:
		return nil
	}
	return CheckOwnFiles(dir, false, func(string) bool { return false })
}

// calibrationState is the calibrate package's StateFile (which imports
// this package).
const calibrationState = "calibration.json"

// carryOn is the command that carries an unfinished calibration on: the
// one that last ran in it, or, when that merged a generation's shards
// (which run again merges nothing), the one that reproduces it, into dir.
func carryOn(m *Manifest, dir string) string {
	for _, arg := range strings.Fields(m.Command) {
		if arg == "--merge" || strings.HasPrefix(arg, "--merge=") {
			return m.Reproduce + " --out " + ShellJoin([]string{dir})
		}
	}
	return m.Command
}

// ShellJoin writes args as a POSIX shell reads them back: quoted where
// they hold a space or a character the shell would act on.
func ShellJoin(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		if a == "" || strings.ContainsAny(a, " \t'\"$&;|<>*?()[]{}") {
			a = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
		q[i] = a
	}
	return strings.Join(q, " ")
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// CheckOwnFiles checks, unless force, that dir holds nothing but what own
// says a command writes there (by name, at the top of the folder), cisim's
// temporary files and its lock.
func CheckOwnFiles(dir string, force bool, own func(name string) bool) error {
	entries, err := os.ReadDir(dir)
	if force || errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("results: output folder %s: %w", dir, err)
	}
	var foreign []string
	for _, e := range entries {
		if n := e.Name(); !isTemporary(n) && n != lockName && !own(n) {
			foreign = append(foreign, n)
		}
	}
	if len(foreign) == 0 {
		return nil
	}
	if len(foreign) > 3 {
		foreign = append(foreign[:3], "…")
	}
	return fmt.Errorf("results: output folder %s holds files of no cisim run (%s); choose another folder, or pass --force to write there anyway",
		dir, strings.Join(foreign, ", "))
}

// StateFolder is the folder, in dir, of the accumulators the manifest
// records: its checkpoint's, or state. A checkpoint's folder that is gone
// was renamed to state when its run was saved, the one step between the
// checkpoint and the manifest that says so. A manifest is a file anyone
// can edit: a checkpoint may name only a checkpoint folder of dir itself.
func (m *Manifest) StateFolder(dir string) (string, error) {
	c := m.Checkpoint
	if c == nil || c.State == "" {
		return StateDir, nil
	}
	if !strings.HasPrefix(c.State, checkpointPrefix) || strings.ContainsAny(c.State, `/\`) || !filepath.IsLocal(c.State) {
		return "", fmt.Errorf("its manifest names %q as its checkpoint, which is no checkpoint folder of cisim's", c.State)
	}
	if _, err := os.Stat(filepath.Join(dir, c.State)); err == nil {
		return c.State, nil
	}
	if _, err := os.Stat(filepath.Join(dir, StateDir)); err != nil {
		return "", fmt.Errorf("its checkpoint's folder %s is missing; run it again", c.State)
	}
	return StateDir, nil
}

// lockName is the file whose lock a process holds while it writes the
// folder.
const lockName = ".cisim-lock"

// openLock creates dir if need be and opens its lock file.
func openLock(dir string) (*os.File, error) {
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return nil, fmt.Errorf("results: cannot create output folder %s: %w", dir, err)
	}
	f, err := os.OpenFile(filepath.Join(dir, lockName), os.O_RDWR|os.O_CREATE, 0o666)
	if err != nil {
		return nil, fmt.Errorf("results: output folder %s is not writable: %w", dir, err)
	}
	return f, nil
}

// RemoveIfOnlyLock removes dir if it holds nothing but its lock file, and
// the folders above it up to made (what Missing said before Lock made
// them) that are then empty: what Lock made for a command that then wrote
// nothing.
func RemoveIfOnlyLock(dir, made string) {
	entries, err := os.ReadDir(dir)
	if made == "" || err != nil || len(entries) != 1 || entries[0].Name() != lockName {
		return
	}
	os.Remove(filepath.Join(dir, lockName))
	for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
		if os.Remove(d) != nil || d == made {
			return
		}
	}
}

// Missing is the topmost folder of dir's path that does not exist, the
// first that Lock would make ("" when dir exists).
func Missing(dir string) string {
	missing := ""
	for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
		if _, err := os.Lstat(d); err == nil || filepath.Dir(d) == d {
			return missing
		}
		missing = d
	}
}

// ErrBusy is the error of Lock when another process holds the lock.
var ErrBusy = errors.New("results: the folder is being written by another process")

// busyError is ErrBusy for one folder.
type busyError struct{ dir string }

func (b busyError) Error() string {
	return fmt.Sprintf("results: %s is being written by another cisim process (it holds %s); wait for it, or stop it first",
		b.dir, filepath.Join(b.dir, lockName))
}

func (b busyError) Is(target error) bool { return target == ErrBusy }

// PublishState makes the checkpoint folder sub of dir its state folder:
// the old state goes and sub is renamed. The manifest still names sub, and
// StateFolder finds it under its new name.
func PublishState(dir, sub string) error {
	if sub == StateDir {
		return nil
	}
	if err := os.RemoveAll(filepath.Join(dir, StateDir)); err != nil {
		return fmt.Errorf("results: %w", err)
	}
	if err := os.Rename(filepath.Join(dir, sub), filepath.Join(dir, StateDir)); err != nil {
		return fmt.Errorf("results: %w", err)
	}
	return nil
}

// OpenLog opens one of a run's growing files (summary.csv, events.csv)
// for appending: a new run's starts with its header, a resumed run's is
// cut to the bytes its manifest vouches for (what lies past them was
// written after the last checkpoint) and goes on from there. The file
// follows the umask.
func OpenLog(dir, name, header string, keep int64) (*os.File, error) {
	path := filepath.Join(dir, name)
	if keep < 0 {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o666)
		if err == nil {
			_, err = io.WriteString(f, header+"\n")
		}
		if err != nil {
			return nil, fmt.Errorf("results: writing %s: %w", path, err)
		}
		return f, nil
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err == nil {
		err = f.Truncate(keep)
	}
	if err == nil {
		_, err = f.Seek(keep, io.SeekStart)
	}
	if err != nil {
		return nil, fmt.Errorf("results: cannot resume %s: %w", path, err)
	}
	return f, nil
}

// CheckMergeOut refuses a merge's output folder that is one of the shard
// folders, lies inside one, or holds one: writing it would destroy the
// shards being merged.
func CheckMergeOut(out string, shardDirs []string) error {
	o := absolute(out)
	for _, d := range shardDirs {
		s := absolute(d)
		if rel, err := filepath.Rel(s, o); err == nil && filepath.IsLocal(rel) || o == s {
			return fmt.Errorf("results: --out %s is shard folder %s or inside it; merge into a new folder", out, d)
		}
		if rel, err := filepath.Rel(o, s); err == nil && filepath.IsLocal(rel) {
			return fmt.Errorf("results: shard folder %s lies inside --out %s; merge into a folder beside the shards", d, out)
		}
	}
	return nil
}

// absolute is path made absolute, through symbolic links where it exists.
func absolute(path string) string {
	if p, err := filepath.EvalSymlinks(path); err == nil {
		path = p
	}
	if p, err := filepath.Abs(path); err == nil {
		return p
	}
	return filepath.Clean(path)
}

// NewFolder makes an empty temporary folder beside path, in which a
// result can be built whole before ReplaceFolder puts it in place.
func NewFolder(path string) (string, error) {
	parent := filepath.Dir(filepath.Clean(path))
	if err := os.MkdirAll(parent, 0o777); err != nil {
		return "", fmt.Errorf("results: cannot create %s: %w", parent, err)
	}
	dir, err := os.MkdirTemp(parent, "."+filepath.Base(filepath.Clean(path))+".tmp-")
	if err != nil {
		return "", fmt.Errorf("results: cannot write in %s: %w", parent, err)
	}
	return dir, os.Chmod(dir, os.FileMode(0o777&^umask()))
}

// ReplaceFolder puts the finished folder built in tmp at path, in place
// of what was there (which CheckOutput has allowed to go): the old folder
// is moved aside first, so that path is never half of either.
func ReplaceFolder(tmp, path string) error {
	old := tmp + "-old"
	if err := os.Rename(path, old); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("results: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("results: %w", err)
	}
	if err := os.RemoveAll(old); err != nil {
		return fmt.Errorf("results: %w", err)
	}
	return nil
}

// RemoveStaleBuilds removes the folders that killed merges into path left
// beside it (NewFolder's, and the old folders ReplaceFolder moved aside).
func RemoveStaleBuilds(path string) error {
	parent, prefix := filepath.Dir(filepath.Clean(path)), "."+filepath.Base(filepath.Clean(path))+".tmp-"
	entries, err := os.ReadDir(parent)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("results: %w", err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), prefix) {
			if err := os.RemoveAll(filepath.Join(parent, e.Name())); err != nil {
				return fmt.Errorf("results: %w", err)
			}
		}
	}
	return nil
}
