//go:build linux || darwin || freebsd

package markdown

import (
	"time"

	"golang.org/x/sys/unix"
)

// threadCPU returns the CPU time the calling thread has used, and true;
// the caller keeps its goroutine on the thread (runtime.LockOSThread)
// between two readings. Unlike wall time, it does not grow while other
// programs have the CPU, so a loaded machine does not change what goes
// over a time limit.
func threadCPU() (time.Duration, bool) {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_THREAD_CPUTIME_ID, &ts); err != nil {
		return 0, false
	}
	return time.Duration(ts.Nano()), true
}
