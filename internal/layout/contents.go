package layout

import (
	"html/template"
	"strings"
)

// contentsMax is how many characters of a question the deck page's
// table of contents shows.
const contentsMax = 110

// ContentsHTML is a card's question HTML for the table of contents when
// it holds math and is one short paragraph of inline text: a formula then
// reads as a formula, not as its TeX source. Anything else (blocks,
// images, links, which may not sit inside the entry's link) is left to
// the plain text.
func ContentsHTML(question, questionText string) template.HTML {
	if !strings.Contains(question, "<math") || len([]rune(questionText)) > contentsMax {
		return ""
	}
	h := strings.TrimSpace(question)
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

// ContentsText is a card's question as its line in a table of contents:
// on one line, cut at a word near contentsMax characters.
func ContentsText(q string) string {
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
