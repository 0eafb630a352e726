package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMain lets a test run this test binary as the cisim command (with
// CISIM_TEST_MAIN set), so that it can be killed or signalled as a process.
func TestMain(m *testing.M) {
	if os.Getenv("CISIM_TEST_MAIN") == "1" {
		main()
		return
	}
	code := m.Run()
	removeCodebookFolders()
	os.Exit(code)
}

// cisimProcess starts the cisim command as a process of its own.
func cisimProcess(t *testing.T, args ...string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "CISIM_TEST_MAIN=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, &stderr
}

// exitCode is the exit code of a finished process (−1 killed by a signal).
func exitCode(err error) int {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	if err != nil {
		return -2
	}
	return 0
}

// killedAndResumed runs args into a folder as a process, and kills it
// with SIGKILL ten times, each time resuming it in a new process, at
// moments spread over how long an uninterrupted process takes (so that
// kills land while it loads, between checkpoints and while it finishes its
// files, however fast the machine); then it resumes the run to the end and
// checks that every file equals the uninterrupted run's, and that nothing
// temporary is left behind.
func killedAndResumed(t *testing.T, name string, args []string) {
	whole := t.TempDir()
	started := time.Now()
	cmd, stderr := cisimProcess(t, append([]string{name, "--out", whole}, args...)...)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("uninterrupted %s: %v: %s", name, err, stderr)
	}
	took := time.Since(started)
	t.Logf("uninterrupted %s: %v", name, took)
	dir := t.TempDir()
	next := append([]string{name, "--out", dir}, args...)
	for i := range 10 {
		cmd, _ := cisimProcess(t, next...)
		time.Sleep(took * time.Duration(5+8*i) / 100)
		cmd.Process.Kill()
		cmd.Wait()
		if _, err := os.Stat(filepath.Join(dir, "manifest.json")); err == nil {
			next = []string{name, "--quiet", "--checkpoint", "20ms", "--resume", dir}
			t.Logf("killed at %d%%: %s", 5+8*i, manifestStatus(t, dir))
		}
	}
	if manifestStatus(t, dir) != "complete" {
		mustRun(t, name, "--quiet", "--resume", dir)
	}
	diffFiles(t, "killed and resumed "+name+" vs uninterrupted", resultFiles(t, whole), resultFiles(t, dir))
}

// A run killed with SIGKILL at any moment loses only the replicates in
// flight: resumed, it gives the files of an uninterrupted run byte for
// byte. Checkpoints every 20 ms make most kills land after some.
func TestKilledRunResumesToTheSameBytes(t *testing.T) {
	if testing.Short() {
		t.Skip("kills processes")
	}
	withoutRace(t)
	killedAndResumed(t, "compare", []string{"--runs", "400", "--years", "3", "--set", "beneficiaries.count=300", "--quiet", "--checkpoint", "20ms"})
}

// The same for a sweep.
func TestKilledSweepResumesToTheSameBytes(t *testing.T) {
	if testing.Short() {
		t.Skip("kills processes")
	}
	withoutRace(t)
	killedAndResumed(t, "sweep", []string{"collective-impact", "--vary", "governance.backbone_staff=0:2:3", "--runs", "30", "--years", "3",
		"--set", "beneficiaries.count=300", "--quiet", "--checkpoint", "20ms"})
}

// A first SIGINT stops the run after saving its finished replicates, with
// exit code 130 (SIGTERM: 143), and the folder resumes to the bytes of an
// uninterrupted run.
func TestSignalSavesAndExits130(t *testing.T) {
	if testing.Short() {
		t.Skip("signals processes")
	}
	for _, sig := range []struct {
		s    syscall.Signal
		code int
	}{{syscall.SIGINT, 130}, {syscall.SIGTERM, 143}} {
		dir := t.TempDir()
		cmd, stderr := cisimProcess(t, "compare", "--runs", "4000", "--years", "3", "--set", "beneficiaries.count=300", "--quiet", "--out", dir)
		waitForFile(t, filepath.Join(dir, "summary.csv"))
		time.Sleep(200 * time.Millisecond)
		cmd.Process.Signal(sig.s)
		if code := exitCode(cmd.Wait()); code != sig.code {
			t.Fatalf("%v: exit %d, want %d (stderr %q)", sig.s, code, sig.code, stderr.String())
		}
		if !strings.Contains(stderr.String(), "finish with: cisim compare --resume "+dir) || manifestStatus(t, dir) != "partial" {
			t.Errorf("%v: stderr %q, status %s; want how to resume, partial", sig.s, stderr.String(), manifestStatus(t, dir))
		}
	}
}

// waitForFile waits until a file exists (at most ten seconds).
func waitForFile(t *testing.T, path string) {
	t.Helper()
	for range 1000 {
		if _, err := os.Stat(path); err == nil {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("%s never appeared", path)
}

// smallDisk mounts a tmpfs of the given size (e.g. "4m") for the test: a
// disk that fills up. It needs root on Linux, and skips elsewhere.
func smallDisk(t *testing.T, size string) string {
	t.Helper()
	if runtime.GOOS != "linux" || os.Geteuid() != 0 {
		t.Skip("a full disk is a small tmpfs, which needs root on Linux to mount")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs: %v: %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", dir).Run() })
	return dir
}

// A disk that fills up when the run starts, in its middle and as it
// finishes its files: the run fails with exit code 1 and one line that
// names the file and the cause and says how to finish, and its folder,
// moved to a disk with room, resumes to the files of an uninterrupted run.
func TestFullDiskLeavesAResumableFolder(t *testing.T) {
	if testing.Short() {
		t.Skip("mounts file systems")
	}
	withoutRace(t)
	args := []string{"--runs", "150", "--years", "3", "--set", "beneficiaries.count=300", "--quiet"}
	whole := t.TempDir()
	mustRun(t, append([]string{"compare", "--out", whole}, args...)...)
	// The accumulators take about 4.5 MB a design, and two checkpoints
	// are on disk while the second is saved; the logs take 1 MB, the
	// finished files some 3 MB more. Without checkpoints on the way (1h),
	// a disk of 12 MB fills while the files are finished.
	for _, c := range []struct{ size, every string }{{"64k", "20ms"}, {"14m", "20ms"}, {"12m", "1h"}} {
		size := c.size
		out := filepath.Join(smallDisk(t, size), "out")
		code, _, stderr := runCLI(append([]string{"compare", "--out", out, "--checkpoint", c.every}, args...)...)
		if code == 0 {
			t.Fatalf("%s disk: the run fitted; make the disk smaller", size)
		}
		if code != 1 || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "no space left on device") {
			t.Fatalf("%s disk: exit %d, stderr %q; want 1 and one line naming the cause", size, code, stderr)
		}
		if _, err := os.Stat(filepath.Join(out, "manifest.json")); err != nil {
			continue // nothing was done that could be lost
		}
		t.Logf("%s disk: %s", size, stderr)
		moved := t.TempDir()
		if err := exec.Command("cp", "-a", out+"/.", moved).Run(); err != nil {
			t.Fatal(err)
		}
		mustRun(t, "compare", "--quiet", "--resume", moved)
		diffFiles(t, size+" disk, resumed elsewhere, vs uninterrupted", resultFiles(t, whole), resultFiles(t, moved))
	}
}
