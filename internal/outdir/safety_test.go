package outdir

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/flipdeck/flipdeck/internal/treesnap"
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

func (f *faultFS) WriteTemp(dir string, data pieces) (string, error) {
	if f.hit() {
		name, err := f.osFS.WriteTemp(dir, data.prefix(data.size()/2))
		if err != nil {
			return name, err
		}
		return name, errInjected
	}
	return f.osFS.WriteTemp(dir, data)
}

func (f *faultFS) WriteNew(name string, data pieces) error {
	if f.hit() {
		f.osFS.WriteNew(name, data.prefix(data.size()/2))
		return errInjected
	}
	return f.osFS.WriteNew(name, data)
}

// WriteNewFrom fails as WriteNew does: the file gets half of the first
// piece, as a full disk would leave it.
func (f *faultFS) WriteNewFrom(name string, fill func(io.Writer) error) error {
	if f.hit() {
		f.osFS.WriteNewFrom(name, func(w io.Writer) error { return fill(halfWriter{w}) })
		return errInjected
	}
	return f.osFS.WriteNewFrom(name, fill)
}

// halfWriter writes half of what it is given, then fails.
type halfWriter struct{ w io.Writer }

func (h halfWriter) Write(p []byte) (int, error) {
	n, _ := h.w.Write(p[:len(p)/2])
	return n, errInjected
}

func (f *faultFS) Exchange(a, b string) error {
	if f.hit() {
		return errInjected
	}
	return f.osFS.Exchange(a, b)
}

func (f *faultFS) RenameNew(o, n string) error {
	if f.hit() {
		return errInjected
	}
	return f.osFS.RenameNew(o, n)
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

// writeAll writes a whole site in one transaction (Open, Put, Commit).
func writeAll(fsys outFS, dir string, site map[string][]byte, prev map[string]FileSum) (Stats, error) {
	return writeSite(fsys, dir, site, prev, false)
}

// writeSite is writeAll that, when streamed, gives each file to PutFrom
// first, and to Put when PutFrom does not take it.
func writeSite(fsys outFS, dir string, site map[string][]byte, prev map[string]FileSum, streamed bool) (Stats, error) {
	w, err := open(fsys, dir, prev)
	if err != nil {
		return Stats{}, err
	}
	for _, k := range slices.Sorted(maps.Keys(site)) {
		done := false
		if streamed {
			done, err = w.PutFrom(k, len(site[k]), func(dst io.Writer) error {
				_, err := dst.Write(site[k])
				return err
			})
		}
		if err == nil && !done {
			err = w.Put(k, site[k], sha256.Sum256(site[k]))
		}
		if err != nil {
			w.Abort()
			return Stats{}, err
		}
	}
	return w.Commit()
}

// TestWriteFailsAtEveryStep makes the write of a changed site fail at
// each of its file-system calls in turn (creating a folder, writing a
// file, backing up, renaming into place, swapping the folders, removing
// a stale file) and checks every time that the previous site is intact
// byte for byte, with no temporary file or folder left behind, in the
// output folder or beside it. The last run, with no failure, must give
// exactly the new site. It does so for both ways of writing: swapping
// the folder, and in place (here because the folder holds a file gen did
// not write, a CNAME, which must stay).
func TestWriteFailsAtEveryStep(t *testing.T) {
	t.Run("swap", func(t *testing.T) { writeFailsAtEveryStep(t, false, false) })
	// New files staged by PutFrom.
	t.Run("swap, streamed", func(t *testing.T) { writeFailsAtEveryStep(t, false, true) })
	t.Run("in place", func(t *testing.T) { writeFailsAtEveryStep(t, true, false) })
}

// changingSite writes a site into dir/public (with a CNAME of the user's
// in it when inPlace, so that it is written in place) and returns the
// next one: some files change, some stay, a deck's files go (stale; one
// of them alone in its folder), a deck and an image come (a new media/
// folder). It returns the next site and the user's files.
func changingSite(t *testing.T, inPlace bool) (dir, out string, next map[string][]byte, keep map[string]string) {
	dir = t.TempDir()
	out = filepath.Join(dir, "public")
	old := map[string][]byte{
		"index.html":        []byte("<h1>Decks</h1> A, Old"),
		"decks/a.html":      []byte("<p>Q1? A1</p><p>Q2? A2</p>"),
		"decks/old.html":    []byte("<p>Stale? This deck disappears.</p>"),
		"quiz/a.html":       []byte("quiz A"),
		"quiz/old.html":     []byte("quiz Old"),
		"data/a.json":       []byte(`["q1","q2"]`),
		"data/old.json":     []byte(`["stale"]`),
		"anki/old/deck.txt": []byte("Stale?\tThis deck disappears."),
		"assets/style.css":  []byte("body{margin:0}"),
		"assets/js/main.js": []byte("main()"),
		"assets/js/quiz.js": []byte("quiz()"),
		"sw.js":             []byte("const build = 1"),
		"404.html":          []byte("not found"),
		".nojekyll":         nil,
	}
	if _, err := writeAll(osFS{}, out, old, nil); err != nil {
		t.Fatal(err)
	}
	if inPlace {
		keep = map[string]string{"CNAME": "cards.example.com\n"}
		if err := os.WriteFile(filepath.Join(out, "CNAME"), []byte(keep["CNAME"]), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	next = maps.Clone(old)
	for _, k := range []string{"decks/old.html", "quiz/old.html", "data/old.json", "anki/old/deck.txt"} {
		delete(next, k)
	}
	maps.Copy(next, map[string][]byte{
		"index.html":    []byte("<h1>Decks</h1> A, B"),
		"decks/a.html":  []byte("<p>Q1? A1 edited</p><img src=../media/pic.png>"),
		"decks/b.html":  []byte("<p>New? Yes.</p>"),
		"quiz/b.html":   []byte("quiz B"),
		"data/a.json":   []byte(`["q1"]`),
		"data/b.json":   []byte(`["new"]`),
		"media/pic.png": []byte("\x89PNG fake"),
		"sw.js":         []byte("const build = 2"),
	})
	return dir, out, next, keep
}

func writeFailsAtEveryStep(t *testing.T, inPlace, streamed bool) {
	dir, out, next, keep := changingSite(t, inPlace)
	before := snapshot(t, out)

	steps := 0
	for n := 1; ; n++ {
		work := filepath.Join(dir, fmt.Sprintf("try%d", n))
		copyTree(t, out, work)
		f := &faultFS{failAt: n}
		_, err := writeSite(f, work, next, nil, streamed)
		if left := leftovers(t, dir); len(left) > 0 {
			t.Errorf("call %d (%v) left %q", n, err, left)
		}
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
			// A failed swap writes the site in place.
			checkWritten(t, work, next, keep, true)
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
	checkWritten(t, out, next, keep, false)
	if _, err := os.Stat(filepath.Join(out, "decks", "old.html")); !os.IsNotExist(err) {
		t.Errorf("stale deck page not removed: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, "anki", "old")); !os.IsNotExist(err) {
		t.Errorf("folder emptied of stale files not removed: %v", err)
	}
}

// leftovers lists the staging folders beside the output folders in dir.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var left []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".gen-") {
			left = append(left, e.Name())
		}
	}
	return left
}

// checkWritten wants exactly the files of site, the manifest and the
// files of keep in dir.
func checkWritten(t *testing.T, out string, next map[string][]byte, keep map[string]string, leftoverBackups bool) {
	t.Helper()
	// The successful write holds exactly the new files and the manifest.
	want := map[string]bool{ManifestName: true}
	for k := range keep {
		want[k] = true
	}
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

// dieFS is the real file system until its n-th changing call, where the
// process "dies": the call panics with errDied and nothing after it runs
// (no rollback), as when gen is killed with SIGKILL or the power goes.
type dieFS struct {
	faultFS
	locks []func()
}

// Lock records the lock, for the test to release when the process dies.
func (f *dieFS) Lock(dir string) (func(), error) {
	unlock, err := f.osFS.Lock(dir)
	f.locks = append(f.locks, unlock)
	return unlock, err
}

var errDied = errors.New("killed")

func (f *dieFS) die() {
	if f.hit() {
		panic(errDied)
	}
}

func (f *dieFS) Mkdir(name string, perm fs.FileMode) error {
	f.die()
	return f.osFS.Mkdir(name, perm)
}
func (f *dieFS) WriteTemp(dir string, data pieces) (string, error) {
	f.die()
	return f.osFS.WriteTemp(dir, data)
}
func (f *dieFS) WriteNew(name string, data pieces) error {
	f.die()
	return f.osFS.WriteNew(name, data)
}
func (f *dieFS) WriteNewFrom(name string, fill func(io.Writer) error) error {
	f.die()
	return f.osFS.WriteNewFrom(name, fill)
}
func (f *dieFS) Link(o, n string) error      { f.die(); return f.osFS.Link(o, n) }
func (f *dieFS) Rename(o, n string) error    { f.die(); return f.osFS.Rename(o, n) }
func (f *dieFS) Exchange(a, b string) error  { f.die(); return f.osFS.Exchange(a, b) }
func (f *dieFS) RenameNew(o, n string) error { f.die(); return f.osFS.RenameNew(o, n) }
func (f *dieFS) Remove(name string) error    { f.die(); return f.osFS.Remove(name) }
func (f *dieFS) RemoveAll(name string) error { f.die(); return f.osFS.RemoveAll(name) }
func (f *dieFS) Chmod(n string, m fs.FileMode) error {
	f.die()
	return f.osFS.Chmod(n, m)
}

// TestKilledAtEveryStep kills the write of a changed site at each of its
// file-system calls in turn. Whenever it dies, the folder must hold the
// old site or the new one, whole (gen's hidden temporary names aside);
// and the next build must give the new site with nothing of the killed
// one left in the folder or beside it. Written in place (the folder
// holds a CNAME of the user's), a killed build may leave a mix of old
// and new files, but the next build still makes it whole and clean.
func TestKilledAtEveryStep(t *testing.T) {
	t.Run("swap", func(t *testing.T) { killedAtEveryStep(t, false) })
	t.Run("in place", func(t *testing.T) { killedAtEveryStep(t, true) })
}

func killedAtEveryStep(t *testing.T, inPlace bool) {
	dir, out, next, keep := changingSite(t, inPlace)
	old := siteFiles(t, out)
	want := maps.Clone(keep)
	if want == nil {
		want = map[string]string{}
	}
	for k, v := range next {
		want[k] = string(v)
	}
	deaths := 0
	for n := 1; ; n++ {
		work := filepath.Join(dir, fmt.Sprintf("try%d", n))
		copyTree(t, out, work)
		f := &dieFS{faultFS: faultFS{failAt: n}}
		func() {
			defer func() {
				if v := recover(); v != nil && v != errDied {
					panic(v)
				}
			}()
			w, err := open(f, work, nil)
			if err != nil {
				t.Fatal(err)
			}
			for _, k := range slices.Sorted(maps.Keys(next)) {
				if w.Put(k, next[k], sha256.Sum256(next[k])) != nil {
					w.Abort()
					return
				}
			}
			w.Commit()
		}()
		for _, unlock := range f.locks {
			unlock() // the process is gone, and its locks with it
		}
		if !f.failed {
			break
		}
		deaths++
		got := siteFiles(t, work)
		if !inPlace && !maps.Equal(got, old) && !sameSite(got, want) {
			t.Errorf("killed at call %d: the folder holds neither the old site nor the new one", n)
		}
		if _, err := writeAll(osFS{}, work, next, nil); err != nil {
			t.Fatalf("killed at call %d: the next build: %v", n, err)
		}
		if got := siteFiles(t, work); !sameSite(got, want) {
			t.Errorf("killed at call %d: the next build did not give the new site", n)
		}
		if left := append(leftovers(t, dir), genNames(t, work)...); len(left) > 0 {
			t.Errorf("killed at call %d: the next build left %q", n, left)
		}
	}
	if deaths < 10 {
		t.Fatalf("only %d deaths", deaths)
	}
}

// siteFiles reads the regular files under dir but gen's temporary ones.
func siteFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() && !strings.HasPrefix(d.Name(), ".gen-") {
			rel, _ := filepath.Rel(dir, p)
			data, _ := os.ReadFile(p)
			m[filepath.ToSlash(rel)] = string(data)
		}
		return nil
	})
	return m
}

// sameSite: got is the site want plus its manifest.
func sameSite(got, want map[string]string) bool {
	if _, ok := got[ManifestName]; !ok || len(got) != len(want)+1 {
		return false
	}
	for k, v := range want {
		if got[k] != v {
			return false
		}
	}
	return true
}

// genNames lists gen's temporary names under dir.
func genNames(t *testing.T, dir string) []string {
	var left []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasPrefix(d.Name(), ".gen-") {
			left = append(left, p)
		}
		return nil
	})
	return left
}
