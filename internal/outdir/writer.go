package outdir

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"sync"
	"time"
)

// Stats counts what a commit did to the folder's files.
type Stats struct{ Written, Unchanged, Removed int }

// FileSum is the SHA-256 hash and size of a file written before.
type FileSum struct {
	Sum  [sha256.Size]byte
	Size int
	// ModTime, when set, is the file's modification time once written
	// (a build in another process tells it): a file changed since, even
	// to the same size, no longer has it.
	ModTime time.Time
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

	// txMu serialises staging in place: an outTxn is one list of
	// changes to undo. A swapping Writer stages without it, files in
	// parallel (each is a new file in the staging folder; see swapper).
	txMu sync.Mutex
	tx   *outTxn

	mu    sync.Mutex // guards names, st and err
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

// Put stages the file name (a slash path inside the folder) of the new
// site; sum is the SHA-256 hash of data. Nothing shows until Commit. It
// may be called from many goroutines, and a swapping Writer writes their
// files in parallel (a fresh output folder is 140 MB at 5,000 notes);
// Commit and Abort come after every Put has returned. When a file gen did
// not write is where name goes, or a write fails, it returns the error,
// and so does every later Put: the caller must then Abort.
func (w *Writer) Put(name string, data []byte, sum [sha256.Size]byte) error {
	return w.PutPieces(name, [][]byte{data}, sum)
}

// PutPieces is Put for a file given in pieces, in order, which are
// written one after another rather than joined first.
func (w *Writer) PutPieces(name string, parts [][]byte, sum [sha256.Size]byte) error {
	data := pieces(parts)
	if err := w.check(name); err != nil {
		return err
	}
	if w.swap == nil {
		w.txMu.Lock()
		defer w.txMu.Unlock()
	}
	target := filepath.Join(w.dir, filepath.FromSlash(name))
	info, statErr := w.fsys.Lstat(target)
	if statErr == nil && !w.ours[name] {
		// README: gen only replaces or removes files it wrote.
		return w.fail(fmt.Errorf("cannot write %s: a file gen did not write is there (it is not in %s); move it away or delete it, then build again",
			target, ManifestName))
	}
	same := statErr == nil && info.Mode().IsRegular() && info.Size() == int64(data.size()) && w.sameAsOld(name, target, info, data, sum)
	var err error
	switch {
	case w.swap != nil:
		err = w.swap.put(name, target, data, same)
	case same:
	default:
		err = w.tx.stage(target, data)
	}
	if err != nil {
		return w.fail(err)
	}
	w.staged(name, same)
	return nil
}

// check refuses a name outside the folder, and every Put after one
// failed.
func (w *Writer) check(name string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err == nil && (!safeRel(name) || name == ManifestName) {
		w.err = fmt.Errorf("internal error: output path %q is not inside the output folder", name)
	}
	return w.err
}

// fail records the first staging error and returns it.
func (w *Writer) fail(err error) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err == nil {
		w.err = err
	}
	return err
}

// staged records name as a file of the new site, written or kept.
func (w *Writer) staged(name string, same bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.names = append(w.names, name)
	if same {
		w.st.Unchanged++
	} else {
		w.st.Written++
	}
}

// sameAsOld reports whether the file at target (a regular file of
// data.size() bytes) holds data: known from the last build of this
// process, or read back.
func (w *Writer) sameAsOld(name, target string, info fs.FileInfo, data pieces, sum [sha256.Size]byte) bool {
	if w.knownAs(name, info, sum, data.size()) {
		return true
	}
	// Read the old file back only when its size matches: a rebuild then
	// never holds two copies of a big file that changed size.
	cur, err := w.fsys.ReadFile(target)
	return err == nil && data.equal(cur)
}

// knownAs reports whether prev says the file name, found with info,
// holds size bytes hashing to sum.
func (w *Writer) knownAs(name string, info fs.FileInfo, sum [sha256.Size]byte, size int) bool {
	p, ok := w.prev[name]
	return ok && p.Sum == sum && p.Size == size && (p.ModTime.IsZero() || p.ModTime.Equal(info.ModTime()))
}

// PutUnchanged stages name as the file already there, without its
// bytes, when the folder's last build is known (Open's prev) to have
// written there the size bytes hashing to sum, and the file still has
// that size and modification time. It reports false, having done
// nothing, otherwise: the caller then Puts the bytes. Like Put, it may
// be called from many goroutines.
func (w *Writer) PutUnchanged(name string, sum [sha256.Size]byte, size int) bool {
	if !safeRel(name) || name == ManifestName || !w.ours[name] {
		return false
	}
	w.mu.Lock()
	failed := w.err != nil
	w.mu.Unlock()
	if failed {
		return false
	}
	target := filepath.Join(w.dir, filepath.FromSlash(name))
	info, err := w.fsys.Lstat(target)
	if err != nil || !info.Mode().IsRegular() || info.Size() != int64(size) || !w.knownAs(name, info, sum, size) {
		return false
	}
	if w.swap != nil && !w.swap.link(name, target) {
		return false
	}
	w.staged(name, true)
	return true
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
