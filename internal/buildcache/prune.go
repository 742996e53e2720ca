package buildcache

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Finish ends the run: it records it, then removes the entries that
// none of the last KeepRuns runs used, and, while the entries are over
// MaxBytes, the least recently used of the rest (never one this run
// used). It also removes the folders of other versions not used for as
// long, and temporary files killed runs left. Nothing it fails to do is
// an error: the cache is only smaller when it succeeds. With
// PruneEvery, the walk is done only every so many runs (dueToPrune).
func (s *Store) Finish() {
	runs := s.recordRun()
	s.writeTouchLog()
	st, due := s.dueToPrune()
	if !due {
		writeAtomic(filepath.Join(s.vdir, pruneFile), st.encode())
		return
	}
	if len(runs) < s.opt.KeepRuns {
		// Too few runs recorded to say what is old: only the size cap.
		runs = nil
	}
	var cutoff time.Time
	if len(runs) > 0 {
		cutoff = runs[0] // the oldest run still kept
	}
	type entry struct {
		path  string
		size  int64
		mtime time.Time
	}
	used := s.usedNames()
	var kept []entry
	var total int64
	filepath.WalkDir(s.vdir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || p == filepath.Join(s.vdir, runsFile) {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil
		}
		if strings.HasPrefix(d.Name(), ".tmp-") {
			if info.ModTime().Before(s.start.Add(-time.Hour)) {
				os.Remove(p) // left by a killed run (a live one writes for seconds)
			}
			return nil
		}
		if !cutoff.IsZero() && info.ModTime().Before(cutoff) && !used[d.Name()] {
			os.Remove(p)
			return nil
		}
		if p == filepath.Join(s.vdir, pruneFile) || p == filepath.Join(s.vdir, touchFile) {
			return nil
		}
		kept = append(kept, entry{p, info.Size(), info.ModTime()})
		total += info.Size()
		return nil
	})
	if total > s.opt.MaxBytes {
		sort.Slice(kept, func(i, j int) bool { return kept[i].mtime.Before(kept[j].mtime) })
		for _, e := range kept {
			if total <= s.opt.MaxBytes {
				break
			}
			if used[filepath.Base(e.path)] {
				continue
			}
			if os.Remove(e.path) == nil {
				total -= e.size
			}
		}
	}
	if !cutoff.IsZero() {
		s.removeOtherVersions(cutoff)
	}
	writeAtomic(filepath.Join(s.vdir, pruneFile), prunedState{size: total}.encode())
}

// prunedState is what the pruned file records: the runs since the last
// walk of the entries, their total size then, and the bytes written since.
type prunedState struct {
	runs          int
	size, written int64
}

func (p prunedState) encode() []byte {
	return fmt.Appendf(nil, "%d %d %d\n", p.runs, p.size, p.written)
}

// dueToPrune reports whether this run must walk the entries: every
// PruneEvery runs, when the entries may be over MaxBytes or grew by half
// since the last walk, or when no walk was recorded. It returns the
// state to record when it need not.
func (s *Store) dueToPrune() (prunedState, bool) {
	var st prunedState
	b, err := os.ReadFile(filepath.Join(s.vdir, pruneFile))
	if err != nil {
		return st, true
	}
	if n, err := fmt.Sscan(string(b), &st.runs, &st.size, &st.written); n != 3 || err != nil {
		return st, true
	}
	s.mu.Lock()
	st.written += s.written
	s.mu.Unlock()
	st.runs++
	due := st.runs >= s.opt.PruneEvery || st.size+st.written > s.opt.MaxBytes || st.written > st.size/2
	return st, due
}

// usedNames returns the file names of the entries this run used or
// wrote.
func (s *Store) usedNames() map[string]bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	names := make(map[string]bool, len(s.touched))
	for k := range s.touched {
		names[filepath.Base(s.path(k))] = true
	}
	return names
}

// recordRun adds this run's start to the runs file and returns the start
// times of the last KeepRuns runs, oldest first.
func (s *Store) recordRun() []time.Time {
	p := filepath.Join(s.vdir, runsFile)
	runs := append(readRuns(p), s.start)
	sort.Slice(runs, func(i, j int) bool { return runs[i].Before(runs[j]) })
	if len(runs) > s.opt.KeepRuns {
		runs = runs[len(runs)-s.opt.KeepRuns:]
	}
	var b strings.Builder
	for _, t := range runs {
		b.WriteString(strconv.FormatInt(t.UnixNano(), 10))
		b.WriteByte('\n')
	}
	writeAtomic(p, []byte(b.String()))
	return runs
}

// readRuns reads a runs file: the start times of a version's last runs.
func readRuns(path string) []time.Time {
	var runs []time.Time
	if b, err := os.ReadFile(path); err == nil {
		for _, l := range strings.Fields(string(b)) {
			if n, err := strconv.ParseInt(l, 10, 64); err == nil {
				runs = append(runs, time.Unix(0, n))
			}
		}
	}
	return runs
}

// removeOtherVersions removes the entry folders of other versions that
// no run used since cutoff.
func (s *Store) removeOtherVersions(cutoff time.Time) {
	des, err := os.ReadDir(s.dir)
	if err != nil {
		return
	}
	for _, d := range des {
		p := filepath.Join(s.dir, d.Name())
		if !d.IsDir() || !strings.HasPrefix(d.Name(), "v-") || p == s.vdir {
			continue
		}
		last := time.Time{}
		for _, t := range readRuns(filepath.Join(p, runsFile)) {
			if t.After(last) {
				last = t
			}
		}
		if last.Before(cutoff) {
			os.RemoveAll(p)
		}
	}
}
