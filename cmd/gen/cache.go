package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/flipdeck/flipdeck/internal/site"
)

// errUsage marks a -cache folder gen refuses outright (exit 2).
var errUsage = errors.New("usage")

// usageError is an error that is also errUsage.
type usageError struct{ msg string }

func (e usageError) Error() string        { return e.msg }
func (e usageError) Is(target error) bool { return target == errUsage }

// useCache sets up b's persistent cache: the -cache folder, else for
// -serve a folder of the user's cache folder kept per source folder, so
// that the preview of a big vault starts fast the second time. A folder
// that cannot be used is an error to warn about (the build goes on
// without it); one inside -out or holding -src is a usage error.
func useCache(b *site.Builder, dir string, opt site.Options, serve bool) error {
	if dir == "" {
		if !serve {
			return nil
		}
		user, err := os.UserCacheDir()
		if err != nil {
			return fmt.Errorf("no cache for -serve: %v; give -cache a folder to use one", err)
		}
		src, _ := filepath.Abs(opt.Src)
		sum := sha256.Sum256([]byte(src))
		dir = filepath.Join(user, "flipdeck", hex.EncodeToString(sum[:8]))
	}
	abs, _ := filepath.Abs(dir)
	out, _ := filepath.Abs(opt.Out)
	src, _ := filepath.Abs(opt.Src)
	if within(abs, out) {
		return usageError{fmt.Sprintf("-cache %s is inside -out %s, which gen replaces on every build; put the cache folder beside it (e.g. -cache .flipdeck-cache)", dir, opt.Out)}
	}
	if within(src, abs) {
		return usageError{fmt.Sprintf("-cache %s holds the source folder %s; give the cache a folder of its own (e.g. -cache .flipdeck-cache)", dir, opt.Src)}
	}
	return b.UseCache(dir, !serve)
}

// within reports whether path is dir or inside it.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// skipDirs lists the folders -serve's watcher skips: -out and the cache
// folder, when there is one.
func skipDirs(out, cache string) []string {
	if cache == "" {
		return []string{out}
	}
	return []string{out, cache}
}
