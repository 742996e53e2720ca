package layout

import (
	"bytes"
	"html/template"
)

// The deck page's table of contents and its note articles are written
// here rather than in templates/deck.html for the reason flip cards are
// (cardhtml.go): a deck page lists every card of its notes, and
// html/template ran its URL and text escapers through reflection for
// each of them, 50,000 entries at 5,000 notes (4 % of a build).
// Values are escaped as the template escaped them; deckbody_test.go
// keeps the template and compares the two.
//
// The template writes only a slot for each (ContentsList, NoteArticles),
// and Templates.Execute writes the two into the page in its place
// (fillSlots): printed by the template, each piece, most of the page,
// was copied into a buffer of fmt's (made anew for anything over 64 KB)
// and then into the page's, which grew again as its size was not known.

// Slots for the pieces written in Go. A NUL byte never comes out of
// html/template's escapers (they turn it into U+FFFD), so no value can
// make a slot.
const (
	contentsSlot = "\x00contents\x00"
	articlesSlot = "\x00articles\x00"
)

// ContentsList is, for the template, the place of the entries of the
// table of contents (inside its <ol class="toc-notes">): one per note,
// with the note's flip cards under it (writeContents).
func (p DeckPage) ContentsList() template.HTML { return contentsSlot }

// NoteArticles is, for the template, the place of the page's notes, each
// an <article> with its title, its source path and its blocks
// (writeArticles).
func (p DeckPage) NoteArticles() template.HTML { return articlesSlot }

// fillSlots returns frame, the template's output, with the slots of
// ContentsList and NoteArticles replaced by what they stand for, in one
// buffer made at its size.
func (p DeckPage) fillSlots(frame []byte) []byte {
	var b bytes.Buffer
	b.Grow(len(frame) + p.contentsSize() + p.articlesSize())
	for _, slot := range []struct {
		mark  string
		write func(*bytes.Buffer)
	}{{contentsSlot, p.writeContents}, {articlesSlot, p.writeArticles}} {
		i := bytes.Index(frame, []byte(slot.mark))
		if i < 0 {
			continue // the page has no such piece (no notes)
		}
		b.Write(frame[:i])
		slot.write(&b)
		frame = frame[i+len(slot.mark):]
	}
	b.Write(frame)
	return b.Bytes()
}

// writeContents writes the entries of the table of contents.
func (p DeckPage) writeContents(b *bytes.Buffer) {
	for i := range p.Notes {
		n := &p.Notes[i]
		b.WriteString(`<li><a class="toc-note" href="#`)
		escapeFragment(b, n.Anchor)
		b.WriteString(`">`)
		escapeText(b, n.Title)
		b.WriteString("</a>")
		if len(n.Contents) > 0 {
			b.WriteString("\n<ol class=\"toc-cards\" role=\"list\">\n")
			for _, c := range n.Contents {
				b.WriteString(`<li><a href="#`)
				escapeFragment(b, c.ID)
				b.WriteString(`">`)
				if c.HTML != "" {
					b.WriteString(string(c.HTML))
				} else {
					escapeText(b, c.Text)
				}
				b.WriteString("</a></li>\n")
			}
			b.WriteString("</ol>")
		}
		b.WriteString("</li>\n")
	}
}

// writeArticles writes the notes, each an <article>.
func (p DeckPage) writeArticles(b *bytes.Buffer) {
	for i := range p.Notes {
		n := &p.Notes[i]
		b.WriteString("\n<article class=\"note\" id=\"")
		escapeText(b, n.Anchor)
		b.WriteString("\">\n<header class=\"note-header\">\n<h2 class=\"note-title\"")
		if n.TitleID != "" {
			b.WriteString(` id="`)
			escapeText(b, n.TitleID)
			b.WriteString(`"`)
		}
		b.WriteString(">")
		escapeText(b, n.Title)
		b.WriteString("</h2>\n")
		if n.Path != "" {
			b.WriteString(`<p class="note-path">`)
			escapeText(b, n.Path)
			b.WriteString("</p>")
		}
		b.WriteString("\n</header>\n<div class=\"note-body prose\">\n")
		for _, bl := range n.Blocks {
			b.WriteString(string(bl.HTML))
			b.WriteByte('\n')
		}
		b.WriteString("</div>\n</article>\n")
	}
}

// contentsSize is about how many bytes ContentsList writes (a little
// more when nothing needs escaping), so that its buffer is made once.
func (p DeckPage) contentsSize() int {
	n := 0
	for i := range p.Notes {
		v := &p.Notes[i]
		n += 80 + len(v.Anchor) + len(v.Title)
		for _, c := range v.Contents {
			n += 30 + len(c.ID) + max(len(c.HTML), len(c.Text))
		}
	}
	return n
}

// articlesSize is about how many bytes NoteArticles writes.
func (p DeckPage) articlesSize() int {
	n := 0
	for i := range p.Notes {
		v := &p.Notes[i]
		n += 200 + len(v.Anchor) + len(v.TitleID) + len(v.Title) + len(v.Path)
		for _, bl := range v.Blocks {
			n += len(bl.HTML) + 1
		}
	}
	return n
}

// frameSize is about how many bytes the template writes around the
// slots: the layout, the deck tree and the deck's own card ids
// (OwnCardsJSON: about 20 bytes an id).
func (p DeckPage) frameSize() int {
	n := 16 << 10
	if p.Deck != nil {
		n += 20 * len(p.Deck.OwnCardIDs)
	}
	return n
}
