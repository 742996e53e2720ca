package layout

import (
	"html/template"
	"strconv"
	"strings"
)

// CardHTML is the markup of one flip card on a deck page: readable
// without JavaScript as a <details>, which flip.js turns into a card with
// a question front and an answer back.
//
// It is written here rather than in templates/deck.html because a deck
// page holds every card of its notes: through html/template, whose
// escapers run for every value, the cards were 7 % of a 5,000-note
// build. Text is escaped as html/template escapes it (escapeText), so the
// output is what the template gave; cardhtml_test.go keeps the template
// and compares the two.
func CardHTML(c *CardView) template.HTML {
	var b strings.Builder
	b.Grow(len(c.Question) + len(c.Answer) + 400)
	b.WriteString("\n<details class=\"card")
	if c.HeadingLevel > 0 {
		b.WriteString(" card-heading")
	}
	b.WriteString(`" id="card-`)
	escapeText(&b, c.ID)
	b.WriteString(`" data-card-ids="`)
	for i, id := range c.IDs {
		if i > 0 {
			b.WriteByte(' ')
		}
		escapeText(&b, id)
	}
	b.WriteString(`" data-kind="`)
	escapeText(&b, c.Kind)
	if c.Deck != "" {
		b.WriteString(`" data-deck="`)
		escapeText(&b, c.Deck)
	}
	b.WriteString("\">\n<summary class=\"card-front\">\n")
	if len(c.Context) > 0 {
		b.WriteString(`<span class="card-ctx">`)
		for i, s := range c.Context {
			if i > 0 {
				b.WriteString(`<span class="sep" aria-hidden="true"> › </span>`)
			}
			b.WriteString("<span>")
			escapeText(&b, s)
			b.WriteString("</span>")
		}
		b.WriteString("</span>")
	}
	b.WriteString("\n<span class=\"card-q\"")
	if c.HeadingLevel > 0 {
		b.WriteString(` role="heading" aria-level="`)
		b.WriteString(strconv.Itoa(c.HeadingLevel))
		b.WriteString(`"`)
	}
	b.WriteString(">")
	b.WriteString(string(c.Question))
	b.WriteString("</span>\n")
	if len(c.Tags) > 0 {
		b.WriteString(`<span class="card-tags">`)
		for _, t := range c.Tags {
			b.WriteString(`<span class="tag">#`)
			escapeText(&b, t)
			b.WriteString("</span> ")
		}
		b.WriteString("</span>")
	}
	b.WriteString("\n</summary>\n<div class=\"card-back\">\n")
	if c.Answer != "" {
		b.WriteString(string(c.Answer))
	} else {
		b.WriteString(`<p class="card-noanswer">No answer: a prompt to think about.</p>`)
	}
	b.WriteString("\n</div>\n</details>\n")
	return template.HTML(b.String())
}
