package results

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
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

// CheckOutput checks that a new experiment may write into dir: that no
// live process is writing a run there, and, unless force, that the folder
// holds nothing but a cisim run's files (which the new run replaces), so
// that a folder of someone else's files is never overwritten by mistake.
func CheckOutput(dir string, force bool) error {
	if m, err := ReadManifest(dir); err == nil {
		return m.CheckNotRunning(dir)
	}
	if force {
		return nil
	}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("results: output folder %s: %w", dir, err)
	}
	var foreign []string
	for _, e := range entries {
		if !isTemporary(e.Name()) {
			foreign = append(foreign, e.Name())
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

// CheckNotRunning refuses a folder whose run is still being written by a
// live process on this machine. A folder marked running whose process is
// gone was killed: it can be resumed or replaced.
func (m *Manifest) CheckNotRunning(dir string) error {
	c := m.Checkpoint
	if m.Status != StatusRunning || c == nil || c.PID <= 0 {
		return nil
	}
	if host, _ := os.Hostname(); host != c.Host || c.PID == os.Getpid() {
		return nil
	}
	if alive(c.PID) {
		return fmt.Errorf("results: %s is being written by another cisim (process %d on %s); wait for it, or stop it first", dir, c.PID, c.Host)
	}
	return nil
}

// alive reports whether process pid is a live cisim. Where /proc tells, a
// zombie (killed, not yet reaped) is dead, and so is a live process that
// is not cisim (the number reused since); elsewhere any process that
// takes signals counts.
func alive(pid int) bool {
	proc := filepath.Join("/proc", strconv.Itoa(pid))
	if _, err := os.Stat("/proc/self"); err == nil {
		stat, err := os.ReadFile(filepath.Join(proc, "stat"))
		if err != nil {
			return false
		}
		if i := bytes.LastIndexByte(stat, ')'); i < 0 || i+2 >= len(stat) || stat[i+2] == 'Z' {
			return false
		}
		cmd, _ := os.ReadFile(filepath.Join(proc, "cmdline"))
		return bytes.Contains(cmd, []byte("cisim"))
	}
	p, err := os.FindProcess(pid)
	if err == nil {
		err = p.Signal(syscall.Signal(0))
	}
	return err == nil || errors.Is(err, syscall.EPERM)
}

// StateFolder is the folder, in dir, of the accumulators the manifest
// records: its checkpoint's, or state. A checkpoint's folder that is gone
// was renamed to state when its run was saved, the one step between the
// checkpoint and the manifest that says so.
func (m *Manifest) StateFolder(dir string) string {
	if c := m.Checkpoint; c != nil && c.State != "" {
		if _, err := os.Stat(filepath.Join(dir, c.State)); err == nil {
			return c.State
		}
	}
	return StateDir
}

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
// of what was there (which CheckOutput has allowed to go).
func ReplaceFolder(tmp, path string) error {
	if err := os.RemoveAll(path); err != nil {
		return fmt.Errorf("results: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("results: %w", err)
	}
	return nil
}
