package site

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestCacheTakesUnchangedNotes: a -cache build in a new process takes a
// note whose size and modification time the last build recorded as
// unchanged without reading it, yet never misses an edit that changed
// either, and reads again a note that was racily clean (changed near or
// after the start of the build that recorded it).
func TestCacheTakesUnchangedNotes(t *testing.T) { forEachCacheMode(t, testCacheTakesUnchangedNotes) }

func testCacheTakesUnchangedNotes(t *testing.T, lean bool) {
	dir := t.TempDir()
	src, cache := filepath.Join(dir, "src"), filepath.Join(dir, "cache")
	write := fileWriter(t, src)
	old := time.Now().Add(-time.Hour)
	// writeOld writes a note with a modification time well in the past.
	writeOld := func(name, text string, mtime time.Time) {
		write(name, text)
		if err := os.Chtimes(filepath.Join(src, name), mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
	note := func(answer string) string {
		return "---\ncards-deck: Stat Test\n---\n## Question? #card\n" + answer + "\n"
	}
	writeOld("A.md", note("Alpha."), old)
	writeOld("B.md", note("Bravo."), old)
	writeOld("C.md", note("Charlie."), old)

	steps := []struct {
		name  string
		edit  func()
		reads int64 // note files read; -1: not checked
	}{
		{"cold", func() {}, 3},
		{"warm", func() {}, 0},
		{"size changed, time kept", func() { writeOld("A.md", note("Alpha, longer."), old) }, 1},
		{"time changed, size kept", func() { writeOld("B.md", note("Brave."), old.Add(time.Second)) }, 1},
		{"warm again", func() {}, 0},
		// C.md changed just now: the next build must read it again even
		// though, changed once more to the same size and given back the
		// same time, it looks as the build recorded it.
		{"racily clean: recorded", func() { write("C.md", note("Charly.")) }, 1},
		{"racily clean: changed within the same tick", func() {
			p := filepath.Join(src, "C.md")
			info, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			write("C.md", note("Chorus."))
			if err := os.Chtimes(p, info.ModTime(), info.ModTime()); err != nil {
				t.Fatal(err)
			}
		}, 1},
	}
	for i, st := range steps {
		st.edit()
		b, _, _ := buildCachedAndPlain(t, st.name, dir, src, cache, lean, i)
		if n := b.cache.reads.Load(); st.reads >= 0 && n != st.reads {
			t.Errorf("%s: %d notes read, want %d", st.name, n, st.reads)
		}
	}
}
