package outdir

import (
	"crypto/sha256"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestPutFrom: PutFrom stages a file from its copy where nothing is at
// its place in a swapped folder; it stages nothing, for the caller to
// Put, where a file is there, in place, or when the copy fails or is
// short (and then leaves nothing of it behind).
func TestPutFrom(t *testing.T) {
	data := []byte("<p>a deck page</p>")
	whole := func(w io.Writer) error { _, err := w.Write(data); return err }
	errSource := errors.New("damaged entry")
	for _, tc := range []struct {
		name   string
		before map[string][]byte // the previous site (nil: none)
		cname  bool              // the user's CNAME: written in place
		copyTo func(w io.Writer) error
		want   bool
	}{
		{"fresh folder", nil, false, whole, true},
		{"new file beside the old site", map[string][]byte{"index.html": []byte("i")}, false, whole, true},
		{"a file there", map[string][]byte{"d/a.html": data}, false, whole, false},
		{"in place", map[string][]byte{"index.html": []byte("i")}, true, whole, false},
		{"copy fails half way", nil, false, func(w io.Writer) error {
			w.Write(data[:5])
			return errSource
		}, false},
		{"copy short", nil, false, func(w io.Writer) error { _, err := w.Write(data[:5]); return err }, false},
		{"copy long", nil, false, func(w io.Writer) error { _, err := w.Write(append(data, '!')); return err }, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "public")
			if tc.before != nil {
				if _, err := writeAll(osFS{}, out, tc.before, nil); err != nil {
					t.Fatal(err)
				}
			}
			if tc.cname {
				os.WriteFile(filepath.Join(out, "CNAME"), []byte("example.com\n"), 0o644)
			}
			w, err := Open(out, nil)
			if err != nil {
				t.Fatal(err)
			}
			done, err := w.PutFrom("d/a.html", len(data), tc.copyTo)
			if err != nil || done != tc.want {
				t.Fatalf("PutFrom = %v, %v; want %v", done, err, tc.want)
			}
			if !done {
				if err := w.Put("d/a.html", data, sha256.Sum256(data)); err != nil {
					t.Fatalf("Put after PutFrom did not take the file: %v", err)
				}
			}
			for name := range tc.before {
				if name != "d/a.html" {
					w.Put(name, tc.before[name], sha256.Sum256(tc.before[name]))
				}
			}
			if _, err := w.Commit(); err != nil {
				t.Fatal(err)
			}
			if got, err := os.ReadFile(filepath.Join(out, "d", "a.html")); err != nil || string(got) != string(data) {
				t.Errorf("d/a.html = %q, %v", got, err)
			}
			if left := genNames(t, dir); len(left) > 0 {
				t.Errorf("left behind: %v", left)
			}
		})
	}
}

// TestPutFromAfterFailure: once a write failed, PutFrom fails too, and
// a failing file (not the copy) fails the build as Put's would.
func TestPutFromAfterFailure(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	f := &faultFS{failAt: 2} // Mkdir of the staging folder, then WriteNewFrom
	w, err := open(f, out, nil)
	if err != nil {
		t.Fatal(err)
	}
	data := []byte("page")
	done, err := w.PutFrom("a.html", len(data), func(w io.Writer) error { _, err := w.Write(data); return err })
	if done || !errors.Is(err, errInjected) {
		t.Fatalf("PutFrom = %v, %v; want the write's failure", done, err)
	}
	if done, err := w.PutFrom("b.html", len(data), func(w io.Writer) error { _, err := w.Write(data); return err }); done || err == nil {
		t.Fatalf("PutFrom after a failure = %v, %v", done, err)
	}
	if _, err := w.Commit(); err == nil {
		t.Fatal("Commit after a failed write succeeded")
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("output folder made: %v", err)
	}
	if left := genNames(t, dir); len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}
