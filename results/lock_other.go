//go:build !unix

package results

import (
	"fmt"
	"os"
	"path/filepath"
)

// Lock creates dir if need be and opens its lock file; where the system
// has no flock, it does not keep a second process out.
func Lock(dir string) (*os.File, error) {
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return nil, fmt.Errorf("results: cannot create output folder %s: %w", dir, err)
	}
	return os.OpenFile(filepath.Join(dir, lockName), os.O_RDWR|os.O_CREATE, 0o666)
}
