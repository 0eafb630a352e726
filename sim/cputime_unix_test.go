//go:build unix

package sim_test

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time the process has used, user and system. On a
// shared machine it counts only the time the benchmark ran, not the time
// it waited for a core; with -cpu 1 and no allocations it is the engine's.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
