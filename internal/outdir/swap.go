package outdir

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
)

// A build that can swaps the output folder (see Writer): it writes
// the new site into a hidden folder beside -out, named
// ".gen-<name of -out>.<pid>-<n>.site", and exchanges the two folders in
// one step. The old site then sits under that hidden name and is
// removed. A build killed before or after the exchange leaves such a
// folder behind; the next build of the same -out removes it (while it
// holds the lock on their parent folder, so never one in use).

// swapper is the staging side of a swapping Writer.
type swapper struct {
	fsys    outFS
	out     string // -out, absolute, symlinks resolved
	stage   string // the hidden folder beside it
	existed bool   // -out exists: exchange; else rename
	mode    fs.FileMode
	ours    map[string]bool // the files of the old manifest

	mu   sync.Mutex      // guards dirs: files are staged in parallel
	dirs map[string]bool // folders made in stage
}

// newSwapper decides whether dir can be swapped and, if so, makes the
// staging folder. It returns nil when the site must be written in
// place: dir is a symlink, a mount point, the working folder
// or one holding it, someone else's, or holds anything gen did not write
// (a CNAME, a .git folder): those are kept where they are.
func newSwapper(fsys outFS, dir string, ours map[string]bool) *swapper {
	if !canSwap {
		return nil
	}
	out, err := realAbs(dir)
	if err != nil || filepath.Dir(out) == out {
		return nil
	}
	if info, err := fsys.Lstat(dir); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		return nil
	}
	s := &swapper{fsys: fsys, out: out, ours: ours, dirs: map[string]bool{}}
	info, err := fsys.Lstat(out)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil || !info.IsDir() || !ownedByMe(info) || mountPoint(out):
		return nil
	default:
		s.existed = true
		s.mode = info.Mode() & (fs.ModePerm | fs.ModeSetgid | fs.ModeSticky)
		if cwd, err := os.Getwd(); err == nil {
			if c, err := realAbs(cwd); err == nil && isWithin(out, c) {
				return nil
			}
		}
		if foreignEntry(fsys, out, ours) != "" {
			return nil // the user's files stay where they are
		}
	}
	parent, base := filepath.Split(out)
	for i := 0; ; i++ {
		s.stage = filepath.Join(parent, stagePrefix(base)+strconv.Itoa(os.Getpid())+"-"+strconv.Itoa(i)+stageSuffix)
		err := fsys.Mkdir(s.stage, 0o755)
		if err == nil {
			break
		}
		if !errors.Is(err, fs.ErrExist) || i == 100 {
			return nil // the parent folder cannot be written: in place
		}
	}
	s.dirs[s.stage] = true
	return s
}

const stageSuffix = ".site"

func stagePrefix(base string) string { return ".gen-" + base + "." }

// foreignEntry returns the first entry of the folder out that gen did not
// write (not in the manifest, not the manifest, not a leftover temporary
// file, not a folder on the way to one of its files), or "".
func foreignEntry(fsys outFS, out string, ours map[string]bool) string {
	dirs := map[string]bool{}
	for f := range ours {
		if !safeRel(f) {
			continue // a tampered manifest: nothing gen wrote
		}
		for d := filepath.Dir(filepath.Clean(filepath.FromSlash(f))); d != "." && !dirs[d]; d = filepath.Dir(d) {
			dirs[d] = true
		}
	}
	var walk func(rel string) string
	walk = func(rel string) string {
		entries, err := fsys.ReadDir(filepath.Join(out, rel))
		if err != nil {
			return rel
		}
		for _, e := range entries {
			r := filepath.Join(rel, e.Name())
			slash := filepath.ToSlash(r)
			switch {
			case e.IsDir() && dirs[r]:
				if f := walk(r); f != "" {
					return f
				}
			case e.Type().IsRegular() && (ours[slash] || slash == ManifestName || isTempName(e.Name())):
			default:
				return r
			}
		}
		return ""
	}
	return walk("")
}

// put writes one file of the new site into the staging folder: a hard
// link to the old file when it is the same, else the data.
func (s *swapper) put(name, old string, data pieces, same bool) error {
	target := filepath.Join(s.stage, filepath.FromSlash(name))
	if err := s.mkdirs(filepath.Dir(target)); err != nil {
		return err
	}
	if same && s.fsys.Link(old, target) == nil {
		return nil
	}
	if err := s.fsys.WriteNew(target, data); err != nil {
		return fmt.Errorf("cannot write %s: %w", filepath.Join(s.out, filepath.FromSlash(name)), err)
	}
	return nil
}

// link stages the old file as name of the new site (a hard link), and
// reports whether it could.
func (s *swapper) link(name, old string) bool {
	target := filepath.Join(s.stage, filepath.FromSlash(name))
	return s.mkdirs(filepath.Dir(target)) == nil && s.fsys.Link(old, target) == nil
}

// mkdirs makes dir and its parents up to the staging folder. Two
// files staged at once may both make a folder: the second finds it
// made (ErrExist), which is as good.
func (s *swapper) mkdirs(dir string) error {
	s.mu.Lock()
	made := s.dirs[dir]
	s.mu.Unlock()
	if made {
		return nil
	}
	if err := s.mkdirs(filepath.Dir(dir)); err != nil {
		return err
	}
	if err := s.fsys.Mkdir(dir, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("cannot create folder %s: %w", dir, err)
	}
	s.mu.Lock()
	s.dirs[dir] = true
	s.mu.Unlock()
	return nil
}

// abort removes the staging folder.
func (s *swapper) abort() error {
	if err := s.fsys.RemoveAll(s.stage); err != nil {
		return fmt.Errorf("cannot remove %s: %w", s.stage, err)
	}
	return nil
}

// commitSwap writes the manifest into the staging folder and swaps it in,
// then removes the old site. When the system refuses the swap, the new
// site is written in place after all.
func (w *Writer) commitSwap() (st Stats, err error) {
	s := w.swap
	defer func() {
		if err != nil {
			if aerr := s.abort(); aerr != nil {
				err = fmt.Errorf("%w; %v", err, aerr)
			}
			w.tx.rollback() // folders made on the way to -out
			st = Stats{}
		}
	}()
	if w.err != nil {
		return st, w.err
	}
	sort.Strings(w.names)
	manifestPath, data := filepath.Join(s.out, ManifestName), manifestBytes(w.names)
	if cur, err := s.fsys.ReadFile(manifestPath); err != nil || !bytes.Equal(cur, data) ||
		s.fsys.Link(manifestPath, filepath.Join(s.stage, ManifestName)) != nil {
		if err := s.fsys.WriteNew(filepath.Join(s.stage, ManifestName), pieces{data}); err != nil {
			return st, fmt.Errorf("cannot write %s: %w", filepath.Join(w.dir, ManifestName), err)
		}
	}
	st = w.st
	now := make(map[string]bool, len(w.names))
	for _, k := range w.names {
		now[k] = true
	}
	for _, k := range w.old.Files {
		if !now[k] {
			st.Removed++
		}
	}
	if !s.existed {
		if err := s.fsys.RenameNew(s.stage, s.out); err != nil {
			return Stats{}, fmt.Errorf("cannot create the output folder: %w", err)
		}
		return st, nil
	}
	if err := s.fsys.Chmod(s.stage, s.mode); err != nil {
		return Stats{}, fmt.Errorf("cannot write the output folder: %w", err)
	}
	// Anything that appeared in -out during the build would go with the
	// old site: leave the folder alone.
	if f := foreignEntry(s.fsys, s.out, s.ours); f != "" {
		return Stats{}, fmt.Errorf("%s appeared in -out during the build; gen did not write it and leaves it: build again",
			filepath.Join(w.dir, f))
	}
	if err := s.fsys.Exchange(s.stage, s.out); err != nil {
		return w.commitFromStage()
	}
	// The old site is now under the staging name. Should this fail, the
	// next build removes it.
	s.fsys.RemoveAll(s.stage)
	return st, nil
}

// commitFromStage writes the staged site into -out in place, for a
// folder the system would not swap, and removes the staging folder.
func (w *Writer) commitFromStage() (Stats, error) {
	s := w.swap
	in := &Writer{fsys: w.fsys, dir: w.dir, old: w.old, ours: w.ours, prev: w.prev,
		tx: &outTxn{fsys: w.fsys, dir: w.dir}, unlock: func() {}}
	for _, name := range w.names {
		data, err := w.fsys.ReadFile(filepath.Join(s.stage, filepath.FromSlash(name)))
		if err == nil {
			err = in.Put(name, data, sha256.Sum256(data))
		}
		if err != nil {
			in.Abort()
			return Stats{}, err
		}
	}
	st, err := in.Commit()
	if err != nil {
		return st, err
	}
	s.fsys.RemoveAll(s.stage)
	return st, nil
}
