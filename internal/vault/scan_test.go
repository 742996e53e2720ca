package vault

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestScanSkips: hidden and template folders, the output folder (also
// when named through a symlink), symlinks leading out of the source, and
// dangling symlinks, each with the right diagnostic.
func TestScanSkips(t *testing.T) {
	dir := t.TempDir()
	root := filepath.Join(dir, "vault")
	write := func(rel, data string) {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.md", "x")
	write("sub/🦊 Fuchs %2F ꞉ b.md", "x")
	write(".obsidian/app.md", "x")
	write(".trash/old.md", "x")
	write("Templates/t.md", "x")
	write("public/index.md", "x")
	os.WriteFile(filepath.Join(dir, "secret.md"), []byte("x"), 0o644)
	os.Symlink(filepath.Join(dir, "secret.md"), filepath.Join(root, "out.md"))
	os.Symlink("missing.md", filepath.Join(root, "dangling.md"))
	os.Symlink("a.md", filepath.Join(root, "inside.md"))
	os.Symlink(filepath.Join(root, "public"), filepath.Join(dir, "publink"))

	v, diags, err := Scan(root, ScanOptions{Skip: []string{filepath.Join(dir, "publink")}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range v.Files {
		got = append(got, f.Path)
	}
	want := "a.md inside.md sub/🦊 Fuchs %2F ꞉ b.md"
	if strings.Join(got, " ") != want {
		t.Errorf("files = %q, want %q", strings.Join(got, " "), want)
	}
	var ds []string
	for _, d := range diags {
		ds = append(ds, d.File+" "+d.Kind)
	}
	if strings.Join(ds, ", ") != "dangling.md unreadable-file, out.md outside-source" {
		t.Errorf("diags = %v", diags)
	}
}
