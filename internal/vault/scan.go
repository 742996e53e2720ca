package vault

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/flipdeck/flipdeck/internal/diag"
)

// ScanOptions say what to leave out of a scan.
type ScanOptions struct {
	// Skip holds absolute, cleaned paths not to enter (the output folder
	// when it lies inside the source).
	Skip []string
}

// Scan walks root. It skips hidden files and folders (.obsidian, .git,
// .trash), template folders, the paths in opt.Skip, and symlinks that lead
// out of root. Problems with single entries become diagnostics; only an
// unreadable root is an error.
func Scan(root string, opt ScanOptions) (*Vault, []diag.Diagnostic, error) {
	absRoot, err := filepath.Abs(root)
	if err != nil {
		return nil, nil, err
	}
	realRoot, err := filepath.EvalSymlinks(absRoot)
	if err != nil {
		return nil, nil, fmt.Errorf("source folder %s: %w", root, err)
	}
	if st, err := os.Stat(realRoot); err != nil || !st.IsDir() {
		return nil, nil, fmt.Errorf("source folder %s is not a folder", root)
	}
	w := &scan{v: &Vault{Root: absRoot}, absRoot: absRoot, realRoot: realRoot, skip: newSkipList(opt.Skip)}
	if err := filepath.WalkDir(absRoot, w.visit); err != nil {
		return nil, w.diags, err
	}
	w.v.index()
	return w.v, w.diags, nil
}

// scan is one walk of a source folder.
type scan struct {
	v                 *Vault
	diags             []diag.Diagnostic
	absRoot, realRoot string
	skip              skipList
}

// visit is the walk's fs.WalkDirFunc: it adds the regular files it
// keeps to the vault.
func (w *scan) visit(p string, d fs.DirEntry, err error) error {
	rel, _ := filepath.Rel(w.absRoot, p)
	rel = filepath.ToSlash(rel)
	if err != nil {
		w.diags = append(w.diags, diag.Diagnostic{File: rel, Kind: diag.KindUnreadable,
			Message: fmt.Sprintf("cannot read it (%v) and it is left out; check its permissions", err)})
		if d != nil && d.IsDir() {
			return fs.SkipDir
		}
		return nil
	}
	if p == w.absRoot {
		return nil
	}
	name := d.Name()
	if strings.HasPrefix(name, ".") || w.skip.has(p, d) {
		if d.IsDir() {
			return fs.SkipDir
		}
		return nil
	}
	if d.IsDir() {
		if isTemplateFolder(name) {
			return fs.SkipDir
		}
		return nil
	}
	info, ok := w.stat(p, rel, d)
	if !ok || !info.Mode().IsRegular() {
		return nil
	}
	w.v.Files = append(w.v.Files, &File{Path: rel, Abs: p, Size: info.Size(), ModTime: info.ModTime()})
	return nil
}

// stat reads what file p (rel in the vault) is, following a symlink;
// ok is false, with a diagnostic when it is a problem, when the file
// cannot be read, its link leads out of the source, or it is a linked
// folder (whose files are found under their real path).
func (w *scan) stat(p, rel string, d fs.DirEntry) (_ os.FileInfo, ok bool) {
	info, err := os.Stat(p) // follows symlinks
	if err != nil {
		msg := fmt.Sprintf("cannot read it (%v) and it is left out; check that it exists and its permissions", err)
		if d.Type()&fs.ModeSymlink != 0 {
			msg = fmt.Sprintf("symbolic link to a file that cannot be read (%v); it is left out: fix or remove the link", err)
		}
		w.diags = append(w.diags, diag.Diagnostic{File: rel, Kind: diag.KindUnreadable, Message: msg})
		return nil, false
	}
	if d.Type()&fs.ModeSymlink != 0 {
		target, err := filepath.EvalSymlinks(p)
		switch {
		case err != nil || !within(w.realRoot, target):
			w.diags = append(w.diags, diag.Diagnostic{File: rel, Kind: diag.KindOutsideSource,
				Message: "symbolic link leads outside the source folder and is not followed; copy the file into the folder instead"})
			return nil, false
		case info.IsDir():
			return nil, false // a linked folder inside the source: its files are found under their real path
		}
	}
	return info, true
}

// skipList is the paths a scan does not enter.
type skipList struct {
	paths map[string]bool
	infos []os.FileInfo // to know the output folder under another name (a symlink)
}

func newSkipList(paths []string) skipList {
	s := skipList{paths: map[string]bool{}}
	for _, p := range paths {
		s.paths[filepath.Clean(p)] = true
		if st, err := os.Stat(p); err == nil {
			s.infos = append(s.infos, st)
		}
	}
	return s
}

// has reports whether entry d at p is to be skipped.
func (s skipList) has(p string, d fs.DirEntry) bool {
	if s.paths[filepath.Clean(p)] {
		return true
	}
	if !d.IsDir() {
		return false
	}
	st, err := os.Stat(p)
	if err != nil {
		return false
	}
	for _, info := range s.infos {
		if os.SameFile(st, info) {
			return true
		}
	}
	return false
}

// isTemplateFolder reports folders that hold note templates (Obsidian's
// core Templates plugin and Templater both default to such names); their
// placeholders are not study material.
func isTemplateFolder(name string) bool {
	n := strings.ToLower(name)
	return n == "templates" || n == "template" || n == "_templates"
}

func within(root, p string) bool {
	rel, err := filepath.Rel(root, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, "../") && !filepath.IsAbs(rel)
}
