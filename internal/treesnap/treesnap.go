// Package treesnap describes a folder tree as text, for tests that check
// a build changed nothing it should not have: take a listing before and
// after and compare them.
package treesnap

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Options say what a listing leaves out or adds.
type Options struct {
	// Skip reports slash paths (relative to the root) not to list; a
	// skipped folder is not entered.
	Skip func(rel string) bool
	// ModTimes adds each file's modification time, which shows a rewrite
	// that left the bytes as they were.
	ModTimes bool
}

// Listing describes every entry under root (hidden ones included), one
// sorted line each: slash path, mode, and the sha256 of a file's bytes or
// a symlink's target.
func Listing(root string, opt Options) (string, error) {
	var lines []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if opt.Skip != nil && rel != "." && opt.Skip(rel) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		info, err := os.Lstat(p)
		if err != nil {
			return err
		}
		line := fmt.Sprintf("%s %v", rel, info.Mode())
		switch {
		case info.Mode()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			line += " -> " + target
		case info.Mode().IsRegular():
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			line += fmt.Sprintf(" %x", sha256.Sum256(data))
			if opt.ModTimes {
				line += fmt.Sprintf(" %d", info.ModTime().UnixNano())
			}
		}
		lines = append(lines, line)
		return nil
	})
	sort.Strings(lines)
	return strings.Join(lines, "\n"), err
}
