//go:build !(linux || darwin || freebsd)

package markdown

import "time"

// threadCPU is not available here: limits use wall time.
func threadCPU() (time.Duration, bool) { return 0, false }
