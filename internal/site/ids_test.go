package site

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flipdeck/flipdeck/internal/export"
)

// cardIDs builds files (path → Markdown) and returns cards.json's ids,
// keyed by "question → answer" (answers tell duplicates apart).
func cardIDs(t *testing.T, files map[string]string) map[string]string {
	t.Helper()
	src := filepath.Join(t.TempDir(), "src")
	writeTree(t, src, files)
	out := generate(t, src)
	var f export.CardsFile
	if err := json.Unmarshal(out["cards.json"], &f); err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{}
	seen := map[string]bool{}
	for _, c := range f.Cards() {
		key := c.Question + " → " + c.Answer
		if seen[c.ID] {
			t.Errorf("id %s is given to two cards", c.ID)
		}
		seen[c.ID] = true
		ids[key] = c.ID
	}
	return ids
}

// sameIDs wants every card of a that is also in b to have the same id.
func sameIDs(t *testing.T, what string, a, b map[string]string) {
	t.Helper()
	n := 0
	for k, id := range a {
		if other, ok := b[k]; ok {
			n++
			if other != id {
				t.Errorf("%s: %q changed id %s → %s", what, k, id, other)
			}
		}
	}
	if n == 0 {
		t.Fatalf("%s: no card in common", what)
	}
}

const deckFM = "---\ncards-deck: Biology::Cells\n---\n"

func TestIDsStable(t *testing.T) {
	base := cardIDs(t, map[string]string{
		"bio/cells.md": deckFM + "# Cells\n\n## What is a cell? #card\nThe unit of life.\n\nWhat holds the DNA? #card\nThe nucleus.\n\nWhat is ATP :: Energy currency\n\nOpposite of hot ::: cold\n\nThe {mitochondria} makes {ATP}.\n",
		"bio/other.md": deckFM + "Block id card? #card\nKept by its id.\n^1234567890123\n",
	})
	if len(base) < 8 {
		t.Fatalf("only %d cards: %v", len(base), base)
	}

	t.Run("reorder", func(t *testing.T) {
		got := cardIDs(t, map[string]string{
			"bio/cells.md": deckFM + "The {mitochondria} makes {ATP}.\n\nOpposite of hot ::: cold\n\nWhat is ATP :: Energy currency\n\nWhat holds the DNA? #card\nThe nucleus.\n\n# Cells\n\n## What is a cell? #card\nThe unit of life.\n",
			"bio/other.md": deckFM + "Block id card? #card\nKept by its id.\n^1234567890123\n",
		})
		sameIDs(t, "reordered", base, got)
		if len(got) != len(base) {
			t.Errorf("%d cards, want %d", len(got), len(base))
		}
	})

	t.Run("answer edits and question re-styling", func(t *testing.T) {
		got := cardIDs(t, map[string]string{
			"bio/cells.md": deckFM + "# Cells\n\n## What is a **cell**? #card\nThe smallest unit of life.\n\nwhat  holds the DNA? #card\nThe nucleus (mostly).\n\nWhat is ATP :: Energy currency\n\nOpposite of hot ::: cold\n\nThe {mitochondria} makes {ATP}.\n",
			"bio/other.md": deckFM + "Block id card, reworded? #card\nKept by its id.\n^1234567890123\n",
		})
		ids := map[string]bool{}
		for _, id := range got {
			ids[id] = true
		}
		for k, id := range base {
			if !ids[id] {
				t.Errorf("id %s of %q is gone after editing answers", id, k)
			}
		}
	})

	t.Run("note moved to another folder, same deck", func(t *testing.T) {
		got := cardIDs(t, map[string]string{
			"archive/2024/cells.md": deckFM + "# Cells\n\n## What is a cell? #card\nThe unit of life.\n\nWhat holds the DNA? #card\nThe nucleus.\n\nWhat is ATP :: Energy currency\n\nOpposite of hot ::: cold\n\nThe {mitochondria} makes {ATP}.\n",
			"other.md":              deckFM + "Block id card? #card\nKept by its id.\n^1234567890123\n",
		})
		sameIDs(t, "moved", base, got)
	})

	t.Run("cards added", func(t *testing.T) {
		got := cardIDs(t, map[string]string{
			"bio/cells.md": deckFM + "New first? #card\nYes.\n\n# Cells\n\nInserted? #card\nYes.\n\n## What is a cell? #card\nThe unit of life.\n\nWhat holds the DNA? #card\nThe nucleus.\n\nWhat is ATP :: Energy currency\n\nOpposite of hot ::: cold\n\nThe {mitochondria} makes {ATP}.\n",
			"bio/other.md": deckFM + "Block id card? #card\nKept by its id.\n^1234567890123\n",
			"bio/a-new.md": deckFM + "Another note? #card\nSorted first.\n",
		})
		sameIDs(t, "added", base, got)
		if len(got) != len(base)+3 {
			t.Errorf("%d cards, want %d", len(got), len(base)+3)
		}
	})
}

func TestDuplicateIDsDistinctAndStable(t *testing.T) {
	files := map[string]string{
		"a/one.md":   deckFM + "Same? #card\nfirst\n\nSame? #card\nsecond\n",
		"b/two.md":   deckFM + "Same? #card\nthird\n",
		"c/three.md": deckFM + "Pasted? #card\nx\n^1111111111111\n",
		"d/four.md":  deckFM + "Pasted twice? #card\ny\n^1111111111111\n",
	}
	first := cardIDs(t, files)
	if len(first) != 5 {
		t.Fatalf("want 5 distinct cards, got %v", first)
	}
	// Unrelated changes (a new note, a new card after the duplicates, an
	// edited answer elsewhere) keep every id.
	files["b/two.md"] += "\nOther? #card\nz\n"
	files["e/five.md"] = deckFM + "Late? #card\nw\n"
	second := cardIDs(t, files)
	sameIDs(t, "after unrelated changes", first, second)
	for k, id := range first {
		if strings.HasPrefix(k, "Same? → third") && !strings.HasSuffix(id, "-3") {
			t.Errorf("duplicate in the second note: id %s, want a -3 suffix", id)
		}
	}

	// The warning names both places.
	src := filepath.Join(t.TempDir(), "src")
	writeTree(t, src, files)
	res, err := Build(Options{Src: src, Out: filepath.Join(t.TempDir(), "out")})
	if err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, d := range res.Diags {
		msgs = append(msgs, d.String())
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{
		`a/one.md:7: warning: question "Same?" is already asked at line 4`,
		`b/two.md:4: warning: question "Same?" is already asked at a/one.md:4 in deck Biology::Cells`,
		`d/four.md:4: warning: block id ^1111111111111 is also used at c/three.md:4`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("missing warning %q in:\n%s", want, all)
		}
	}
	if len(msgs) != 3 {
		t.Errorf("want 3 warnings, got:\n%s", all)
	}
}
