package site

import (
	"crypto/sha256"
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
// Only the goroutine laying out the note's deck puts the text in the
// note (fullNote), while nothing else reads the note's cards; an embed,
// which may come from any deck, is given the text apart (noteText).
//
// The text is the stored parse of the bytes the index recorded (the
// store is content-addressed, so it is the parse of those bytes), else
// the file parsed again when it still hashes the same. A note changed
// since the build began can be neither: the build fails with an error
// asking for another, never publishing text that does not match.

// noteFill loads the text of one slim note of the build under way.
type noteFill struct {
	file *vault.File // the note's file (readFile)
	sum  hash        // of the bytes the slim note was parsed from
	load sync.Once
	full *notes.Note // the whole parse, once loaded
	err  *diag.Diagnostic
	fill sync.Once // puts full's text in the build's note
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
			c.fills[p.note.Path] = &noteFill{file: files[i], sum: p.sum}
		}
	}
}

// fullNote gives n, a note of the build under way, its text when it was
// taken slim, and reports whether it has it. Only the goroutine laying
// out n's deck may call it.
func (c *stageCache) fullNote(n *notes.Note) bool {
	if c == nil {
		return true
	}
	f := c.fills[n.Path]
	if f == nil {
		return true
	}
	full := c.loadFull(n, f)
	if full == nil {
		return false
	}
	f.fill.Do(func() { fillText(n, full) })
	return true
}

// noteText returns the text of note n and the line it starts on, when
// n was taken slim without changing n; ok false when it cannot be
// loaded. Safe for concurrent use.
func (c *stageCache) noteText(n *notes.Note) (body string, line int, ok bool) {
	f := c.fills[n.Path]
	if f == nil {
		return n.Body, n.BodyLine, true
	}
	full := c.loadFull(n, f)
	if full == nil {
		return "", 0, false
	}
	return full.Body, full.BodyLine, true
}

// loadFull returns the whole parse of slim note n, loaded once; nil,
// with the error kept for fillDiags, when it cannot be.
func (c *stageCache) loadFull(n *notes.Note, f *noteFill) *notes.Note {
	f.load.Do(func() {
		f.loaded = true
		full, ok := c.disk.loadNote(n.Path, f.sum)
		if !ok {
			src, err := readFile(f.file)
			if err == nil && sha256.Sum256(src) == f.sum {
				full, _ = parseNote(n.Path, src, c.popt)
			}
		}
		if full == nil || len(full.Cards) != len(n.Cards) {
			f.err = &diag.Diagnostic{File: n.Path, Kind: diag.KindUnreadable, Severity: diag.Error,
				Message: "note changed while the site was being built; build again"}
			return
		}
		f.full = full
	})
	return f.full
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
