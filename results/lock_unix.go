//go:build unix

package results

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// Lock creates dir if need be and takes its lock, which the process holds
// until Close (or its end, however it ends: the kernel lets go of it), so
// that two processes never write one folder: a second run, resume or a
// run of another binary is refused at once.
func Lock(dir string) (*os.File, error) { return lock(dir, syscall.LOCK_EX) }

// LockShared is Lock for processes that may write one folder together,
// each its own files (a calibration's shards): any number of them hold it
// at once, and while they do Lock is refused, and they are while Lock is
// held.
func LockShared(dir string) (*os.File, error) { return lock(dir, syscall.LOCK_SH) }

func lock(dir string, how int) (*os.File, error) {
	f, err := openLock(dir)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, busyError{dir}
		}
		return nil, fmt.Errorf("results: cannot lock %s: %w", dir, err)
	}
	return f, nil
}
