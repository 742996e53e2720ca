// Package corpus reads Markdown notes for tests and benchmarks: a folder
// of notes, and the real-world vaults shared beside the project in
// ../shared/corpus/realworld. The repository never copies those vaults,
// so a test that wants them skips on a machine without them.
package corpus

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// File is one Markdown file: its path below the folder it was read from
// (slash-separated, as notes name each other) and its bytes.
type File struct {
	Path string
	Src  []byte
}

// sources is the file at the top of the real-world corpus that says where
// each vault came from; it is not anyone's note.
const sources = "SOURCES.md"

// Markdown reads every .md file below root, in path order.
func Markdown(root string) ([]File, error) {
	var files []File
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		files = append(files, File{Path: filepath.ToSlash(rel), Src: src})
		return nil
	})
	return files, err
}

// Dir returns the real-world corpus folder, beside the folder that holds
// the module's go.mod (found upwards from the working directory, so any
// package's tests find it), and whether it is there.
func Dir() (string, bool) {
	dir, err := os.Getwd()
	if err != nil {
		return "", false
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		up := filepath.Dir(dir)
		if up == dir {
			return "", false
		}
		dir = up
	}
	corpus := filepath.Join(dir, "..", "shared", "corpus", "realworld")
	info, err := os.Stat(corpus)
	return corpus, err == nil && info.IsDir()
}

// ErrAbsent is the error ReadRealworld wraps when the corpus is not beside
// the project.
var ErrAbsent = errors.New("the real-world corpus is not beside the project")

// ReadRealworld reads every note of the real-world vaults, their paths
// starting with the vault's folder name.
func ReadRealworld() ([]File, error) {
	dir, ok := Dir()
	if !ok {
		return nil, fmt.Errorf("%w (%s)", ErrAbsent, dir)
	}
	files, err := Markdown(dir)
	if err != nil {
		return nil, err
	}
	notes := files[:0]
	for _, f := range files {
		if f.Path != sources {
			notes = append(notes, f)
		}
	}
	if len(notes) == 0 {
		return nil, fmt.Errorf("no notes in %s", dir)
	}
	return notes, nil
}

// Realworld is ReadRealworld for a test or benchmark: it skips tb when the
// corpus is not there and fails it on any other error.
func Realworld(tb testing.TB) []File {
	tb.Helper()
	files, err := ReadRealworld()
	if errors.Is(err, ErrAbsent) {
		tb.Skip(err)
	}
	if err != nil {
		tb.Fatal(err)
	}
	return files
}

// VaultDirs returns the folder of each real-world vault, in name order,
// or none when the corpus is not there.
func VaultDirs() []string {
	dir, ok := Dir()
	if !ok {
		return nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var vaults []string
	for _, e := range entries {
		if e.IsDir() {
			vaults = append(vaults, filepath.Join(dir, e.Name()))
		}
	}
	return vaults
}

// Vaults is VaultDirs for a test or benchmark: it skips tb when there are
// none.
func Vaults(tb testing.TB) []string {
	tb.Helper()
	vaults := VaultDirs()
	if len(vaults) == 0 {
		dir, _ := Dir()
		tb.Skipf("%v (%s)", ErrAbsent, dir)
	}
	return vaults
}

// WithSample is for a test or benchmark: the notes of the sample vault
// in content (the repository's content/ folder, given relative to the
// test's package) and those of the real-world corpus when it is there.
// It fails tb when content holds no note or the corpus cannot be read.
func WithSample(tb testing.TB, content string) []File {
	tb.Helper()
	ns, err := Markdown(content)
	if err != nil {
		tb.Fatal(err)
	}
	if len(ns) == 0 {
		tb.Fatalf("no notes in %s", content)
	}
	switch real, err := ReadRealworld(); {
	case errors.Is(err, ErrAbsent):
		tb.Logf("testing without it: %v", err)
	case err != nil:
		tb.Fatal(err)
	default:
		ns = append(ns, real...)
	}
	return ns
}
