package buildcache

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Key names an entry: a hash of everything its bytes depend on.
type Key = [sha256.Size]byte

// Options tune a Store. Zero values take the defaults.
type Options struct {
	// Version names the program that writes and reads the entries
	// (Executable gives one for the running binary); entries of another
	// version are never read, and are removed by Finish.
	Version string
	// KeepRuns is how many of the last runs (Finish calls) an entry
	// survives without being used (default 5).
	KeepRuns int
	// MaxBytes caps the entries' total size; past it Finish removes the
	// least recently used ones (default 2 GiB).
	MaxBytes int64
	// PruneEvery: Finish walks the entries to remove old ones only every
	// PruneEvery runs (default 1: every run), or sooner when the entries
	// may have passed MaxBytes or grew by half since the last walk. A walk
	// of a big store costs a tenth of a rebuild; an entry may then outlive
	// KeepRuns by up to PruneEvery runs.
	PruneEvery int
	// Now is the clock (tests move it on); default time.Now.
	Now func() time.Time
}

const (
	defaultKeepRuns = 5
	defaultMaxBytes = 2 << 30
	// runsFile lists the start times of the last runs, one a line.
	runsFile = "runs"
	// pruneFile records the runs since the last walk (prunedState).
	pruneFile = "pruned"
	tagFile   = "CACHEDIR.TAG"
	// tagText is the standard cache folder tag (bford.ch/cachedir).
	tagText = "Signature: 8a477f597d28d172789f06886806bc55\n# This folder is a build cache of flipdeck's gen (-cache); it can be deleted at any time.\n"
)

// Store is an open cache folder. Its methods may be called from many
// goroutines.
type Store struct {
	dir   string // the cache folder
	vdir  string // dir/<version>: the entries
	opt   Options
	start time.Time // when this run opened the store

	// recent: an entry last used since then needs no new time to
	// survive this run's Finish and the next few (zero: touch all).
	recent time.Time

	mu sync.Mutex
	// touched are the entries this run used or wrote, with their
	// modification times once this run is done (zero: not known).
	touched map[Key]time.Time
	// known are the times the last run left its entries with (the touch
	// log, touchlog.go).
	known   map[Key]time.Time
	written int64 // bytes this run wrote

	copyBufs sync.Pool // of *[]byte, copyBufSize long, for CopyTo
}

// Open opens (making it if needed) the cache folder dir for one run.
// It fails only when dir cannot be made or written; the error says so
// and names it.
func Open(dir string, opt Options) (*Store, error) {
	if opt.Version == "" {
		return nil, errors.New("buildcache: internal error: no version given")
	}
	if opt.KeepRuns <= 0 {
		opt.KeepRuns = defaultKeepRuns
	}
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = defaultMaxBytes
	}
	if opt.PruneEvery <= 0 {
		opt.PruneEvery = 1
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	s := &Store{dir: dir, vdir: filepath.Join(dir, safeName(opt.Version)), opt: opt, start: opt.Now(), touched: map[Key]time.Time{}}
	s.copyBufs.New = func() any { b := make([]byte, copyBufSize); return &b }
	if err := os.MkdirAll(s.vdir, 0o755); err != nil {
		return nil, fmt.Errorf("cannot use cache folder %s: %w; give -cache a folder you can write, or leave -cache out", dir, err)
	}
	if runs := readRuns(filepath.Join(s.vdir, runsFile)); len(runs) >= opt.KeepRuns/2 && opt.KeepRuns >= 4 {
		// Finish keeps what the last KeepRuns runs used: an entry used in
		// one of the last KeepRuns/2 - 1 runs is safe for this run and
		// the next KeepRuns/2 without a new time (a write per entry).
		s.recent = runs[len(runs)-opt.KeepRuns/2+1]
		s.known = readTouchLog(filepath.Join(s.vdir, touchFile))
	}
	tag := filepath.Join(dir, tagFile)
	if _, err := os.Stat(tag); err != nil {
		if err := writeAtomic(tag, []byte(tagText)); err != nil {
			return nil, fmt.Errorf("cannot write in cache folder %s: %w; give -cache a folder you can write, or leave -cache out", dir, err)
		}
	}
	return s, nil
}

// safeName keeps a version usable as one folder name.
func safeName(v string) string {
	if len(v) <= 64 && !strings.ContainsAny(v, `/\:.`) && v != "" {
		return "v-" + v
	}
	sum := sha256.Sum256([]byte(v))
	return "v-" + hex.EncodeToString(sum[:16])
}

// path is where the entry k lives: 256 subfolders keep folders small.
func (s *Store) path(k Key) string {
	h := hex.EncodeToString(k[:])
	return filepath.Join(s.vdir, h[:2], h[2:])
}

// Get returns the bytes stored under k. A missing, truncated, corrupt
// or unreadable entry is a miss (ok false), and a damaged one is
// removed.
func (s *Store) Get(k Key) (data []byte, ok bool) {
	p := s.path(k)
	raw, mtime, err := readFile(p)
	if err != nil {
		return nil, false
	}
	data, ok = unframe(raw)
	if !ok {
		os.Remove(p)
		return nil, false
	}
	s.touch(k, mtime)
	return data, true
}

// readFile reads the file at path and tells its modification time.
func readFile(path string) ([]byte, time.Time, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, time.Time{}, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() {
		return nil, time.Time{}, fmt.Errorf("%s: not a regular file", path)
	}
	data := make([]byte, info.Size())
	if _, err := io.ReadFull(f, data); err != nil {
		return nil, time.Time{}, err
	}
	return data, info.ModTime(), nil
}

// Put stores data under k, replacing what was there, in one step: a
// reader sees the old entry or the new one, whole. A failure only
// means the entry is not cached; it is returned for the caller to
// report once.
func (s *Store) Put(k Key, data []byte) error {
	p := s.path(k)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	if err := writeAtomic(p, frame(data)); err != nil {
		return err
	}
	now := s.opt.Now() // the store's clock, which Finish compares with
	os.Chtimes(p, now, now)
	s.mu.Lock()
	s.touched[k] = now
	s.written += int64(len(data) + headerLen)
	s.mu.Unlock()
	return nil
}

// Has reports whether an entry is stored under k, without reading or
// checking it (Get still may miss).
func (s *Store) Has(k Key) bool {
	_, err := os.Stat(s.path(k))
	return err == nil
}

// Touch marks the entry k as used by this run, so that Finish keeps it,
// though the caller took its bytes from memory rather than from Get.
func (s *Store) Touch(k Key) { s.touch(k, time.Time{}) }

// touch marks k used; mtime is its modification time when known.
func (s *Store) touch(k Key, mtime time.Time) {
	s.mu.Lock()
	_, done := s.touched[k]
	if !done {
		s.touched[k] = time.Time{}
		if mtime.IsZero() {
			mtime = s.known[k]
		}
	}
	s.mu.Unlock()
	if done {
		return
	}
	if mtime.IsZero() && !s.recent.IsZero() {
		if info, err := os.Stat(s.path(k)); err == nil {
			mtime = info.ModTime()
		}
	}
	if s.recent.IsZero() || mtime.Before(s.recent) {
		// An entry's modification time is when a run last used it.
		mtime = s.opt.Now()
		if os.Chtimes(s.path(k), mtime, mtime) != nil {
			mtime = time.Time{}
		}
	}
	s.mu.Lock()
	s.touched[k] = mtime
	s.mu.Unlock()
}

// writeAtomic writes data to a temporary file beside path and renames it
// over path.
func writeAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}
