package outdir

import (
	"io/fs"
	"path/filepath"
	"strings"
)

// isStageName reports whether name (in the parent of -out, whose name is
// base) is a staging folder of base: the prefix, then "<pid>-<n>.site".
func isStageName(name, base string) bool {
	rest, ok := strings.CutPrefix(name, stagePrefix(base))
	if !ok {
		return false
	}
	rest, ok = strings.CutSuffix(rest, stageSuffix)
	pid, n, ok2 := strings.Cut(rest, "-")
	return ok && ok2 && allDigits(pid) && allDigits(n)
}

func allDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// isTempName reports a temporary file or backup of an in-place write.
func isTempName(name string) bool {
	return strings.HasPrefix(name, ".gen-") && (strings.HasSuffix(name, ".tmp") || strings.HasSuffix(name, ".bak"))
}

// sweepLeftovers removes what interrupted builds of dir left: staging
// folders (and swapped-out old sites) beside it, and temporary files and
// backups of in-place writes inside it. The caller holds the lock on the
// parent folder.
func sweepLeftovers(fsys outFS, dir string) {
	out, err := realAbs(dir)
	if err != nil {
		return
	}
	parent, base := filepath.Split(out)
	if entries, err := fsys.ReadDir(parent); err == nil {
		for _, e := range entries {
			if e.IsDir() && isStageName(e.Name(), base) {
				fsys.RemoveAll(filepath.Join(parent, e.Name()))
			}
		}
	}
	if _, err := fsys.Lstat(filepath.Join(dir, ManifestName)); err != nil {
		return // not gen's folder: nothing in it is gen's to remove
	}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() && isTempName(d.Name()) {
			fsys.Remove(p)
		}
		return nil
	})
}
