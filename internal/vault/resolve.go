package vault

import (
	"errors"
	"path"
	"strings"
)

// ErrOutside is returned for a target that climbs out of the vault
// ("../../etc/passwd"): never a file, always an error.
var ErrOutside = errors.New("points outside the source folder")

// Resolve finds the file that target names, as seen from the note at
// slash path from. It follows Obsidian: a target without an extension
// means ".md"; matching is case-insensitive; an exact path from the vault
// root wins, then a path relative to the note's folder, then a file of
// that name in the note's own folder, then the candidate with the
// shortest path. It returns nil when nothing matches.
func (v *Vault) Resolve(from, target string) (*File, error) {
	target = strings.TrimSpace(strings.ReplaceAll(target, `\`, "/"))
	if target == "" {
		return nil, nil
	}
	if path.Ext(target) != "" {
		// "Note v1.2" is a note whose name has a dot, not a ".2" file.
		if f, err := v.resolve(from, target); f != nil || err != nil {
			return f, err
		}
		if strings.EqualFold(path.Ext(target), ".md") {
			return nil, nil
		}
	}
	return v.resolve(from, target+".md")
}

func (v *Vault) resolve(from, target string) (*File, error) {
	dir := path.Dir(from)
	if strings.HasPrefix(target, "/") {
		target = strings.TrimLeft(target, "/")
		dir = "."
	}
	fromRoot := path.Clean(target)
	fromNote := path.Clean(path.Join(dir, target))
	if strings.HasPrefix(fromRoot, "../") || fromRoot == ".." {
		if strings.HasPrefix(fromNote, "../") || fromNote == ".." {
			return nil, ErrOutside
		}
	}
	lowerRoot := strings.ToLower(fromRoot)
	if f := v.byPath[lowerRoot]; f != nil {
		return f, nil
	}
	if f := v.byPath[strings.ToLower(fromNote)]; f != nil {
		return f, nil
	}
	if strings.HasPrefix(fromNote, "../") {
		return nil, ErrOutside
	}
	cands := v.byName[strings.ToLower(path.Base(target))]
	if len(cands) == 0 {
		return nil, nil
	}
	// A partial path ("sub/x.png") must match the end of the candidate's path.
	partial := strings.Contains(lowerRoot, "/")
	suffix := "/" + lowerRoot
	var best *File
	for _, c := range cands {
		if partial && !strings.HasSuffix(c.lower, suffix) {
			continue
		}
		if c.dir == dir {
			return c.f, nil
		}
		if best == nil {
			best = c.f // candidates are sorted shortest path first
		}
	}
	return best, nil
}
