package outdir

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
)

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
