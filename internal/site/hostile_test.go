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

// TestNoteGoneBeforeItsDeck: a large build reads each note twice (once
// to place it, again when its deck is laid out; slim.go). A note deleted
// or changed between the two reads is left out with a warning; it never
// gives cards without text.
func TestNoteGoneBeforeItsDeck(t *testing.T) {
	dir := t.TempDir()
	src, out := filepath.Join(dir, "src"), filepath.Join(dir, "public")
	writeTree(t, src, map[string]string{
		"keep.md":    "Kept? #card\nYes\n",
		"gone.md":    "---\ncards-deck: Gone\n---\nGone one? #card\nAnswer one\n\nGone two? #card\nAnswer two\n",
		"changed.md": "---\ncards-deck: Changed\n---\nC1? #card\nA1\n\nC2? #card\nA2\n",
		"embeds.md":  "Embeds? #card\n![[gone]]\n",
	})
	b := newOneShotBuilder(Options{Src: src, Out: out, Workers: 1})
	b.keepParsedMax = 0 // every note is read again when its deck comes
	b.opt.Progress = func(stage string, done, total int) {
		if stage == "reading notes" && done == total {
			os.Remove(filepath.Join(src, "gone.md"))
			os.WriteFile(filepath.Join(src, "changed.md"), []byte("---\ncards-deck: Changed\n---\nC1? #card\nA1\n"), 0o644)
		}
	}
	res, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	warned := map[string]bool{}
	for _, d := range res.Diags {
		warned[d.File] = true
		t.Log(d)
	}
	for _, f := range []string{"gone.md", "changed.md", "embeds.md"} {
		if !warned[f] {
			t.Errorf("no warning for %s", f)
		}
	}
	if res.Cards != 2 {
		t.Errorf("%d cards, want 2 (kept and embeds)", res.Cards)
	}
	cards, err := os.ReadFile(filepath.Join(out, "cards.json"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(cards), `"question":""`) || strings.Contains(string(cards), "Gone") || strings.Contains(string(cards), "C1") {
		t.Errorf("cards.json has cards of notes that changed during the build:\n%s", cards)
	}
	for _, deck := range []string{"gone", "changed"} {
		page, err := os.ReadFile(filepath.Join(out, "decks", deck+".html"))
		if err == nil && strings.Contains(string(page), `class="card`) {
			t.Errorf("decks/%s.html shows cards of a note that changed during the build", deck)
		}
	}
}
