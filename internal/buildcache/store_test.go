package buildcache

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func key(s string) Key { return sha256.Sum256([]byte(s)) }

// clock is a test clock that moves on by a minute at each reading.
type clock struct{ t time.Time }

func (c *clock) now() time.Time {
	c.t = c.t.Add(time.Minute)
	return c.t
}

func open(t *testing.T, dir string, c *clock, o Options) *Store {
	t.Helper()
	if o.Version == "" {
		o.Version = "test"
	}
	o.Now = c.now
	s, err := Open(dir, o)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestGetPut: what Put stores Get and CopyTo return, across runs; a
// damaged entry is a miss, never an error or other bytes, and is
// removed.
func TestGetPut(t *testing.T) {
	for _, tc := range []struct {
		name   string
		damage func(path string) // nil: leave the entry alone
		hit    bool
	}{
		{"intact", nil, true},
		{"truncated", func(p string) { b, _ := os.ReadFile(p); os.WriteFile(p, b[:len(b)-3], 0o644) }, false},
		{"one byte flipped", func(p string) {
			b, _ := os.ReadFile(p)
			b[len(b)-1] ^= 1
			os.WriteFile(p, b, 0o644)
		}, false},
		{"header only", func(p string) { b, _ := os.ReadFile(p); os.WriteFile(p, b[:headerLen], 0o644) }, false},
		{"empty file", func(p string) { os.WriteFile(p, nil, 0o644) }, false},
		{"garbage", func(p string) { os.WriteFile(p, []byte("not an entry at all"), 0o644) }, false},
		{"unreadable", func(p string) { os.Remove(p); os.Mkdir(p, 0o755) }, false},
		{"gone", func(p string) { os.Remove(p) }, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			c := &clock{t: time.Unix(1e9, 0)}
			s := open(t, dir, c, Options{})
			// Bigger than CopyTo's buffer: it reads in pieces.
			data := bytes.Repeat([]byte("bytes of "+tc.name+"\n"), 2*copyBufSize/10)
			kGet, kCopy := key(tc.name), key("copy "+tc.name)
			for _, k := range []Key{kGet, kCopy} {
				if err := s.Put(k, data); err != nil {
					t.Fatal(err)
				}
			}
			s.Finish()
			if tc.damage != nil {
				tc.damage(s.path(kGet))
				tc.damage(s.path(kCopy))
			}
			s = open(t, dir, c, Options{})
			got, ok := s.Get(kGet)
			if ok != tc.hit || (ok && !bytes.Equal(got, data)) {
				t.Fatalf("Get = %.40q, %v; want hit %v of %.40q", got, ok, tc.hit, data)
			}
			var buf bytes.Buffer
			n, err := s.CopyTo(kCopy, &buf)
			if (err == nil) != tc.hit || (tc.hit && (!bytes.Equal(buf.Bytes(), data) || n != int64(len(data)))) {
				t.Fatalf("CopyTo = %d, %v, wrote %d bytes; want hit %v of %d", n, err, buf.Len(), tc.hit, len(data))
			}
			for _, k := range []Key{kGet, kCopy} {
				if info, err := os.Stat(s.path(k)); !tc.hit && err == nil && info.Mode().IsRegular() {
					t.Errorf("damaged entry %s not removed", filepath.Base(s.path(k)))
				}
			}
			if _, ok := s.Get(key("never stored")); ok {
				t.Fatal("Get of a key never stored hit")
			}
			if _, err := s.CopyTo(key("never stored"), &buf); err == nil {
				t.Fatal("CopyTo of a key never stored hit")
			}
		})
	}
}

// TestVersionsApart: a store of another version never reads this one's
// entries.
func TestVersionsApart(t *testing.T) {
	dir := t.TempDir()
	c := &clock{t: time.Unix(1e9, 0)}
	for _, v := range []string{"a", "b/../../x", strings.Repeat("long", 40)} {
		s := open(t, dir, c, Options{Version: v})
		if _, ok := s.Get(key("k")); ok {
			t.Fatalf("version %q read an entry written by another version", v)
		}
		if err := s.Put(key("k"), []byte(v)); err != nil {
			t.Fatal(err)
		}
		if got, ok := s.Get(key("k")); !ok || string(got) != v {
			t.Fatalf("version %q: Get = %q, %v", v, got, ok)
		}
		if rel, err := filepath.Rel(dir, s.vdir); err != nil || strings.Contains(rel, "..") || strings.ContainsRune(rel, filepath.Separator) {
			t.Fatalf("version %q stores its entries in %s, not one folder inside %s", v, s.vdir, dir)
		}
	}
}

// TestCacheDirTag: the folder is tagged for backup tools.
func TestCacheDirTag(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new", "cache")
	open(t, dir, &clock{}, Options{})
	b, err := os.ReadFile(filepath.Join(dir, "CACHEDIR.TAG"))
	if err != nil || !strings.HasPrefix(string(b), "Signature: 8a477f597d28d172789f06886806bc55") {
		t.Fatalf("CACHEDIR.TAG = %q, %v", b, err)
	}
}

// TestOpenFails: a folder that cannot be made is an error naming it.
func TestOpenFails(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, nil, 0o644)
	_, err := Open(filepath.Join(file, "cache"), Options{Version: "v"})
	if err == nil || !strings.Contains(err.Error(), file) {
		t.Fatalf("Open under a file: %v, want an error naming %s", err, file)
	}
}

// TestPrune: an entry survives KeepRuns runs that do not use it, then
// goes; used ones stay; past the size cap the least recently used go
// first.
func TestPrune(t *testing.T) {
	for _, tc := range []struct {
		name     string
		opt      Options
		runs     int      // runs after the one that wrote a, b and c
		use      []string // entries each of those runs uses
		want     []string // entries left
		otherVer bool     // an old folder of another version is removed
	}{
		{"young entries stay", Options{KeepRuns: 3}, 1, nil, []string{"a", "b", "c"}, false},
		{"unused entries go", Options{KeepRuns: 3}, 3, nil, nil, true},
		{"used entries stay", Options{KeepRuns: 3}, 5, []string{"b"}, []string{"b"}, true},
		{"walked every 4 runs: not yet", Options{KeepRuns: 3, PruneEvery: 4}, 3, nil, []string{"a", "b", "c"}, false},
		{"walked every 4 runs: the 4th", Options{KeepRuns: 3, PruneEvery: 4}, 4, nil, nil, true},
		{"size cap: oldest first", Options{KeepRuns: 50, MaxBytes: int64(2 * (headerLen + 10))}, 1, []string{"a"}, []string{"a", "c"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			c := &clock{t: time.Unix(1e9, 0)}
			other := open(t, dir, c, Options{Version: "older"})
			other.Put(key("x"), []byte("x"))
			other.Finish()
			s := open(t, dir, c, tc.opt)
			for _, n := range []string{"a", "b", "c"} {
				if err := s.Put(key(n), []byte(strings.Repeat(n, 10))); err != nil {
					t.Fatal(err)
				}
			}
			s.Finish()
			for i := 0; i < tc.runs; i++ {
				s = open(t, dir, c, tc.opt)
				for _, n := range tc.use {
					if i%2 == 0 {
						s.Get(key(n))
					} else {
						s.Touch(key(n))
					}
				}
				s.Finish()
			}
			var left []string
			for _, n := range []string{"a", "b", "c"} {
				if s.Has(key(n)) {
					left = append(left, n)
				}
			}
			if strings.Join(left, ",") != strings.Join(tc.want, ",") {
				t.Fatalf("entries left: %v, want %v", left, tc.want)
			}
			if _, err := os.Stat(other.vdir); (err != nil) != tc.otherVer {
				t.Fatalf("other version's folder: stat error %v, want removed %v", err, tc.otherVer)
			}
		})
	}
}

// TestPruneWhenGrown: with PruneEvery, a run that grew the store by
// more than half walks it at once.
func TestPruneWhenGrown(t *testing.T) {
	dir := t.TempDir()
	c := &clock{t: time.Unix(1e9, 0)}
	opt := Options{KeepRuns: 3, PruneEvery: 100}
	s := open(t, dir, c, opt)
	for _, n := range []string{"a", "b", "c"} {
		s.Put(key(n), []byte(strings.Repeat(n, 10)))
	}
	s.Finish()
	for range 3 {
		s = open(t, dir, c, opt)
		s.Finish()
	}
	if !s.Has(key("a")) {
		t.Fatal("an entry went before the walk was due")
	}
	s = open(t, dir, c, opt)
	s.Put(key("d"), []byte(strings.Repeat("d", 40)))
	s.Finish()
	if s.Has(key("a")) || !s.Has(key("d")) {
		t.Fatalf("after a run that doubled the store: a kept %v, d kept %v; want a gone, d kept", s.Has(key("a")), s.Has(key("d")))
	}
}

// TestTempFilesOfKilledRuns: a temporary file a killed run left is
// never read as an entry and is removed once old.
func TestTempFilesOfKilledRuns(t *testing.T) {
	dir := t.TempDir()
	c := &clock{t: time.Unix(1e9, 0)}
	s := open(t, dir, c, Options{})
	k := key("k")
	os.MkdirAll(filepath.Dir(s.path(k)), 0o755)
	tmp := filepath.Join(filepath.Dir(s.path(k)), ".tmp-123")
	os.WriteFile(tmp, frame([]byte("half")), 0o644)
	old := c.t.Add(-2 * time.Hour)
	os.Chtimes(tmp, old, old)
	if _, ok := s.Get(k); ok {
		t.Fatal("a temporary file was read as the entry")
	}
	s.Finish()
	if _, err := os.Stat(tmp); err == nil {
		t.Fatal("an old temporary file was left")
	}
}

// TestTouchLog: a run takes the times of the entries the last run used
// from the touch log, not from their files (a stat each); without the
// log, or with a damaged one, it asks the file system again.
func TestTouchLog(t *testing.T) {
	for _, tc := range []struct {
		name      string
		log       func(path string)
		refreshed bool // the entry, its file made old, gets a new time
	}{
		{"log kept", func(string) {}, false},
		{"log removed", func(p string) { os.Remove(p) }, true},
		{"log damaged", func(p string) { os.WriteFile(p, []byte("fdt1 short"), 0o644) }, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			c := &clock{t: time.Unix(1e9, 0)}
			opt := Options{KeepRuns: 4}
			open(t, dir, c, opt).Finish()
			s := open(t, dir, c, opt)
			s.Put(key("a"), []byte("a"))
			s.Finish()
			old := time.Unix(1, 0)
			os.Chtimes(s.path(key("a")), old, old) // the log now says otherwise
			tc.log(filepath.Join(s.vdir, touchFile))
			s = open(t, dir, c, opt)
			s.Touch(key("a"))
			s.Finish()
			info, err := os.Stat(s.path(key("a")))
			if err != nil {
				t.Fatal(err)
			}
			if got := !info.ModTime().Equal(old); got != tc.refreshed {
				t.Errorf("entry refreshed: %v, want %v", got, tc.refreshed)
			}
		})
	}
}

// failWriter fails every write.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errFull }

var errFull = errors.New("disk full")

// TestCopyToWriterFails: CopyTo returns the writer's own error, and the
// entry, intact, stays.
func TestCopyToWriterFails(t *testing.T) {
	c := &clock{t: time.Unix(1e9, 0)}
	s := open(t, t.TempDir(), c, Options{})
	k := key("page")
	if err := s.Put(k, []byte("a page")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CopyTo(k, failWriter{}); !errors.Is(err, errFull) {
		t.Fatalf("CopyTo = %v, want the writer's error", err)
	}
	if got, ok := s.Get(k); !ok || string(got) != "a page" {
		t.Fatalf("after a failed copy, Get = %q, %v", got, ok)
	}
}
