package layout

import (
	"html/template"
	"strings"
)

// The deck page's table of contents and its note articles are written
// here rather than in templates/deck.html for the reason flip cards are
// (cardhtml.go): a deck page lists every card of its notes, and
// html/template ran its URL and text escapers through reflection for
// each of them, 50,000 entries at 5,000 notes (4 % of a build, and the
// page buffer grew again because its size was not known beforehand).
// Values are escaped as the template escaped them; deckbody_test.go
// keeps the template and compares the two.

// ContentsList is the entries of the page's table of contents (inside
// its <ol class="toc-notes">): one per note, with the note's flip cards
// under it.
func (p DeckPage) ContentsList() template.HTML {
	var b strings.Builder
	b.Grow(p.contentsSize())
	for i := range p.Notes {
		n := &p.Notes[i]
		b.WriteString(`<li><a class="toc-note" href="#`)
		escapeFragment(&b, n.Anchor)
		b.WriteString(`">`)
		escapeText(&b, n.Title)
		b.WriteString("</a>")
		if len(n.Contents) > 0 {
			b.WriteString("\n<ol class=\"toc-cards\" role=\"list\">\n")
			for _, c := range n.Contents {
				b.WriteString(`<li><a href="#`)
				escapeFragment(&b, c.ID)
				b.WriteString(`">`)
				if c.HTML != "" {
					b.WriteString(string(c.HTML))
				} else {
					escapeText(&b, c.Text)
				}
				b.WriteString("</a></li>\n")
			}
			b.WriteString("</ol>")
		}
		b.WriteString("</li>\n")
	}
	return template.HTML(b.String())
}

// NoteArticles is the page's notes, each an <article> with its title,
// its source path and its blocks.
func (p DeckPage) NoteArticles() template.HTML {
	var b strings.Builder
	b.Grow(p.articlesSize())
	for i := range p.Notes {
		n := &p.Notes[i]
		b.WriteString("\n<article class=\"note\" id=\"")
		escapeText(&b, n.Anchor)
		b.WriteString("\">\n<header class=\"note-header\">\n<h2 class=\"note-title\"")
		if n.TitleID != "" {
			b.WriteString(` id="`)
			escapeText(&b, n.TitleID)
			b.WriteString(`"`)
		}
		b.WriteString(">")
		escapeText(&b, n.Title)
		b.WriteString("</h2>\n")
		if n.Path != "" {
			b.WriteString(`<p class="note-path">`)
			escapeText(&b, n.Path)
			b.WriteString("</p>")
		}
		b.WriteString("\n</header>\n<div class=\"note-body prose\">\n")
		for _, bl := range n.Blocks {
			b.WriteString(string(bl.HTML))
			b.WriteByte('\n')
		}
		b.WriteString("</div>\n</article>\n")
	}
	return template.HTML(b.String())
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

// htmlSize is about how many bytes the whole page takes: the layout
// and deck tree around the content, the contents, the notes and the
// deck's card ids (Templates.Execute sizes its buffer from it).
func (p DeckPage) htmlSize() int {
	return 16<<10 + p.contentsSize() + p.articlesSize() + len(p.DeckCardsJSON)
}
