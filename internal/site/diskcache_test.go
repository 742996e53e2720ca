package site

import (
	"bytes"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// readTree returns every regular file under dir by slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// damageEntries flips the last byte of every entry in the cache folder
// whose path passes keep, and returns how many it damaged.
func damageEntries(t *testing.T, dir string, keep func(path string) bool) int {
	t.Helper()
	n := 0
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == "runs" || d.Name() == "CACHEDIR.TAG" || !keep(p) {
			return err
		}
		b, err := os.ReadFile(p)
		if err == nil && len(b) > 0 {
			b[len(b)-1] ^= 0x55
			os.WriteFile(p, b, 0o644)
			n++
		}
		return nil
	})
	return n
}

// TestCacheMatchesNoCache builds the sample vault again and again, each
// time in a fresh Builder with the same cache folder (as gen -cache does
// in a new process, keeping what it made in memory or not), through edits and damage to the cache, and wants
// after each step exactly the site and diagnostics a build without the
// cache gives, and no more notes rendered than the step calls for.
//
// Aged, every file's modification time is set well in the past, the
// same as before unless the step changed the file: a note the step left
// alone is then taken slim from the index, its text loaded only when
// the build needs it (notefill.go). Not aged, the notes were written
// just now, so that each build reads them again (racily clean).
func TestCacheMatchesNoCache(t *testing.T) {
	forEachCacheMode(t, func(t *testing.T, lean bool) {
		for _, aged := range []bool{false, true} {
			t.Run(map[bool]string{false: "written now", true: "aged"}[aged], func(t *testing.T) { testCacheMatchesNoCache(t, lean, aged) })
		}
	})
}

// forEachCacheMode runs test as a subtest for each way a -cache build
// holds what it made: kept in memory (gen -serve) and lean (a one-off
// gen -cache).
func forEachCacheMode(t *testing.T, test func(t *testing.T, lean bool)) {
	for _, lean := range []bool{false, true} {
		t.Run(map[bool]string{false: "kept in memory", true: "lean"}[lean], func(t *testing.T) { test(t, lean) })
	}
}

// ager sets the modification times of the files under dir well in the
// past: each file as the last call left it, unless its bytes changed
// since (or it is new), when it gets a time of its own, later than any
// before.
type ager struct {
	dir  string
	base time.Time
	step int
	seen map[string]agedFile
}

type agedFile struct {
	data  string
	mtime time.Time
}

func newAger(dir string) *ager {
	return &ager{dir: dir, base: time.Now().Add(-time.Hour), seen: map[string]agedFile{}}
}

func (a *ager) age(t *testing.T) {
	t.Helper()
	a.step++
	seen := map[string]agedFile{}
	err := filepath.WalkDir(a.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		f, ok := a.seen[p]
		if !ok || f.data != string(data) {
			f = agedFile{string(data), a.base.Add(time.Duration(a.step) * time.Second)}
		}
		seen[p] = f
		return os.Chtimes(p, f.mtime, f.mtime)
	})
	if err != nil {
		t.Fatal(err)
	}
	a.seen = seen
}

func testCacheMatchesNoCache(t *testing.T, lean, aged bool) {
	dir := t.TempDir()
	src, cache := filepath.Join(dir, "src"), filepath.Join(dir, "cache")
	if err := os.CopyFS(src, os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	write := fileWriter(t, src)
	write("cachetest/Host.md", "---\ncards-deck: Cache Test\n---\n## Host? #card\nIt shows its guest:\n\n![[Guest]]\n")
	write("cachetest/Guest.md", "---\ncards-deck: Cache Test::Guests\n---\n## Guest? #card\nThe guest's answer.\n")
	write("cachetest/Painter.md", "---\ncards-deck: Cache Test\n---\n## Painter? #card\n![[dot.png]]\n")
	write("cachetest/Other.md", "---\ncards-deck: Cache Test\n---\n## Other? #card\nNothing to do with the rest.\n")
	write("cachetest/dot.png", "a picture")
	write("cachetest/Linker.md", "---\ncards-deck: Cache Test::Links\n---\n## Linker? #card\nSee [[Other#Other?]] and [[Target#^tgt]].\n")
	write("cachetest/Target.md", "---\ncards-deck: Cache Test::Targets\n---\n## Target? #card\nThe answer. ^tgt\n\n## Second? #card\nMore.\n")
	keyboard := filepath.Join(src, "Flipdeck Tour", "Keyboard.md")

	steps := []struct {
		name     string
		edit     func()
		rendered int // -1: not checked
	}{
		{"cold", func() {}, -1},
		{"warm", func() {}, 0},
		{"one note edited", func() {
			data, _ := os.ReadFile(keyboard)
			os.WriteFile(keyboard, bytes.Replace(data, []byte("Space or Enter"), []byte("Space or Return"), 1), 0o644)
		}, 1},
		// Every note with a wikilink is rendered again: a file added or
		// removed anywhere can change what a link finds (rendercache.go).
		{"a note deleted", func() { os.Remove(filepath.Join(src, "cachetest", "Other.md")) }, -1},
		{"an embedded note edited", func() {
			write("cachetest/Guest.md", "---\ncards-deck: Cache Test::Guests\n---\n## Guest? #card\nA new answer.\n")
		}, 2},
		{"an image another note shows changed", func() { write("cachetest/dot.png", "another picture") }, 1},
		{"every stored rendering damaged", func() {
			write("cachetest/Other.md", "---\ncards-deck: Cache Test\n---\n## Other? #card\nBack again.\n")
			if damageEntries(t, cache, func(string) bool { return true }) == 0 {
				t.Fatal("no entries to damage")
			}
		}, -1},
		{"index damaged", func() {
			write("cachetest/Other.md", "---\ncards-deck: Cache Test\n---\n## Other? #card\nBack again, changed.\n")
			damageEntries(t, cache, func(string) bool { return true })
		}, -1},
		{"warm after damage", func() {}, 0},
		{"an embedding note edited", func() {
			write("cachetest/Host.md", "---\ncards-deck: Cache Test\n---\n## Host? #card\nIt still shows its guest:\n\n![[Guest]]\n")
		}, 1},
		{"a note others link to edited", func() {
			write("cachetest/Target.md", "---\ncards-deck: Cache Test::Targets\n---\n## First? #card\nNew first. ^new\n\n## Target? #card\nThe answer. ^tgt\n")
		}, -1},
		{"a linked heading renamed", func() {
			write("cachetest/Other.md", "---\ncards-deck: Cache Test\n---\n## Another? #card\nBack again, renamed.\n")
		}, -1},
		{"a linked note renamed", func() {
			if err := os.Rename(filepath.Join(src, "cachetest", "Target.md"), filepath.Join(src, "cachetest", "Aim.md")); err != nil {
				t.Fatal(err)
			}
		}, -1},
		{"a note added", func() {
			write("cachetest/Target.md", "---\ncards-deck: Cache Test::Targets\n---\n## Target? #card\nBack. ^tgt\n")
		}, -1},
		{"a note moved to another deck", func() {
			write("cachetest/Guest.md", "---\ncards-deck: Cache Test::Moved\n---\n## Guest? #card\nA new answer.\n")
		}, -1},
		{"a deck emptied", func() { os.Remove(filepath.Join(src, "cachetest", "Linker.md")) }, -1},
		{"every entry but the index damaged", func() {
			write("cachetest/Host.md", "---\ncards-deck: Cache Test\n---\n## Host? #card\nIt shows its guest again:\n\n![[Guest]]\n")
			index := indexName(t, src, cache)
			if damageEntries(t, cache, func(p string) bool { return filepath.Base(p) != index }) == 0 {
				t.Fatal("no entries to damage")
			}
		}, -1},
		{"a page of the output edited, to the same size", func() {
			p := filepath.Join(dir, "cached", "index.html")
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			b[len(b)-1] ^= 0x20
			os.WriteFile(p, b, 0o644)
		}, 0},
	}
	ages := newAger(src)
	for i, st := range steps {
		st.edit()
		if aged {
			ages.age(t)
		}
		b, res, plainRes := buildCachedAndPlain(t, st.name, dir, src, cache, lean, i)
		if a, b := diagLines(res), diagLines(plainRes); a != b {
			t.Errorf("%s: diagnostics\n%s\nwithout the cache\n%s", st.name, a, b)
		}
		if st.rendered >= 0 && res.Rendered != st.rendered {
			t.Errorf("%s: %d notes rendered, want %d", st.name, res.Rendered, st.rendered)
		}
		if aged && (st.name == "warm" || st.name == "warm after damage") {
			// Nothing is read: not a note file, nor a note's text.
			if n := b.cache.reads.Load(); n != 0 {
				t.Errorf("%s: %d notes read", st.name, n)
			}
			for p, f := range b.cache.fills {
				if f.loaded {
					t.Errorf("%s: the text of %s loaded", st.name, p)
				}
			}
		}
		if aged && st.name == "an embedding note edited" {
			if f := b.cache.fills["cachetest/Guest.md"]; f == nil || !f.loaded {
				t.Errorf("%s: the embedded note was not taken slim and loaded", st.name)
			}
		}
		if st.name == "warm" || st.name == "warm after damage" {
			// What the output keeps as it is is not even read from the cache.
			for name, f := range b.cache.pages.files {
				if f.loaded && !lean {
					t.Errorf("%s: %s read from the cache, though -out holds it", st.name, name)
				}
			}
		}
		if i == 0 && res.Rendered != res.Notes {
			t.Errorf("cold: %d of %d notes rendered", res.Rendered, res.Notes)
		}
	}
}

// buildCachedAndPlain builds src into dir/cached with the cache folder
// cache, and into a new folder without it (the i-th), and checks that
// both outputs are the same.
func buildCachedAndPlain(t *testing.T, name, dir, src, cache string, lean bool, i int) (*Builder, *Result, *Result) {
	t.Helper()
	opt := Options{Src: src, Out: filepath.Join(dir, "cached"), Title: "T"}
	b, res := buildCached(t, name, opt, cache, lean)
	opt.Out = filepath.Join(dir, "plain", strings.Repeat("x", i+1))
	plainRes, err := Build(opt)
	if err != nil {
		t.Fatal(err)
	}
	sameTrees(t, name, filepath.Join(dir, "cached"), opt.Out)
	return b, res, plainRes
}

// buildCached builds opt in a new Builder (a new gen process) with the
// cache folder cache, lean or keeping what it made in memory.
func buildCached(t *testing.T, name string, opt Options, cache string, lean bool) (*Builder, *Result) {
	t.Helper()
	b := NewBuilder(opt)
	if err := b.useCache(cache, "test"); err != nil {
		t.Fatal(err)
	}
	b.cache.disk.lean = lean
	res, err := b.Build()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if res.CacheErr != nil {
		t.Errorf("%s: cache: %v", name, res.CacheErr)
	}
	return b, res
}

// sameTrees wants the files under dir to be those under plain, a build
// without the cache.
func sameTrees(t *testing.T, name, dir, plain string) {
	t.Helper()
	got, want := readTree(t, dir), readTree(t, plain)
	if len(got) != len(want) {
		t.Errorf("%s: %d files, without the cache %d", name, len(got), len(want))
	}
	for file, w := range want {
		if g, ok := got[file]; !ok || !bytes.Equal(g, w) {
			t.Errorf("%s: %s differs from a build without the cache", name, file)
		}
	}
}

// indexName is the file name of the cache index of src in the cache
// folder cache (a test builder's, version "test").
func indexName(t *testing.T, src, cache string) string {
	t.Helper()
	b := NewBuilder(Options{Src: src, Out: "unused", Title: "T"})
	if err := b.useCache(cache, "test"); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b.cache.disk.index[:])[2:]
}

func diagLines(r *Result) string {
	var b strings.Builder
	for _, d := range r.Diags {
		b.WriteString(d.String() + "\n")
	}
	return b.String()
}

// TestCacheFolderUnusable: a cache folder that cannot be made is an
// error naming it, and the builder builds without it.
func TestCacheFolderUnusable(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	os.WriteFile(file, nil, 0o644)
	b := NewBuilder(Options{Src: "../../content", Out: filepath.Join(dir, "out")})
	err := b.useCache(filepath.Join(file, "cache"), "test")
	if err == nil || !strings.Contains(err.Error(), file) {
		t.Fatalf("useCache under a file: %v, want an error naming %s", err, file)
	}
	if _, err := b.Build(); err != nil {
		t.Fatal(err)
	}
}
