package site

import (
	"crypto/sha256"
	"os"
	"sync"

	"github.com/flipdeck/flipdeck/internal/diag"
	"github.com/flipdeck/flipdeck/internal/notes"
	"github.com/flipdeck/flipdeck/internal/vault"
)

// A build with gen -cache takes a note whose file is unchanged from the
// cache index as a slim note (slimNote: its title, deck, tags and cards
// without their text), not from its stored parse: reading and decoding
// 5,000 parses was a third of a rebuild with one note changed, though
// only the notes of the decks to lay out again need their text. The
// plan (card ids, the deck tree, placements, link targets, render and
// page keys) needs only the slim note; a note's text is loaded, once
// per build, when something reads it:
//
//   - its rendering is made (its render key changed, or the stored
//     rendering failed to load);
//   - its deck's piece of cards.json is made (deckRecords);
//   - another note being rendered embeds it (resolver.Embed).
//
// The text is the stored parse of the bytes the index recorded (the
// store is content-addressed, so it is the parse of those bytes), else
// the file parsed again when it still hashes the same. A note changed
// since the build began can be neither: the build fails with an error
// asking for another, never publishing text that does not match.

// noteFill loads the text of one slim note of the build under way.
type noteFill struct {
	abs  string // the note's file
	sum  hash   // of the bytes the slim note was parsed from
	once sync.Once
	err  *diag.Diagnostic
	// loaded: the build needed the text (tests).
	loaded bool
}

// slimNotes records, for the build under way, the notes taken slim, by
// path (read only while decks are laid out), and the options to parse
// them again with.
func (c *stageCache) slimNotes(files []*vault.File, read []*parsedNote, popt notes.Options) {
	c.fills, c.popt = nil, popt
	for i, p := range read {
		if p != nil && p.slim {
			if c.fills == nil {
				c.fills = map[string]*noteFill{}
			}
			c.fills[p.note.Path] = &noteFill{abs: files[i].Abs, sum: p.sum}
		}
	}
}

// fullNote gives n, a note of the build under way, its text when it was
// taken slim, and reports whether it has it. Safe for concurrent use.
func (c *stageCache) fullNote(n *notes.Note) bool {
	if c == nil {
		return true
	}
	f := c.fills[n.Path]
	if f == nil {
		return true
	}
	f.once.Do(func() { f.loaded, f.err = true, c.fill(n, f) })
	return f.err == nil
}

// fill loads the text of slim note n and puts it in n.
func (c *stageCache) fill(n *notes.Note, f *noteFill) *diag.Diagnostic {
	full, ok := c.disk.loadNote(n.Path, f.sum)
	if !ok {
		src, err := os.ReadFile(f.abs)
		if err == nil && sha256.Sum256(src) == f.sum {
			full, _ = parseNote(n.Path, src, c.popt)
		}
	}
	if full == nil || len(full.Cards) != len(n.Cards) {
		return &diag.Diagnostic{File: n.Path, Kind: diag.KindUnreadable, Severity: diag.Error,
			Message: "note changed while the site was being built; build again"}
	}
	fillText(n, full)
	return nil
}

// fillText puts in slim note n the text slimNote left out of full, its
// parse; n keeps the rest, card ids as this build made them included.
// TestFillTextRestoresNote checks that nothing is left out.
func fillText(n, full *notes.Note) {
	n.Body, n.Segments, n.Footnotes = full.Body, full.Segments, full.Footnotes
	for i := range n.Cards {
		c, fc := &n.Cards[i], &full.Cards[i]
		c.Answer, c.ClozeText, c.Context, c.Tags, c.AnswerLine = fc.Answer, fc.ClozeText, fc.Context, fc.Tags, fc.AnswerLine
	}
}

// fillDiags are the errors of the notes whose text could not be loaded.
func (c *stageCache) fillDiags() []diag.Diagnostic {
	if c == nil {
		return nil
	}
	var ds []diag.Diagnostic
	for _, f := range c.fills {
		if f.err != nil {
			ds = append(ds, *f.err)
		}
	}
	return ds
}
