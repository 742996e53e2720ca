package site

import (
	"html/template"
	"strings"
)

// contentsMax is how many characters of a question the deck page's
// table of contents shows.
const contentsMax = 110

// contentsHTML is a card's question HTML for the table of contents when
// it holds math and is one short paragraph of inline text: a formula then
// reads as a formula, not as its TeX source. Anything else (blocks,
// images, links, which may not sit inside the entry's link) is left to
// the plain text.
func contentsHTML(c renderedCard) template.HTML {
	if !strings.Contains(c.question, "<math") || len([]rune(c.questionText)) > contentsMax {
		return ""
	}
	h := strings.TrimSpace(c.question)
	if !strings.HasPrefix(h, "<p>") || !strings.HasSuffix(h, "</p>") {
		return ""
	}
	h = h[3 : len(h)-4]
	for _, tag := range []string{"<p", "<br", "<a ", "<img", "<pre", "<div", "<ul", "<ol", "<table", "<details", "<blockquote", "<audio", "<video", "<h", "<span class=\"cloze"} {
		if strings.Contains(h, tag) {
			return ""
		}
	}
	return template.HTML(h)
}

// contentsText is a card's question as its line in a table of contents:
// on one line, cut at a word near contentsMax characters.
func contentsText(q string) string {
	q = strings.Join(strings.Fields(q), " ")
	if q == "" {
		return "(a card with no question text)"
	}
	r := []rune(q)
	if len(r) <= contentsMax {
		return q
	}
	cut := contentsMax
	for i := contentsMax; i > contentsMax*2/3; i-- {
		if r[i] == ' ' {
			cut = i
			break
		}
	}
	return strings.TrimRight(string(r[:cut]), " ,;:.") + "…"
}
