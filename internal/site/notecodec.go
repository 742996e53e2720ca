package site

import (
	"encoding/binary"
	"slices"

	"github.com/flipdeck/flipdeck/internal/notes"
)

// A parsed note as the persistent cache (diskcache.go) stores it, so
// that a build in a new process parses only the notes whose bytes
// changed: parsing is a quarter of a rebuild with one note changed.
// TestNoteCodecRoundTrip fails when notes.Note gains a field this
// file does not know.

func (e *encoder) int(v int) { e.b = binary.AppendVarint(e.b, int64(v)) }

// int reads a signed varint (zig-zag, as binary.AppendVarint writes).
func (d *decoder) int() int {
	u := d.raw()
	v := int64(u >> 1)
	if u&1 != 0 {
		v = ^v
	}
	return int(v)
}

// strsNil and its decoder keep a nil list apart from an empty one.
func (e *encoder) strsNil(ss []string) {
	if ss == nil {
		e.uint(0)
		return
	}
	e.uint(len(ss) + 1)
	for _, s := range ss {
		e.str(s)
	}
}

func (d *decoder) strsNil() []string {
	n := d.count()
	if n == 0 {
		return nil
	}
	ss := make([]string, n-1)
	for i := range ss {
		ss[i] = d.str()
	}
	return ss
}

// encodeNote writes n as its slim record (what the cache index keeps of
// it) followed by its text.
func encodeNote(n *notes.Note) []byte {
	e := &encoder{b: make([]byte, 0, 3*len(n.Body)+256)}
	e.str(n.Path)
	e.slimNote(n)
	e.str(n.Body)
	for _, c := range n.Cards {
		e.str(c.Answer)
		e.strsNil(c.ClozeText)
		e.strsNil(c.Context)
		e.strsNil(c.Tags)
		e.int(c.AnswerLine)
	}
	e.uint(len(n.Segments))
	for _, s := range n.Segments {
		e.str(s.Text)
		e.int(s.Line)
		if s.Cards == nil {
			e.uint(0)
		} else {
			e.uint(len(s.Cards) + 1)
			for _, i := range s.Cards {
				e.int(i)
			}
		}
		e.int(s.LastLine)
		e.str(s.Container)
		e.str(s.Question)
		e.str(s.Answer)
	}
	e.uint(len(n.Footnotes))
	for _, f := range n.Footnotes {
		e.str(f.Label)
		e.str(f.Text)
	}
	return e.b
}

func decodeNote(b []byte) (*notes.Note, bool) {
	d := newDecoder(b)
	n := d.slimNote(d.str())
	n.Body = d.str()
	for i := range n.Cards {
		c := &n.Cards[i]
		c.Answer, c.ClozeText, c.Context, c.Tags, c.AnswerLine = d.str(), d.strsNil(), d.strsNil(), d.strsNil(), d.int()
	}
	if k := d.count(); k > 0 {
		n.Segments = make([]notes.Segment, k)
		for i := range n.Segments {
			s := &n.Segments[i]
			s.Text, s.Line = d.str(), d.int()
			if m := d.count(); m > 0 {
				s.Cards = make([]int, m-1)
				for j := range s.Cards {
					s.Cards[j] = d.int()
				}
			}
			s.LastLine, s.Container, s.Question, s.Answer = d.int(), d.str(), d.str(), d.str()
		}
	}
	if k := d.count(); k > 0 {
		n.Footnotes = make([]notes.Footnote, k)
		for i := range n.Footnotes {
			n.Footnotes[i] = notes.Footnote{Label: d.str(), Text: d.str()}
		}
	}
	return n, d.done()
}

// slimNote writes what slimNote (reparse.go) keeps of n, with its
// diagnostics: what a build needs of a note it does not render. The
// cache index keeps it per note (notefill.go), so that a build takes an
// unchanged note from the index without reading its stored parse.
func (e *encoder) slimNote(n *notes.Note) {
	e.str(n.Title)
	e.strsNil(n.Deck)
	e.bool(n.DeckSet)
	e.strsNil(n.Tags)
	e.int(n.BodyLine)
	e.bool(n.Template)
	e.diags(n.Diags)
	e.uint(len(n.Cards))
	for _, c := range n.Cards {
		e.str(c.ID)
		e.str(c.BlockID)
		e.str(string(c.Kind))
		if slices.Equal(c.Deck, n.Deck) && c.Deck != nil {
			e.uint(1) // the note's deck, as most cards' is: a tenth of the index
		} else {
			e.uint(0)
			e.strsNil(c.Deck)
		}
		e.str(c.Question)
		e.int(c.Line)
		e.int(c.HeadingLevel)
		e.int(c.Pair)
	}
}

// slimNote reads what encoder.slimNote wrote of the note at path.
func (d *decoder) slimNote(path string) *notes.Note {
	n := &notes.Note{Path: path, Title: d.str(), Deck: d.strsNil(), DeckSet: d.bool(), Tags: d.strsNil(),
		BodyLine: d.int(), Template: d.bool(), Diags: d.diags()}
	if k := d.count(); k > 0 {
		n.Cards = make([]notes.Card, k)
		for i := range n.Cards {
			c := &n.Cards[i]
			c.ID, c.BlockID, c.Kind = d.str(), d.str(), notes.Kind(d.str())
			if d.bool() {
				c.Deck = n.Deck
			} else {
				c.Deck = d.strsNil()
			}
			c.Question = d.str()
			c.Line, c.HeadingLevel, c.Pair = d.int(), d.int(), d.int()
		}
	}
	return n
}
