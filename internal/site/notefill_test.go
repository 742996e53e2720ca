package site

import (
	"crypto/sha256"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/flipdeck/flipdeck/internal/diag"
	"github.com/flipdeck/flipdeck/internal/notes"
	"github.com/flipdeck/flipdeck/internal/vault"
)

// TestFillTextRestoresNote: a note of the sample vault, through the
// index's slim record and back, then given its text by fillText, is the
// note as parsed, field by field. It fails when notes.Note or
// notes.Card gains a field that neither the slim record nor fillText
// carries.
func TestFillTextRestoresNote(t *testing.T) {
	opts := notes.DefaultOptions()
	count := 0
	filepath.WalkDir("../../content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		full, crash := parseNote(filepath.ToSlash(p), src, opts)
		if crash != nil {
			t.Fatalf("%s: %s", p, crash.Message)
		}
		in := slimNote(full)
		in.Diags = full.Diags
		e := &encoder{}
		e.slimNote(in)
		dec := newDecoder(e.b)
		slim := dec.slimNote(full.Path)
		if !dec.done() {
			t.Fatalf("%s: the slim record does not decode", p)
		}
		fillText(slim, full)
		if path := sameExported(reflect.ValueOf(*full), reflect.ValueOf(*slim), "Note"); path != "" {
			t.Errorf("%s: %s differs once filled", p, path)
		}
		count++
		return nil
	})
	if count == 0 {
		t.Fatal("no notes read")
	}
}

// TestFillFailsOnChangedNote: a slim note whose stored parse is missing
// is parsed again from its file, but only while the file holds the
// bytes the slim note was made from; else the note cannot be filled and
// the build is told so by an error.
func TestFillFailsOnChangedNote(t *testing.T) {
	dir := t.TempDir()
	text := "---\ncards-deck: Fill\n---\n## Q? #card\nA.\n"
	p := filepath.Join(dir, "N.md")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	opts := notes.DefaultOptions()
	full := notes.Parse("N.md", []byte(text), opts)
	c := newStageCache() // no persistent cache: the store misses
	slimOf := func() *parsedNote {
		return &parsedNote{sum: sha256.Sum256([]byte(text)), note: slimNote(full), slim: true}
	}
	files := []*vault.File{{Path: "N.md", Abs: p}}

	c.slimNotes(files, []*parsedNote{slimOf()}, opts)
	n := copyNote(slimOf().note)
	if !c.fullNote(n) || n.Body != full.Body || n.Cards[0].Answer != full.Cards[0].Answer {
		t.Fatalf("not filled from the unchanged file: %+v", n)
	}

	os.WriteFile(p, []byte(strings.Replace(text, "A.", "B.", 1)), 0o644)
	c.slimNotes(files, []*parsedNote{slimOf()}, opts)
	n = copyNote(slimOf().note)
	if c.fullNote(n) {
		t.Fatal("filled from a file that changed")
	}
	ds := c.fillDiags()
	if len(ds) != 1 || ds[0].Severity != diag.Error || ds[0].File != "N.md" {
		t.Fatalf("diagnostics %v, want one error for N.md", ds)
	}
}
