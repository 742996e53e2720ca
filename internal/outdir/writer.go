package outdir

import (
	"crypto/sha256"
	"sort"
	"sync"

	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// ManifestName is the file in the output folder listing every file gen
// wrote there. gen only ever deletes files named in it, and refuses to
// write into a non-empty folder that has none.
const ManifestName = ".flipdeck-manifest.json"

type manifest struct {
	Generator string   `json:"generator"`
	Files     []string `json:"files"`
}

// CheckFolders refuses an output folder that is the source folder or
// contains it: cleaning it would destroy the source files.
func CheckFolders(src, out string) error {
	if src == "" || out == "" {
		return errors.New("both -src and -out are required")
	}
	srcAbs, err := realAbs(src)
	if err != nil {
		return fmt.Errorf("source folder %s: %w", src, err)
	}
	outAbs, err := realAbs(out)
	if err != nil {
		return fmt.Errorf("output folder %s: %w", out, err)
	}
	if srcAbs == outAbs {
		return fmt.Errorf("-out %s is the source folder; choose another folder, e.g. public", out)
	}
	if isWithin(outAbs, srcAbs) {
		return fmt.Errorf("-out %s contains the source folder %s; choose a folder beside or inside it, e.g. public", out, src)
	}
	return nil
}

// realAbs is the absolute path with symlinks resolved as far as the path
// exists, so that a link cannot disguise the source as something else.
func realAbs(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for cur := abs; ; cur = filepath.Dir(cur) {
		if r, err := filepath.EvalSymlinks(cur); err == nil {
			return filepath.Join(r, rest), nil
		}
		if filepath.Dir(cur) == cur {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(cur), rest)
	}
}

// isWithin reports whether p is dir or inside it.
func isWithin(dir, p string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// Stats counts what a commit did to the folder's files.
type Stats struct{ Written, Unchanged, Removed int }

// outFS is the part of the file system a Writer uses. Builds use
// osFS; tests pass one that fails on a chosen call, to check that a write
// failing at any point leaves the previous site exactly as it was.
type outFS interface {
	ReadFile(name string) ([]byte, error)
	ReadDir(name string) ([]fs.DirEntry, error)
	Lstat(name string) (fs.FileInfo, error)
	Mkdir(name string, perm fs.FileMode) error
	// WriteTemp creates a new file with a unique ".gen-" name in dir,
	// writes data to it and makes it mode 0644. On failure it returns the
	// name of any file it left behind, for the caller to remove.
	WriteTemp(dir string, data []byte) (string, error)
	// WriteNew creates the file name, which must not exist, with data
	// and mode 0644.
	WriteNew(name string, data []byte) error
	Link(oldname, newname string) error
	Rename(oldname, newname string) error
	// Exchange swaps two folders in one step; RenameNew renames a folder
	// to a name that must not exist.
	Exchange(a, b string) error
	RenameNew(oldname, newname string) error
	Chmod(name string, mode fs.FileMode) error
	Remove(name string) error
	RemoveAll(name string) error
	// Lock takes the lock on a folder gen writes in (see lockFolder).
	Lock(dir string) (unlock func(), err error)
}

type osFS struct{}

func (osFS) ReadFile(name string) ([]byte, error)       { return os.ReadFile(name) }
func (osFS) ReadDir(name string) ([]fs.DirEntry, error) { return os.ReadDir(name) }
func (osFS) Lstat(name string) (fs.FileInfo, error)     { return os.Lstat(name) }
func (osFS) Mkdir(name string, perm fs.FileMode) error  { return os.Mkdir(name, perm) }
func (osFS) Link(oldname, newname string) error         { return os.Link(oldname, newname) }
func (osFS) Rename(oldname, newname string) error       { return os.Rename(oldname, newname) }
func (osFS) Exchange(a, b string) error                 { return exchange(a, b) }
func (osFS) RenameNew(oldname, newname string) error    { return renameNoReplace(oldname, newname) }
func (osFS) Chmod(name string, mode fs.FileMode) error  { return os.Chmod(name, mode) }
func (osFS) Remove(name string) error                   { return os.Remove(name) }
func (osFS) RemoveAll(name string) error                { return os.RemoveAll(name) }
func (osFS) Lock(dir string) (func(), error)            { return lockFolder(dir) }

func (osFS) WriteTemp(dir string, data []byte) (string, error) {
	f, err := os.CreateTemp(dir, ".gen-*.tmp")
	if err != nil {
		return "", err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	return f.Name(), err
}

func (osFS) WriteNew(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// FileSum is the SHA-256 hash and size of a file written before.
type FileSum struct {
	Sum  [sha256.Size]byte
	Size int
}

// Writer writes a site into the output folder as one transaction,
// file by file as the build makes them, so that the site is never held in
// memory whole, and so that a failure at any step, or an interruption,
// leaves the folder exactly as it was. It works in one of two ways.
//
// Swapping (swap.go), whenever it can: the new site is built in a hidden
// folder beside -out (files that did not change are hard links to the
// old ones), and that folder and -out are swapped in one step. A reader
// sees the old site or the new one, whole, at every moment, even if gen
// is killed; what a killed build leaves beside -out is removed by the
// next one.
//
// In place, where a folder cannot be swapped (-out is a mount point, the
// working folder, a symlink, someone else's, or holds files gen did not
// write):
//
//  1. Put (stage): every changed file is written to a temporary file
//     beside its target, and every file about to be replaced gets a
//     backup hard link (a copy where links are not supported). Nothing
//     visible has changed yet. Unchanged files are not written at all.
//  2. Commit: stale files (written by the previous build, not by this
//     one) are backed up; a manifest naming the old and new files is put
//     in place (so that, should gen be killed from now on, the next build
//     knows every file it finds as its own), then the temporary files are
//     renamed over their targets (rename is atomic, so a reader sees the
//     old or the new file, never half of one), stale files are removed,
//     and the new manifest is put in place last.
//  3. clean up: the backups are removed.
//
// Abort, or a failure in Commit, puts everything back from the backups
// and removes the temporary files and any folders the run created.
type Writer struct {
	fsys outFS
	dir  string
	old  manifest
	ours map[string]bool // the files of the old manifest
	// prev is what this process wrote to dir last time: a file whose hash
	// is the same and which still has that size on disk is taken as
	// unchanged without reading it back (rebuilds of a large site).
	prev   map[string]FileSum
	swap   *swapper // nil: in place
	unlock func()

	mu    sync.Mutex
	tx    *outTxn
	names []string
	st    Stats
	err   error // the first staging error; later puts do nothing
}

// Open checks that dir may be written (it holds a manifest, or nothing),
// waits for any other gen writing beside it, sweeps what interrupted
// builds left, and starts a transaction on it. prev (may be nil) is what
// this process wrote to dir before, as Put was given it: a file found
// there with that hash and size is not read back to compare.
func Open(dir string, prev map[string]FileSum) (*Writer, error) {
	return open(osFS{}, dir, prev)
}

// open is Open on the file system fsys (the tests make it fail).
func open(fsys outFS, dir string, prev map[string]FileSum) (*Writer, error) {
	if _, err := readManifest(fsys, dir); err != nil {
		return nil, err // refused before anything is made
	}
	w := &Writer{fsys: fsys, dir: dir, prev: prev, tx: &outTxn{fsys: fsys, dir: dir}, unlock: func() {}}
	parent := filepath.Dir(filepath.Clean(dir))
	if err := w.tx.mkdirAll(parent, ""); err != nil {
		w.tx.rollback()
		return nil, fmt.Errorf("cannot create output folder: %w", err)
	}
	w.unlock, _ = fsys.Lock(parent)
	old, err := readManifest(fsys, dir) // again, now that no other gen writes there
	if err != nil {
		w.Abort()
		return nil, err
	}
	w.old, w.ours = old, make(map[string]bool, len(old.Files))
	for _, f := range old.Files {
		w.ours[f] = true
	}
	sweepLeftovers(fsys, dir)
	if w.swap = newSwapper(fsys, dir, w.ours); w.swap != nil {
		return w, nil
	}
	if err := w.tx.mkdirAll(dir, ""); err != nil {
		w.Abort()
		return nil, fmt.Errorf("cannot create output folder: %w", err)
	}
	if len(old.Files) == 0 {
		// Claim the folder first: should gen be killed, the next build
		// knows what it finds there as its own.
		if err := w.tx.putNow(filepath.Join(dir, ManifestName), manifestBytes(nil)); err != nil {
			w.Abort()
			return nil, err
		}
	}
	return w, nil
}

func manifestBytes(files []string) []byte {
	if files == nil {
		files = []string{}
	}
	data, _ := json.MarshalIndent(manifest{Generator: "flipdeck", Files: files}, "", " ")
	return append(data, '\n')
}

// Put stages the file name (a slash path inside the folder) of the new
// site; sum is the SHA-256 hash of data. Nothing shows until Commit. It
// may be called from many goroutines. When a file gen did not write is
// where name goes, or a write fails, it returns the error, and so does
// every later Put: the caller must then Abort.
func (w *Writer) Put(name string, data []byte, sum [sha256.Size]byte) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err != nil {
		return w.err
	}
	if !safeRel(name) || name == ManifestName {
		w.err = fmt.Errorf("internal error: output path %q is not inside the output folder", name)
		return w.err
	}
	w.names = append(w.names, name)
	target := filepath.Join(w.dir, filepath.FromSlash(name))
	info, statErr := w.fsys.Lstat(target)
	if statErr == nil && !w.ours[name] {
		// README: gen only replaces or removes files it wrote.
		w.err = fmt.Errorf("cannot write %s: a file gen did not write is there (it is not in %s); move it away or delete it, then build again",
			target, ManifestName)
		return w.err
	}
	same := statErr == nil && info.Mode().IsRegular() && info.Size() == int64(len(data)) && w.sameAsOld(name, target, data, sum)
	var err error
	switch {
	case w.swap != nil:
		err = w.swap.put(name, target, data, same)
	case same:
	default:
		err = w.tx.stage(target, data)
	}
	if err != nil {
		w.err = err
		return err
	}
	if same {
		w.st.Unchanged++
	} else {
		w.st.Written++
	}
	return nil
}

// sameAsOld reports whether the file at target (a regular file of
// len(data) bytes) holds data: known from the last build of this
// process, or read back.
func (w *Writer) sameAsOld(name, target string, data []byte, sum [sha256.Size]byte) bool {
	if p, ok := w.prev[name]; ok && p.Sum == sum && p.Size == len(data) {
		return true
	}
	// Read the old file back only when its size matches: a rebuild then
	// never holds two copies of a big file that changed size.
	cur, err := w.fsys.ReadFile(target)
	return err == nil && bytes.Equal(cur, data)
}

// Commit makes the staged site visible and removes what the previous
// build wrote and this one did not. On failure the folder is restored.
func (w *Writer) Commit() (st Stats, err error) {
	defer w.unlock()
	if w.swap != nil {
		return w.commitSwap()
	}
	defer func() {
		if err != nil {
			if rerr := w.tx.rollback(); rerr != nil {
				err = fmt.Errorf("%w; restoring the previous site also failed: %v", err, rerr)
			}
			st = Stats{}
		}
	}()
	if w.err != nil {
		return st, w.err
	}
	sort.Strings(w.names)
	now := make(map[string]bool, len(w.names))
	for _, k := range w.names {
		now[k] = true
	}
	data := manifestBytes(w.names)
	manifestPath := filepath.Join(w.dir, ManifestName)
	cur, err := w.fsys.ReadFile(manifestPath)
	newManifest := err != nil || !bytes.Equal(cur, data)
	var added []string
	for _, k := range w.names {
		if !w.ours[k] {
			added = append(added, k)
		}
	}
	for _, k := range w.old.Files {
		if now[k] || !safeRel(k) || k == ManifestName {
			continue
		}
		p := filepath.Join(w.dir, filepath.FromSlash(k))
		if !w.tx.insideReal(p) {
			continue // under a folder that is now a symlink: not ours to follow
		}
		info, err := w.fsys.Lstat(p)
		if err != nil || info.IsDir() {
			continue // already gone, or a folder someone made there
		}
		if err := w.tx.stageRemove(p); err != nil {
			return st, err
		}
	}
	if len(added) > 0 {
		// The old and the new files, in place before any of them is.
		both := append(append([]string(nil), w.old.Files...), added...)
		sort.Strings(both)
		if err := w.tx.putNow(manifestPath, manifestBytes(both)); err != nil {
			return st, err
		}
	}
	if err := w.tx.commit(); err != nil {
		return st, err
	}
	// The manifest comes last: until it is in place, the stale files it
	// no longer names are still named, and so removed by the next build
	// should gen be killed before it removed them.
	if newManifest {
		if err := w.tx.putNow(manifestPath, data); err != nil {
			return st, err
		}
	}
	st = w.st
	st.Removed = len(w.tx.removes)
	w.tx.finish()
	return st, nil
}

// Abort undoes everything staged: the folder is as it was.
func (w *Writer) Abort() error {
	defer w.unlock()
	var err error
	if w.swap != nil {
		err = w.swap.abort()
	}
	if rerr := w.tx.rollback(); err == nil {
		err = rerr
	}
	return err
}

// readManifest returns the manifest of a previous build. A missing or
// empty folder has an empty one; a non-empty folder without one is
// refused, since its files are not ours to replace.
func readManifest(fsys outFS, dir string) (manifest, error) {
	var m manifest
	data, err := fsys.ReadFile(filepath.Join(dir, ManifestName))
	if err == nil {
		if err := json.Unmarshal(data, &m); err != nil {
			return m, fmt.Errorf("%s: %s is damaged (%v); delete the output folder and build again", dir, ManifestName, err)
		}
		return m, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return m, fmt.Errorf("-out %s: cannot read %s: %w", dir, ManifestName, err)
	}
	entries, derr := fsys.ReadDir(dir)
	if derr != nil && !errors.Is(derr, fs.ErrNotExist) {
		return m, fmt.Errorf("-out %s: %w", dir, derr)
	}
	if len(entries) == 0 {
		return m, nil
	}
	return m, fmt.Errorf("-out %s is not empty and was not written by gen (no %s); choose an empty or new folder", dir, ManifestName)
}

// safeRel reports whether a manifest entry is a plain relative path that
// stays inside the output folder (a tampered manifest must not make gen
// delete anything else).
func safeRel(p string) bool {
	if p == "" || strings.ContainsRune(p, 0) || strings.HasPrefix(p, "/") || strings.Contains(p, `\`) {
		return false
	}
	c := filepath.Clean(filepath.FromSlash(p))
	return !filepath.IsAbs(c) && c != "." && c != ".." && !strings.HasPrefix(c, ".."+string(filepath.Separator)) &&
		filepath.VolumeName(c) == ""
}

// outTxn is one in-place write: what it staged and what it changed,
// so that it can be undone.
type outTxn struct {
	fsys    outFS
	dir     string
	made    []string     // folders created, outermost first
	writes  []stagedFile // in commit order
	removes []stagedFile // stale files to remove
	done    int          // writes renamed into place
	removed int          // removes done
}

type stagedFile struct {
	target string
	tmp    string // new content ("" for a removal)
	backup string // hard link to (or copy of) the previous file; "" when there was none
}

// mkdirAll creates dir and its missing parents. Below root (when root is
// not ""), every existing component must be a real folder: the output
// is never written through a symlink that could lead out of it.
func (tx *outTxn) mkdirAll(dir, root string) error {
	var missing []string
	for p := dir; ; p = filepath.Dir(p) {
		info, err := tx.fsys.Lstat(p)
		if err == nil {
			if root != "" && p != root && !info.IsDir() {
				return fmt.Errorf("%s is not a folder (a symlink or file is in the way); remove it or choose another -out", p)
			}
			if root == "" && !info.IsDir() && info.Mode()&fs.ModeSymlink == 0 {
				return fmt.Errorf("%s is not a folder", p)
			}
			break
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		missing = append(missing, p)
		if p == root || filepath.Dir(p) == p {
			break
		}
	}
	for i := len(missing) - 1; i >= 0; i-- {
		if err := tx.fsys.Mkdir(missing[i], 0o755); err != nil {
			return err
		}
		tx.made = append(tx.made, missing[i])
	}
	return nil
}

// insideReal reports whether every folder between tx.dir and p is a real
// folder (no symlinks).
func (tx *outTxn) insideReal(p string) bool {
	for d := filepath.Dir(p); d != tx.dir && isWithin(tx.dir, d); d = filepath.Dir(d) {
		info, err := tx.fsys.Lstat(d)
		if err != nil || !info.IsDir() {
			return false
		}
	}
	return true
}

// stage writes data to a temporary file beside target and backs up the
// file it will replace.
func (tx *outTxn) stage(target string, data []byte) error {
	parent := filepath.Dir(target)
	if err := tx.mkdirAll(parent, tx.dir); err != nil {
		return fmt.Errorf("cannot create folder for %s: %w", target, err)
	}
	if !tx.insideReal(target) {
		return fmt.Errorf("cannot write %s: a folder on its way is a symlink or a file; remove it or choose another -out", target)
	}
	sf := stagedFile{target: target}
	tmp, err := tx.fsys.WriteTemp(parent, data)
	if tmp != "" {
		sf.tmp = tmp
		tx.writes = append(tx.writes, sf) // recorded first, so that rollback removes it
	}
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", target, err)
	}
	if info, err := tx.fsys.Lstat(target); err == nil {
		if info.IsDir() {
			return fmt.Errorf("cannot write %s: a folder is in the way; remove it", target)
		}
		b, err := tx.backup(target)
		if b != "" {
			tx.writes[len(tx.writes)-1].backup = b
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// putNow writes data to target at once (through a temporary file and a
// backup, as stage does), before the other staged files; rollback puts
// the previous file back.
func (tx *outTxn) putNow(target string, data []byte) error {
	if err := tx.stage(target, data); err != nil {
		return err
	}
	last := len(tx.writes) - 1
	w := tx.writes[last]
	if err := tx.fsys.Rename(w.tmp, w.target); err != nil {
		return fmt.Errorf("cannot write %s: %w", w.target, err)
	}
	// Now first in commit order, and counted as done.
	copy(tx.writes[tx.done+1:], tx.writes[tx.done:last])
	tx.writes[tx.done] = w
	tx.done++
	return nil
}

// stageRemove backs up a stale file before it is removed.
func (tx *outTxn) stageRemove(target string) error {
	tx.removes = append(tx.removes, stagedFile{target: target})
	b, err := tx.backup(target)
	tx.removes[len(tx.removes)-1].backup = b
	return err
}

// backup makes a hard link to target beside it (or, where hard links are
// not supported, a copy) and returns its name.
func (tx *outTxn) backup(target string) (string, error) {
	dir, base := filepath.Split(target)
	var lerr error
	for i := 0; i < 100; i++ {
		name := filepath.Join(dir, ".gen-"+base+"."+strconv.Itoa(os.Getpid())+"-"+strconv.Itoa(i)+".bak")
		if lerr = tx.fsys.Link(target, name); lerr == nil {
			return name, nil
		}
		if !errors.Is(lerr, fs.ErrExist) {
			break
		}
	}
	data, err := tx.fsys.ReadFile(target)
	if err != nil {
		return "", fmt.Errorf("cannot back up %s before replacing it: %v; %w", target, lerr, err)
	}
	name, err := tx.fsys.WriteTemp(filepath.Clean(dir), data)
	if err != nil {
		return name, fmt.Errorf("cannot back up %s before replacing it: %w", target, err)
	}
	return name, nil
}

// commit moves the staged files into place, then removes stale files.
func (tx *outTxn) commit() error {
	for tx.done < len(tx.writes) {
		w := tx.writes[tx.done]
		if err := tx.fsys.Rename(w.tmp, w.target); err != nil {
			return fmt.Errorf("cannot write %s: %w", w.target, err)
		}
		tx.done++
	}
	for tx.removed < len(tx.removes) {
		r := tx.removes[tx.removed]
		if err := tx.fsys.Remove(r.target); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("cannot remove %s (written by an earlier build): %w", r.target, err)
		}
		tx.removed++
	}
	return nil
}

// rollback undoes whatever commit did, then removes the temporary files,
// backups and created folders. It goes on after an error and returns the
// first one.
func (tx *outTxn) rollback() error {
	var first error
	note := func(err error) {
		if err != nil && first == nil {
			first = err
		}
	}
	for i := tx.removed - 1; i >= 0; i-- {
		r := tx.removes[i]
		if r.backup != "" {
			note(tx.fsys.Rename(r.backup, r.target))
			tx.removes[i].backup = ""
		}
	}
	for i := tx.done - 1; i >= 0; i-- {
		w := tx.writes[i]
		if w.backup != "" {
			note(tx.fsys.Rename(w.backup, w.target))
			// The manifest is written twice, and both backups link the
			// old one: renaming the second onto the first, put back
			// already, does nothing (one file) and leaves it.
			if err := tx.fsys.Remove(w.backup); err != nil && !errors.Is(err, fs.ErrNotExist) {
				note(err)
			}
			tx.writes[i].backup = ""
		} else if err := tx.fsys.Remove(w.target); err != nil && !errors.Is(err, fs.ErrNotExist) {
			note(err) // (a target written twice, as the manifest, is removed once)
		}
		tx.writes[i].tmp = "" // renamed away
	}
	tx.removed, tx.done = 0, 0
	tx.cleanup(note)
	for i := len(tx.made) - 1; i >= 0; i-- {
		// Only folders this run made, and only if they are empty again.
		if entries, err := tx.fsys.ReadDir(tx.made[i]); err == nil && len(entries) == 0 {
			note(tx.fsys.Remove(tx.made[i]))
		}
	}
	return first
}

// cleanup removes leftover temporary files and backups.
func (tx *outTxn) cleanup(note func(error)) {
	rm := func(p string) {
		if p != "" {
			if err := tx.fsys.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
				note(err)
			}
		}
	}
	for i, w := range tx.writes {
		if i >= tx.done {
			rm(w.tmp)
		}
		rm(w.backup)
	}
	for _, r := range tx.removes {
		rm(r.backup)
	}
}

// finish removes the backups of a committed transaction and the folders
// that removing stale files emptied.
func (tx *outTxn) finish() {
	tx.cleanup(func(error) {})
	for _, r := range tx.removes {
		tx.removeEmptyParents(filepath.Dir(r.target))
	}
}

// removeEmptyParents removes now-empty folders from p up to (not
// including) the output folder.
func (tx *outTxn) removeEmptyParents(p string) {
	for p != tx.dir && isWithin(tx.dir, p) {
		entries, err := tx.fsys.ReadDir(p)
		if err != nil || len(entries) > 0 {
			return
		}
		tx.fsys.Remove(p)
		p = filepath.Dir(p)
	}
}
