//go:build unix

package results

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// Lock creates dir if need be and takes its lock, which the process holds
// until Close (or its end, however it ends: the kernel lets go of it), so
// that two processes never write one folder: a second run, resume or a
// run of another binary is refused at once.
func Lock(dir string) (*os.File, error) {
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return nil, fmt.Errorf("results: cannot create output folder %s: %w", dir, err)
	}
	f, err := os.OpenFile(filepath.Join(dir, lockName), os.O_RDWR|os.O_CREATE, 0o666)
	if err != nil {
		return nil, fmt.Errorf("results: output folder %s is not writable: %w", dir, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, busyError{dir}
		}
		return nil, fmt.Errorf("results: cannot lock %s: %w", dir, err)
	}
	return f, nil
}
