// Package vault is the source folder as Obsidian sees it: the notes and
// attachments in it (hidden and template folders skipped, never leaving
// the folder), and the lookup that turns a link or embed target into one
// of its files, with Obsidian's rules.
package vault

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/flipdeck/flipdeck/internal/diag"
)

// File is one file of the vault.
type File struct {
	Path string // slash path relative to the vault root, as written on disk
	Abs  string // path on disk
	Size int64
	// ModTime lets a rebuild skip reading a file that has not changed.
	ModTime time.Time
}

// IsNote reports whether the file is a Markdown note.
func (f *File) IsNote() bool { return strings.EqualFold(path.Ext(f.Path), ".md") }

// Vault is a scanned source folder.
type Vault struct {
	Root  string
	Notes []*File // sorted by Path
	Files []*File // every file, notes included, sorted by Path

	byPath map[string]*File       // lower-cased path
	byName map[string][]candidate // lower-cased base name, candidates sorted by (depth, path)
}

// candidate is a file that a link by its base name may mean, with what
// Resolve compares worked out once: a build resolves every wikilink of
// every note, and lower-casing each candidate's path per link was a
// third of the lookup.
type candidate struct {
	f     *File
	lower string // f.Path lower-cased
	dir   string // f.Path's folder
}

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
	v := &Vault{Root: absRoot}
	var diags []diag.Diagnostic
	skip := map[string]bool{}
	var skipInfo []os.FileInfo // to know the output folder under another name (a symlink)
	for _, s := range opt.Skip {
		skip[filepath.Clean(s)] = true
		if st, err := os.Stat(s); err == nil {
			skipInfo = append(skipInfo, st)
		}
	}
	skipped := func(p string, d fs.DirEntry) bool {
		if skip[filepath.Clean(p)] {
			return true
		}
		if !d.IsDir() {
			return false
		}
		st, err := os.Stat(p)
		if err != nil {
			return false
		}
		for _, s := range skipInfo {
			if os.SameFile(st, s) {
				return true
			}
		}
		return false
	}
	err = filepath.WalkDir(absRoot, func(p string, d fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(absRoot, p)
		rel = filepath.ToSlash(rel)
		if err != nil {
			diags = append(diags, diag.Diagnostic{File: rel, Kind: diag.KindUnreadable,
				Message: fmt.Sprintf("cannot read it (%v) and it is left out; check its permissions", err)})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if p == absRoot {
			return nil
		}
		name := d.Name()
		if strings.HasPrefix(name, ".") || skipped(p, d) {
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
		info, err := os.Stat(p) // follows symlinks
		if err != nil {
			msg := fmt.Sprintf("cannot read it (%v) and it is left out; check that it exists and its permissions", err)
			if d.Type()&fs.ModeSymlink != 0 {
				msg = fmt.Sprintf("symbolic link to a file that cannot be read (%v); it is left out: fix or remove the link", err)
			}
			diags = append(diags, diag.Diagnostic{File: rel, Kind: diag.KindUnreadable, Message: msg})
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			target, err := filepath.EvalSymlinks(p)
			switch {
			case err != nil || !within(realRoot, target):
				diags = append(diags, diag.Diagnostic{File: rel, Kind: diag.KindOutsideSource,
					Message: "symbolic link leads outside the source folder and is not followed; copy the file into the folder instead"})
				return nil
			case info.IsDir():
				return nil // a linked folder inside the source: its files are found under their real path
			}
		}
		if !info.Mode().IsRegular() {
			return nil
		}
		v.Files = append(v.Files, &File{Path: rel, Abs: p, Size: info.Size(), ModTime: info.ModTime()})
		return nil
	})
	if err != nil {
		return nil, diags, err
	}
	v.index()
	return v, diags, nil
}

// New builds a vault from files already known (tests, in-memory builds).
func New(root string, files []*File) *Vault {
	v := &Vault{Root: root, Files: files}
	v.index()
	return v
}

func (v *Vault) index() {
	sort.Slice(v.Files, func(i, j int) bool { return v.Files[i].Path < v.Files[j].Path })
	v.Notes = v.Notes[:0]
	v.byPath = make(map[string]*File, len(v.Files))
	v.byName = make(map[string][]candidate, len(v.Files))
	for _, f := range v.Files {
		if f.IsNote() {
			v.Notes = append(v.Notes, f)
		}
		lp := strings.ToLower(f.Path)
		if _, dup := v.byPath[lp]; !dup {
			v.byPath[lp] = f
		}
		base := strings.ToLower(path.Base(f.Path))
		v.byName[base] = append(v.byName[base], candidate{f: f, lower: lp, dir: path.Dir(f.Path)})
	}
	for _, c := range v.byName {
		sort.SliceStable(c, func(i, j int) bool {
			di, dj := strings.Count(c[i].f.Path, "/"), strings.Count(c[j].f.Path, "/")
			if di != dj {
				return di < dj
			}
			return c[i].f.Path < c[j].f.Path
		})
	}
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
