package outdir

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
)

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
func (tx *outTxn) stage(target string, data pieces) error {
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
	if err := tx.stage(target, pieces{data}); err != nil {
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
	name, err := tx.fsys.WriteTemp(filepath.Clean(dir), pieces{data})
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
