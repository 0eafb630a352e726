package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestServeBadUsageExitsTwo(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	full := t.TempDir()
	os.WriteFile(filepath.Join(full, "keep.txt"), []byte("mine"), 0o644)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"serve", "--addr", "8080"}, "want host:port"},
		{[]string{"serve", "--addr", "127.0.0.1:99999"}, "port"},
		{[]string{"serve", "--addr", "127.0.0.1:http"}, "port"},
		{[]string{"serve", "--addr", taken.Addr().String()}, "cannot listen"},
		{[]string{"serve", "page"}, "unexpected argument"},
		{[]string{"serve", "--bogus"}, "unknown flag"},
		{[]string{"serve", "--export", ""}, "needs a folder"},
		{[]string{"serve", "--export", t.TempDir() + "/x", "--addr", "127.0.0.1:0"}, "either --export or --addr"},
		{[]string{"serve", "--export", full}, "not empty"},
	} {
		code, stdout, stderr := runCLI(c.args...)
		if code != 2 || stdout != "" || !strings.Contains(stderr, c.want) || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want 2 and one line with %q", c.args, code, stdout, stderr, c.want)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(full, "keep.txt")); string(b) != "mine" {
		t.Error("a refused export touched the folder")
	}
}

func TestServeExport(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "page")
	code, stdout, stderr := runCLI("serve", "--export", dir)
	if code != 0 || !strings.Contains(stdout, dir) {
		t.Fatalf("exit %d: %s %s", code, stdout, stderr)
	}
	for _, f := range []string{"index.html", "app.js", "cisim.wasm", "wasm_exec.js", "uPlot.iife.min.js", "uPlot.LICENSE"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("export lacks %s", f)
		}
	}
}

// TestServeExportHere exports into the current folder, empty, as
// --export . (the folder itself cannot be replaced).
func TestServeExportHere(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	code, stdout, stderr := runCLI("serve", "--export", ".")
	if code != 0 {
		t.Fatalf("--export . in an empty folder: exit %d: %s %s", code, stdout, stderr)
	}
	for _, f := range []string{"index.html", "app.js", "cisim.wasm"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("--export . did not write %s", f)
		}
	}
}

func TestServeHelp(t *testing.T) {
	code, stdout, _ := runCLI("serve", "--help")
	if code != 0 || !strings.Contains(stdout, "--addr") || !strings.Contains(stdout, "--export") {
		t.Errorf("exit %d, help %q", code, stdout)
	}
}

// lockedBuffer is a buffer the server's goroutine writes while the test reads.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestServePrintsTheAddressAndStops serves on a free loopback port, fetches
// the page from the printed address and stops on cancel with exit 0.
func TestServePrintsTheAddressAndStops(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr lockedBuffer
	code := make(chan int, 1)
	go func() { code <- cli(ctx, []string{"serve", "--addr", "127.0.0.1:0"}, &stdout, &stderr) }()
	url := regexp.MustCompile(`http://127\.0\.0\.1:[0-9]+/`)
	deadline := time.Now().Add(20 * time.Second)
	for url.FindString(stdout.String()) == "" {
		if time.Now().After(deadline) {
			t.Fatalf("no address printed: %q %q", stdout.String(), stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	resp, err := http.Get(url.FindString(stdout.String()))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "cisim classroom") {
		t.Errorf("GET the printed address: %d", resp.StatusCode)
	}
	if stderr.String() != "" {
		t.Errorf("a loopback server warned: %q", stderr.String())
	}
	cancel()
	select {
	case c := <-code:
		if c != 0 {
			t.Errorf("exit %d after cancel: %s", c, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop on cancel")
	}
}

// TestCheckAddr tells loopback addresses, served without a warning, from
// the others, which must be asked for and are warned about.
func TestCheckAddr(t *testing.T) {
	for addr, loop := range map[string]bool{
		"127.0.0.1:8080": true, "127.0.0.2:80": true, "localhost:8080": true, "[::1]:8080": true,
		":8080": false, "0.0.0.0:8080": false, "[::]:8080": false, "192.168.1.20:8080": false, "classroom.example:80": false,
	} {
		got, err := checkAddr(addr)
		if err != nil || got != loop {
			t.Errorf("checkAddr(%q) = %v, %v; want %v", addr, got, err, loop)
		}
	}
}
