package corpus

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestMarkdown(t *testing.T) {
	root := t.TempDir()
	for path, src := range map[string]string{
		"z.md":           "last",
		"a/b.md":         "first",
		"a/notes.txt":    "not Markdown",
		"a/c/deeper.md":  "second",
		"m.markdown.bak": "not Markdown either",
	} {
		p := filepath.Join(root, filepath.FromSlash(path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files, err := Markdown(root)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range files {
		got = append(got, f.Path+"="+string(f.Src))
	}
	want := []string{"a/b.md=first", "a/c/deeper.md=second", "z.md=last"}
	if !slices.Equal(got, want) {
		t.Errorf("Markdown read %q, want %q", got, want)
	}
	if _, err := Markdown(filepath.Join(root, "missing")); err == nil {
		t.Error("Markdown of a missing folder gave no error")
	}
}

func TestDir(t *testing.T) {
	dir, ok := Dir()
	want, err := filepath.Abs(filepath.Join("..", "..", "..", "shared", "corpus", "realworld"))
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Clean(dir) != want {
		t.Errorf("Dir() = %q, want %q (beside the module root)", dir, want)
	}
	_, statErr := os.Stat(want)
	if ok != (statErr == nil) {
		t.Errorf("Dir() says there = %v, but stat says %v", ok, statErr)
	}
}

func TestRealworld(t *testing.T) {
	files := Realworld(t)
	vaults := map[string]bool{}
	for _, v := range Vaults(t) {
		vaults[filepath.Base(v)] = true
	}
	for _, f := range files {
		vault, _, ok := strings.Cut(f.Path, "/")
		if !ok || !vaults[vault] {
			t.Errorf("%s is not in one of the vaults %v", f.Path, vaults)
		}
	}
	t.Logf("%d notes in %d vaults", len(files), len(vaults))
}
