package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLongDeckNames: deck and attachment names too long for a file name
// (84 CJK characters are 252 bytes) build, and build again after a
// change (when gen backs up the files it replaces, under longer names);
// normal names keep their slugs.
func TestLongDeckNames(t *testing.T) {
	dir := t.TempDir()
	src, out := filepath.Join(dir, "src"), filepath.Join(dir, "public")
	long := strings.Repeat("b", 240)
	files := map[string]string{
		"cjk.md":      "---\ncards-deck: " + strings.Repeat("数", 84) + "\n---\nQ1? #card\nA\n",
		"ascii.md":    "---\ncards-deck: " + strings.Repeat("a", 252) + "\n---\nQ2? #card\nA\n![[" + long + ".png]]\n",
		"normal.md":   "---\ncards-deck: AWS Exams::Solutions Architect\n---\nQ3? #card\nA\n",
		long + ".png": "png",
	}
	writeTree(t, src, files)
	for i, answer := range []string{"A", "B"} {
		if i > 0 {
			for k, v := range files {
				files[k] = strings.ReplaceAll(v, "\nA\n", "\n"+answer+"\n")
			}
			writeTree(t, src, files)
		}
		res, err := Build(Options{Src: src, Out: out})
		if err != nil {
			t.Fatalf("build %d: %v", i+1, err)
		}
		if res.Decks < 4 {
			t.Fatalf("build %d: %d decks", i+1, res.Decks)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "decks", "aws-exams--solutions-architect.html")); err != nil {
		t.Errorf("a normal deck name changed its file: %v", err)
	}
	for _, d := range []string{"decks", "quiz", "data", "anki", "media"} {
		entries, _ := os.ReadDir(filepath.Join(out, d))
		for _, e := range entries {
			if len(e.Name()) > 230 {
				t.Errorf("%s/%s: %d bytes", d, e.Name(), len(e.Name()))
			}
		}
	}
}
