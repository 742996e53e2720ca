package site

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/flipdeck/flipdeck/internal/treesnap"
	"github.com/flipdeck/flipdeck/internal/vault"
)

// faultFS is the real file system, except that its n-th changing call
// (Mkdir, WriteTemp, Link, Rename, Remove; counting from 1) fails. A
// failing WriteTemp leaves half the data in a temporary file, as a full
// disk would. Calls after that one succeed, so that the rollback runs.
type faultFS struct {
	osFS
	failAt, calls int
	failed        bool
}

var errInjected = errors.New("injected write failure")

func (f *faultFS) hit() bool {
	f.calls++
	if f.calls == f.failAt {
		f.failed = true
		return true
	}
	return false
}

func (f *faultFS) Mkdir(name string, perm fs.FileMode) error {
	if f.hit() {
		return errInjected
	}
	return f.osFS.Mkdir(name, perm)
}

func (f *faultFS) WriteTemp(dir string, data []byte) (string, error) {
	if f.hit() {
		name, err := f.osFS.WriteTemp(dir, data[:len(data)/2])
		if err != nil {
			return name, err
		}
		return name, errInjected
	}
	return f.osFS.WriteTemp(dir, data)
}

func (f *faultFS) Link(o, n string) error {
	if f.hit() {
		return &os.LinkError{Op: "link", Old: o, New: n, Err: syscall.EPERM}
	}
	return f.osFS.Link(o, n)
}

func (f *faultFS) Rename(o, n string) error {
	if f.hit() {
		return errInjected
	}
	return f.osFS.Rename(o, n)
}

func (f *faultFS) Remove(name string) error {
	if f.hit() {
		return errInjected
	}
	return f.osFS.Remove(name)
}

// snapshot describes every entry under dir (see treesnap).
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	listing, err := treesnap.Listing(dir, treesnap.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return listing
}

func writeTree(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func generate(t *testing.T, src string) Output {
	t.Helper()
	v, _, err := vault.Scan(src, vault.ScanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	out, _ := Generate(v, Options{Title: "T", Workers: 2})
	return out
}

// TestWriteFailsAtEveryStep makes the write of a changed site fail at
// each of its file-system calls in turn (creating a folder, writing a
// temporary file, backing up, renaming into place, removing a stale
// file) and checks every time that the previous site is intact byte for
// byte, with no temporary file or folder left behind. The last run, with
// no failure, must give exactly the new site.
func TestWriteFailsAtEveryStep(t *testing.T) {
	dir := t.TempDir()
	src, out := filepath.Join(dir, "src"), filepath.Join(dir, "public")
	writeTree(t, src, map[string]string{
		"A/one.md":    "# One\n\nQ1? #card\nA1\n\nQ2? #card\nA2\n",
		"Old/gone.md": "Stale? #card\nThis deck disappears in the next build.\n",
	})
	if _, err := Build(Options{Src: src, Out: out, Title: "T"}); err != nil {
		t.Fatal(err)
	}
	// The next build changes a note, drops a deck (its pages are stale),
	// adds a deck and an image (a new media/ folder).
	os.RemoveAll(filepath.Join(src, "Old"))
	writeTree(t, src, map[string]string{
		"A/one.md":        "# One\n\nQ1? #card\nA1 edited\n\n![[pic.png]]\n",
		"B/new.md":        "New? #card\nYes.\n",
		"B/media/pic.png": "\x89PNG fake",
	})
	next := generate(t, src)
	before := snapshot(t, out)

	steps := 0
	for n := 1; ; n++ {
		work := filepath.Join(dir, fmt.Sprintf("try%d", n))
		copyTree(t, out, work)
		f := &faultFS{failAt: n}
		_, err := writeOutputFS(f, work, next, nil)
		if !f.failed {
			if err != nil {
				t.Fatalf("build without injected failure: %v", err)
			}
			out = work
			break
		}
		if err == nil {
			// A failed hard link falls back to a copy: the build goes on.
			// A failed removal of a backup after the commit leaves that
			// hidden .gen-*.bak file; the site itself must be complete.
			checkWritten(t, work, next, true)
			continue
		}
		steps++
		if !errors.Is(err, errInjected) {
			t.Errorf("call %d: error does not carry the cause: %v", n, err)
		}
		if got := snapshot(t, work); got != before {
			t.Fatalf("failure at call %d (%v) changed the previous site:\nbefore:\n%s\nafter:\n%s", n, err, before, got)
		}
	}
	if steps < 10 {
		t.Fatalf("only %d failure points exercised", steps)
	}
	checkWritten(t, out, next, false)
	if _, err := os.Stat(filepath.Join(out, "decks", "old.html")); !os.IsNotExist(err) {
		t.Errorf("stale deck page not removed: %v", err)
	}
}

// checkWritten wants exactly the files of site and the manifest in dir.
func checkWritten(t *testing.T, out string, next Output, leftoverBackups bool) {
	t.Helper()
	// The successful write holds exactly the new files and the manifest.
	want := map[string]bool{manifestName: true}
	for k, data := range next {
		want[k] = true
		got, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(k)))
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("%s not written correctly: %v", k, err)
		}
	}
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(out, p)
		if err != nil {
			return err
		}
		if leftoverBackups && strings.HasPrefix(d.Name(), ".gen-") && strings.HasSuffix(d.Name(), ".bak") {
			return nil
		}
		if !d.IsDir() && !want[filepath.ToSlash(rel)] {
			t.Errorf("unexpected file left in the output: %s", rel)
		}
		return nil
	})
}

// copyTree copies the regular files and folders of src to dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		info, err := d.Info()
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.Mkdir(target, info.Mode().Perm())
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, info.Mode().Perm())
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestUnchangedFilesNotRewritten builds twice and wants every file to be
// the same inode with the same modification time.
func TestUnchangedFilesNotRewritten(t *testing.T) {
	dir := t.TempDir()
	src, out := filepath.Join(dir, "src"), filepath.Join(dir, "public")
	writeTree(t, src, map[string]string{"a.md": "Q? #card\nA\n"})
	if _, err := Build(Options{Src: src, Out: out}); err != nil {
		t.Fatal(err)
	}
	stat := func() map[string]os.FileInfo {
		m := map[string]os.FileInfo{}
		filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
			if info, err := os.Lstat(p); err == nil && !d.IsDir() {
				m[p] = info
			}
			return nil
		})
		return m
	}
	first := stat()
	res, err := Build(Options{Src: src, Out: out})
	if err != nil {
		t.Fatal(err)
	}
	if res.Written != 0 || res.Removed != 0 || res.Unchanged == 0 {
		t.Errorf("second build wrote %d, removed %d, kept %d", res.Written, res.Removed, res.Unchanged)
	}
	for p, a := range stat() {
		b := first[p]
		if b == nil || !os.SameFile(a, b) || !a.ModTime().Equal(b.ModTime()) {
			t.Errorf("%s was rewritten", p)
		}
	}
}

// TestNoWriteThroughSymlink puts a symlink to a folder outside the
// output where gen writes (media/) and lists a file behind it in a forged
// manifest: gen must neither write nor delete anything outside -out.
func TestNoWriteThroughSymlink(t *testing.T) {
	dir := t.TempDir()
	src, out, elsewhere := filepath.Join(dir, "src"), filepath.Join(dir, "public"), filepath.Join(dir, "elsewhere")
	writeTree(t, src, map[string]string{"a.md": "Q? #card\n![[x.png]]\n", "x.png": "png"})
	writeTree(t, elsewhere, map[string]string{"x.png": "precious", "keep.txt": "precious"})
	if _, err := Build(Options{Src: src, Out: out}); err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(filepath.Join(out, "media"))
	if err := os.Symlink(elsewhere, filepath.Join(out, "media")); err != nil {
		t.Fatal(err)
	}
	m, _ := os.ReadFile(filepath.Join(out, manifestName))
	m = bytes.Replace(m, []byte(`"files": [`), []byte(`"files": [
  "media/keep.txt", "../elsewhere/keep.txt", "/etc/passwd",`), 1)
	os.WriteFile(filepath.Join(out, manifestName), m, 0o644)
	before := snapshot(t, elsewhere)
	_, err := Build(Options{Src: src, Out: out})
	if err == nil || !strings.Contains(err.Error(), "symlink") {
		t.Errorf("want a refusal naming the symlink, got %v", err)
	}
	if got := snapshot(t, elsewhere); got != before {
		t.Errorf("files outside -out changed:\n%s\n%s", before, got)
	}
}
