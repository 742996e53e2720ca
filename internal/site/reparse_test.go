package site

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/flipdeck/flipdeck/internal/notes"
	"github.com/flipdeck/flipdeck/internal/vault"
)

// TestThinAndFill follows one note through a one-off build: parsed, made
// thin once placed, then filled again from its file when its deck comes,
// with the card ids the build gave it.
func TestThinAndFill(t *testing.T) {
	dir := t.TempDir()
	abs := filepath.Join(dir, "N.md")
	write := func(text string) {
		t.Helper()
		if err := os.WriteFile(abs, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("# First? #card\nOne\n\n# Second? #card\nTwo\n")
	r := &noteReader{files: map[string]*vault.File{"N.md": {Path: "N.md", Abs: abs}}, opts: notes.DefaultOptions()}
	n, err := r.parse("N.md")
	if err != nil || len(n.Cards) != 2 {
		t.Fatalf("parse: got %+v, want a note with 2 cards", n)
	}
	// The build may rename ids to make them unique across notes.
	n.Cards[1].ID = "renamed"
	want := []string{n.Cards[0].ID, "renamed"}

	r.thin([]*notes.Note{n}, nil)
	if n.Cards != nil || n.Segments != nil || n.Body != "" || n.Path != "N.md" || len(n.Deck) == 0 {
		t.Fatalf("thin note keeps %+v, want path and deck only", n)
	}

	filled := *n
	if warn := r.fill(&filled); warn != nil {
		t.Fatalf("fill: %v", warn)
	}
	if len(filled.Cards) != 2 || filled.Cards[0].ID != want[0] || filled.Cards[1].ID != want[1] {
		t.Fatalf("fill: cards %+v, want ids %q", filled.Cards, want)
	}
	if filled.Cards[1].Answer == "" || len(filled.Segments) == 0 || filled.Diags != nil {
		t.Errorf("fill: want the full note without diagnostics, got %+v", filled)
	}

	// The file changed between the two reads so that its cards differ:
	// the note is left out with a warning, not filled with cards without
	// text (TestNoteGoneBeforeItsDeck builds it).
	write("# Only? #card\nOne\n")
	changed := *n
	if warn := r.fill(&changed); warn == nil || warn.File != "N.md" || changed.Cards != nil {
		t.Errorf("fill of a changed file: %v, cards %+v; want a warning and the thin note", warn, changed.Cards)
	}
}
