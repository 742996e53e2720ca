package site

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flipdeck/flipdeck/internal/vault"
)

// TestReadFile checks that readFile reads what os.ReadFile reads, and
// fails as it does, when the size the vault scan found is out of date.
func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	long := strings.Repeat("# Q? #card\nAn answer.\n\n", 2000) // over a page: several reads
	for _, tc := range []struct {
		name        string
		scanned, on string // the file as scanned, and on disk when read
	}{
		{"unchanged", "# Q? #card\nA\n", "# Q? #card\nA\n"},
		{"grew by a byte", "# Q? #card\nA\n", "# Q? #card\nAB\n"},
		{"grew a lot", "# Q? #card\nA\n", long},
		{"grew from empty", "", long},
		{"shrank", long, "# Q? #card\nA\n"},
		{"shrank to empty", "# Q? #card\nA\n", ""},
		{"empty", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			abs := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-")+".md")
			f := &vault.File{Path: filepath.Base(abs), Abs: abs, Size: int64(len(tc.scanned))}
			if err := os.WriteFile(abs, []byte(tc.on), 0o644); err != nil {
				t.Fatal(err)
			}
			got, err := readFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if want, _ := os.ReadFile(abs); !bytes.Equal(got, want) || len(got) != len(tc.on) {
				t.Errorf("read %d bytes %.40q…, want the %d on disk", len(got), got, len(tc.on))
			}
		})
	}

	// Errors are the *fs.PathError os.ReadFile gives, naming the file:
	// note messages quote them, and a note removed during a build is
	// told apart with errors.Is(err, fs.ErrNotExist) (reparse.go).
	for _, tc := range []struct {
		name, abs string
		notExist  bool
	}{
		{"missing", filepath.Join(dir, "gone.md"), true},
		{"directory", dir, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := readFile(&vault.File{Path: "x.md", Abs: tc.abs, Size: 10})
			_, want := os.ReadFile(tc.abs)
			if err == nil || want == nil {
				t.Fatalf("got error %v, os.ReadFile %v; want both to fail", err, want)
			}
			var pe *fs.PathError
			if err.Error() != want.Error() || !errors.As(err, &pe) || pe.Path != tc.abs {
				t.Errorf("got error %q, want os.ReadFile's %q as an *fs.PathError", err, want)
			}
			if errors.Is(err, fs.ErrNotExist) != tc.notExist {
				t.Errorf("errors.Is(%v, fs.ErrNotExist) = %v, want %v", err, !tc.notExist, tc.notExist)
			}
		})
	}
}
