package outdir

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCommitStats writes a site, then the next one, both ways (swapping
// the folder, and in place because it holds a CNAME of the user's), and
// wants Commit to count what it wrote, kept and removed.
func TestCommitStats(t *testing.T) {
	first := map[string][]byte{"index.html": []byte("1"), "a.html": []byte("a"), "old/b.html": []byte("b")}
	next := map[string][]byte{"index.html": []byte("2"), "a.html": []byte("a"), "c/c.html": []byte("c"), "d.html": []byte("d")}
	for _, inPlace := range []bool{false, true} {
		out := filepath.Join(t.TempDir(), "public")
		st, err := writeAll(osFS{}, out, first, nil)
		if err != nil || st != (Stats{Written: 3}) {
			t.Fatalf("first write: %+v, %v", st, err)
		}
		if inPlace {
			os.WriteFile(filepath.Join(out, "CNAME"), []byte("example.com\n"), 0o644)
		}
		st, err = writeAll(osFS{}, out, next, nil)
		if want := (Stats{Written: 3, Unchanged: 1, Removed: 1}); err != nil || st != want {
			t.Errorf("in place %v: %+v, %v; want %+v", inPlace, st, err, want)
		}
	}
}

// noReadFS fails the test when a file of the site is read back.
type noReadFS struct {
	osFS
	t *testing.T
}

func (f noReadFS) ReadFile(name string) ([]byte, error) {
	if filepath.Base(name) != ManifestName {
		f.t.Errorf("%s was read back", name)
	}
	return f.osFS.ReadFile(name)
}

// TestKnownFilesNotReadBack gives Open what this process wrote before:
// a file there with that hash and size is unchanged without reading it.
func TestKnownFilesNotReadBack(t *testing.T) {
	site := map[string][]byte{"index.html": []byte("home"), "decks/a.html": []byte("deck a")}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := writeAll(osFS{}, out, site, nil); err != nil {
		t.Fatal(err)
	}
	known := map[string]FileSum{}
	for name, data := range site {
		known[name] = FileSum{Sum: sha256.Sum256(data), Size: len(data)}
	}
	st, err := writeAll(noReadFS{t: t}, out, site, known)
	if err != nil || st != (Stats{Unchanged: 2}) {
		t.Errorf("%+v, %v", st, err)
	}
}

// TestPutRefusesForeignFile wants Put to refuse a file gen did not write
// where a file of the site goes, every later Put to fail too, and Abort
// to leave the folder as it was.
func TestPutRefusesForeignFile(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	if _, err := writeAll(osFS{}, out, map[string][]byte{"index.html": []byte("home")}, nil); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(out, "stats.html"), []byte("mine"), 0o644)
	before := snapshot(t, dir)
	w, err := Open(out, nil)
	if err != nil {
		t.Fatal(err)
	}
	w.Put("index.html", []byte("home"), sha256.Sum256([]byte("home")))
	err = w.Put("stats.html", []byte("stats"), sha256.Sum256([]byte("stats")))
	if err == nil || !strings.Contains(err.Error(), "a file gen did not write is there") {
		t.Errorf("Put over a foreign file = %v", err)
	}
	if w.Put("z.html", nil, sha256.Sum256(nil)) == nil {
		t.Error("a Put after a failed one succeeded")
	}
	if err := w.Abort(); err != nil {
		t.Fatal(err)
	}
	if got := snapshot(t, dir); got != before {
		t.Errorf("the folder changed:\n%s\n%s", before, got)
	}
}

// TestPutPieces: a file given in pieces is written as their bytes one
// after another, and found unchanged when the folder holds them already
// (read back and compared piece by piece), and changed when one differs.
func TestPutPieces(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	put := func(parts ...string) Stats {
		t.Helper()
		w, err := Open(out, nil)
		if err != nil {
			t.Fatal(err)
		}
		var ps [][]byte
		for _, p := range parts {
			ps = append(ps, []byte(p))
		}
		joined := strings.Join(parts, "")
		if err := w.PutPieces("cards.json", ps, sha256.Sum256([]byte(joined))); err != nil {
			t.Fatal(err)
		}
		st, err := w.Commit()
		if err != nil {
			t.Fatal(err)
		}
		if got, err := os.ReadFile(filepath.Join(out, "cards.json")); err != nil || string(got) != joined {
			t.Fatalf("cards.json holds %q, %v; want %q", got, err, joined)
		}
		return st
	}
	if st := put("[1,", "", "2,3]"); st.Written != 1 {
		t.Errorf("first: %+v", st)
	}
	if st := put("[1,2", ",3]"); st.Unchanged != 1 || st.Written != 0 {
		t.Errorf("same bytes, other pieces: %+v", st)
	}
	if st := put("[1,2", ",4]"); st.Written != 1 {
		t.Errorf("same size, other bytes: %+v", st)
	}
}
