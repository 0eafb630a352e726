//go:build !unix

package results

import "os"

// Lock creates dir if need be and opens its lock file; where the system
// has no flock, it does not keep a second process out.
func Lock(dir string) (*os.File, error) { return openLock(dir) }

// LockShared is Lock for processes that may write one folder together.
func LockShared(dir string) (*os.File, error) { return openLock(dir) }
