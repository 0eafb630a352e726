//go:build unix

package results

import (
	"sync"
	"syscall"
)

// umask is the process's file mode creation mask, read once (reading it
// means setting it, so it is set back at once, before any file is made).
var umask = sync.OnceValue(func() uint32 {
	m := syscall.Umask(0o022)
	syscall.Umask(m)
	return uint32(m)
})
