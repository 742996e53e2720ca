package outdir

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestPutUnchanged: a file the last build is known to have written (hash,
// size and modification time) is kept without its bytes, both ways
// (swapping, and in place); one changed since, even to the same size,
// or not known, is not, and the caller's Put then writes it.
func TestPutUnchanged(t *testing.T) {
	data := []byte("deck a")
	sum := sha256.Sum256(data)
	for _, tc := range []struct {
		name   string
		known  func(mtime time.Time) map[string]FileSum
		change func(path string)
		want   bool
	}{
		{"known", func(m time.Time) map[string]FileSum { return map[string]FileSum{"a.html": {sum, len(data), m}} }, nil, true},
		{"known, no time", func(time.Time) map[string]FileSum { return map[string]FileSum{"a.html": {Sum: sum, Size: len(data)}} }, nil, true},
		{"not known", func(time.Time) map[string]FileSum { return nil }, nil, false},
		{"other hash", func(m time.Time) map[string]FileSum {
			return map[string]FileSum{"a.html": {sha256.Sum256([]byte("x")), len(data), m}}
		}, nil, false},
		{"edited to the same size", func(m time.Time) map[string]FileSum { return map[string]FileSum{"a.html": {sum, len(data), m}} },
			func(p string) {
				os.WriteFile(p, []byte("deck b"), 0o644)
				later := time.Now().Add(time.Hour)
				os.Chtimes(p, later, later)
			}, false},
		{"removed", func(m time.Time) map[string]FileSum { return map[string]FileSum{"a.html": {sum, len(data), m}} },
			func(p string) { os.Remove(p) }, false},
	} {
		for _, inPlace := range []bool{false, true} {
			out := filepath.Join(t.TempDir(), "public")
			if _, err := writeAll(osFS{}, out, map[string][]byte{"a.html": data, "index.html": []byte("i")}, nil); err != nil {
				t.Fatal(err)
			}
			if inPlace {
				os.WriteFile(filepath.Join(out, "CNAME"), []byte("example.com\n"), 0o644)
			}
			p := filepath.Join(out, "a.html")
			info, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			if tc.change != nil {
				tc.change(p)
			}
			w, err := Open(out, tc.known(info.ModTime()))
			if err != nil {
				t.Fatal(err)
			}
			got := w.PutUnchanged("a.html", sum, len(data))
			if got != tc.want {
				t.Errorf("%s (in place %v): PutUnchanged = %v, want %v", tc.name, inPlace, got, tc.want)
			}
			if !got {
				w.Put("a.html", data, sum)
			}
			w.Put("index.html", []byte("i"), sha256.Sum256([]byte("i")))
			if _, err := w.Commit(); err != nil {
				t.Fatal(err)
			}
			if b, err := os.ReadFile(p); err != nil || string(b) != string(data) {
				t.Errorf("%s (in place %v): a.html = %q, %v after the commit", tc.name, inPlace, b, err)
			}
		}
	}
}
