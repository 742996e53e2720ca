package site

import (
	"os"
	"runtime/debug"
)

// A one-off build holds little for long: notes wait for their deck as
// thin notes, and one deck's HTML is held at a time (about 25 MB of live
// heap at 5,000 notes), while it allocates a few gigabytes. At Go's
// default GOGC of 100 the collector then starts every 25 MB allocated,
// 178 times for 5,000 notes, and marks the same live heap each time. At
// 150 it runs 116 times, spends 1.0 s of CPU instead of 1.5 s, and the
// whole build 0.7–1.0 s less (of 11); the peak is 110–136 MiB, about
// what it was at GOGC 100 before notes were made thin (126–149 MiB).
// (At 200 the peak reached 137–159 MiB.)
const oneOffGCPercent = 150

// oneOffGC sets the collector's GOGC for a one-off build, unless the
// user chose one in the environment, and returns what puts it back.
// GOGC belongs to the process: one-off builds that overlap (only tests
// run them so) may leave it at 150, which changes nothing but pacing.
func oneOffGC() (restore func()) {
	if _, set := os.LookupEnv("GOGC"); set {
		return func() {}
	}
	old := debug.SetGCPercent(oneOffGCPercent)
	return func() { debug.SetGCPercent(old) }
}
