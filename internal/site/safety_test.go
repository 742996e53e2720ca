package site

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flipdeck/flipdeck/internal/outdir"
	"github.com/flipdeck/flipdeck/internal/treesnap"
	"github.com/flipdeck/flipdeck/internal/vault"
)

// The output writer's own safety tests (a failure or a kill at every
// step) are in internal/outdir; these check that a build uses it so.

// snapshot describes every entry under dir (see treesnap).
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	listing, err := treesnap.Listing(dir, treesnap.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return listing
}

func writeTree(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func generate(t *testing.T, src string) Output {
	t.Helper()
	v, _, err := vault.Scan(src, vault.ScanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	out, _ := Generate(v, Options{Title: "T", Workers: 2})
	return out
}

// TestUnchangedFilesNotRewritten builds twice and wants every file to be
// the same inode with the same modification time.
func TestUnchangedFilesNotRewritten(t *testing.T) {
	dir := t.TempDir()
	src, out := filepath.Join(dir, "src"), filepath.Join(dir, "public")
	writeTree(t, src, map[string]string{"a.md": "Q? #card\nA\n"})
	if _, err := Build(Options{Src: src, Out: out}); err != nil {
		t.Fatal(err)
	}
	stat := func() map[string]os.FileInfo {
		m := map[string]os.FileInfo{}
		filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
			if info, err := os.Lstat(p); err == nil && !d.IsDir() {
				m[p] = info
			}
			return nil
		})
		return m
	}
	first := stat()
	res, err := Build(Options{Src: src, Out: out})
	if err != nil {
		t.Fatal(err)
	}
	if res.Written != 0 || res.Removed != 0 || res.Unchanged == 0 {
		t.Errorf("second build wrote %d, removed %d, kept %d", res.Written, res.Removed, res.Unchanged)
	}
	for p, a := range stat() {
		b := first[p]
		if b == nil || !os.SameFile(a, b) || !a.ModTime().Equal(b.ModTime()) {
			t.Errorf("%s was rewritten", p)
		}
	}
}

// TestNoWriteThroughSymlink puts a symlink to a folder outside the
// output where gen writes (media/) and lists a file behind it in a forged
// manifest: gen must neither write nor delete anything outside -out.
func TestNoWriteThroughSymlink(t *testing.T) {
	dir := t.TempDir()
	src, out, elsewhere := filepath.Join(dir, "src"), filepath.Join(dir, "public"), filepath.Join(dir, "elsewhere")
	writeTree(t, src, map[string]string{"a.md": "Q? #card\n![[x.png]]\n", "x.png": "png"})
	writeTree(t, elsewhere, map[string]string{"x.png": "precious", "keep.txt": "precious"})
	if _, err := Build(Options{Src: src, Out: out}); err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(filepath.Join(out, "media"))
	if err := os.Symlink(elsewhere, filepath.Join(out, "media")); err != nil {
		t.Fatal(err)
	}
	m, _ := os.ReadFile(filepath.Join(out, outdir.ManifestName))
	m = bytes.Replace(m, []byte(`"files": [`), []byte(`"files": [
  "media/keep.txt", "../elsewhere/keep.txt", "/etc/passwd",`), 1)
	os.WriteFile(filepath.Join(out, outdir.ManifestName), m, 0o644)
	before := snapshot(t, elsewhere)
	_, err := Build(Options{Src: src, Out: out})
	if err == nil || !strings.Contains(err.Error(), "symlink") {
		t.Errorf("want a refusal naming the symlink, got %v", err)
	}
	if got := snapshot(t, elsewhere); got != before {
		t.Errorf("files outside -out changed:\n%s\n%s", before, got)
	}
}
