// Package vault is the source folder as Obsidian sees it: the notes and
// attachments in it (hidden and template folders skipped, never leaving
// the folder), and the lookup that turns a link or embed target into one
// of its files, with Obsidian's rules.
package vault

import (
	"path"
	"sort"
	"strings"
	"time"
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
