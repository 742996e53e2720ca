package site

import (
	"os"
	"runtime/debug"
	"testing"
)

// TestOneOffGC: a one-off build runs the collector at oneOffGCPercent and
// puts the old setting back, but leaves a GOGC the user set alone.
func TestOneOffGC(t *testing.T) {
	orig := debug.SetGCPercent(100)
	defer debug.SetGCPercent(orig)

	t.Setenv("GOGC", "") // puts the environment back at the end
	os.Unsetenv("GOGC")
	restore := oneOffGC()
	if got := debug.SetGCPercent(100); got != oneOffGCPercent {
		t.Errorf("during a one-off build GOGC is %d, want %d", got, oneOffGCPercent)
	}
	debug.SetGCPercent(oneOffGCPercent)
	restore()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("after a one-off build GOGC is %d, want 100 back", got)
	}

	os.Setenv("GOGC", "100")
	restore = oneOffGC()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("with GOGC=100 in the environment a one-off build set GOGC to %d", got)
	}
	restore()
}
