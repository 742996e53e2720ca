package layout

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/flipdeck/flipdeck/internal/notes"
	"github.com/flipdeck/flipdeck/internal/plaintext"
)

// Crumbs turns cards' breadcrumbs (notes.Card.Context: the note's title,
// then the raw Markdown of the headings a card sits under) into the plain
// text a reader sees in those headings: "[Intro](url)" is "Intro",
// "**Bold**" is "Bold", "C\#" is "C#", "[[OS|Ring-3]]" is "Ring-3",
// Iconize shortcodes are gone. Each heading is rendered as a heading with
// the site's Markdown renderer and taken as plain text (plaintext.FromHTML), as
// cards.json takes card sides.
//
// The cards of a note share a few headings, so a heading is rendered once
// per note, and a card under the same headings as the card before it
// shares that card's breadcrumb. Most headings hold no Markdown at all;
// their plain text is the heading itself (plainHeading), without a render.
type Crumbs struct {
	// render renders Markdown (a heading) to HTML. Problems in a heading
	// are reported where the heading itself is rendered (the reading text
	// or a card's question), so it drops diagnostics.
	render func(src string) string
	title  bool              // Context[0] is the note's title, not a heading
	memo   map[string]string // heading Markdown → plain text, made on first use
	// The last breadcrumb made and what it was made from.
	lastRaw, last []string
}

func NewCrumbs(n *notes.Note, render func(string) string) *Crumbs {
	return &Crumbs{render: render, title: n.Title != ""}
}

// of returns the plain breadcrumb of raw, a card's Context. The result
// may be shared with other cards: it must not be changed.
func (c *Crumbs) Of(raw []string) []string {
	if len(raw) == 0 {
		return nil
	}
	if slices.Equal(raw, c.lastRaw) {
		return c.last
	}
	out := make([]string, len(raw))
	for i, h := range raw {
		if i == 0 && c.title {
			out[i] = h // a file name, not Markdown
			continue
		}
		out[i] = c.heading(h)
	}
	c.lastRaw, c.last = raw, out
	return out
}

// heading returns the plain text of one heading's Markdown.
func (c *Crumbs) heading(h string) string {
	if plainHeading(h) {
		return h
	}
	if t, ok := c.memo[h]; ok {
		return t
	}
	t := plaintext.FromHTML(c.render("# " + h))
	if strings.IndexByte(t, '\n') >= 0 {
		// A note embedded in a heading brings its lines; a breadcrumb
		// is one line.
		t = strings.Join(strings.Fields(t), " ")
	}
	if c.memo == nil {
		c.memo = make(map[string]string)
	}
	c.memo[h] = t
	return t
}

// plainHeading reports whether heading Markdown h reads as itself: no byte
// that could start Markdown, Obsidian or HTML syntax (escapes, emphasis,
// code, links, wikilinks, embeds, raw HTML, entities, math, highlights,
// strikethrough, tags, block ids, comments, icons, footnotes), no white
// space but single ASCII spaces between words (plaintext.FromHTML collapses runs)
// and no invalid UTF-8 or NUL (the renderer replaces them). Rendered, such
// a heading's plain text is h (breadcrumb_test.go checks this on the
// sample and the corpus).
func plainHeading(h string) bool {
	if h == "" || h[0] == ' ' || h[len(h)-1] == ' ' || strings.Contains(h, "  ") {
		return false
	}
	for i := 0; i < len(h); {
		b := h[i]
		if b < utf8.RuneSelf {
			if markupByte[b] {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(h[i:])
		if r == utf8.RuneError || unicode.IsSpace(r) {
			return false
		}
		i += n
	}
	return true
}

// markupByte marks the ASCII bytes plainHeading rejects: those that can
// start or take part in syntax, and control characters (white space but
// the space included).
var markupByte = func() (m [utf8.RuneSelf]bool) {
	for b := range m {
		m[b] = b < ' ' || b == 0x7f
	}
	for _, b := range []byte("\\`*_[]!<>&$=~#^%:{}") {
		m[b] = true
	}
	return m
}()
