//go:build unix

package scenarios

import (
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// Reading a named pipe waits for a writer for ever: it is refused unread.
func TestNamedPipeIsRefusedUnread(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pipe.yaml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no named pipe:", err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := Load(fifo, nil)
		done <- err
	}()
	select {
	case err := <-done:
		if want := fifo + ": not a regular file (a named pipe)"; err == nil || err.Error() != want {
			t.Errorf("got %v, want %s", err, want)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Load of a named pipe still waits after 5 s")
	}
}
