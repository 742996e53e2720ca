package site

import (
	"html"
	"html/template"
	"slices"
	"strconv"
	"strings"

	"github.com/flipdeck/flipdeck/internal/diag"
	"github.com/flipdeck/flipdeck/internal/markdown"
	"github.com/flipdeck/flipdeck/internal/notes"
)

// renderedNote is a note turned into HTML: its deck-page view and each
// card's question and answer, which the quiz pages and cards.json reuse.
type renderedNote struct {
	view  NoteView
	cards []renderedCard // parallel to note.Cards
	// lazy, when set, holds the rendering instead (a stored one, read
	// when first used: lazynote.go); resolved gives it.
	lazy *lazyNote
}

type renderedCard struct {
	question, answer string // HTML for pages one folder below the root
	// context is the card's breadcrumb as plain text (see crumbs); it
	// may be shared with other cards of the note.
	context []string
	// questionText and answerText are the same as plain text (cards.json,
	// search), worked out here so that they are cached with the HTML.
	questionText, answerText string
}

// pageRoot is the relative path from decks/ and quiz/ pages to the root.
// Card HTML is rendered once with it and used on both kinds of page.
const pageRoot = "../"

func renderNote(md *markdown.Renderer, n *notes.Note, pn *placedNote, rs *resolver, opt Options) (*renderedNote, []diag.Diagnostic) {
	var diags []diag.Diagnostic
	// One budget for every render of the note: what its embeds expand to
	// and the time its code takes to highlight are bounded per note.
	budget := markdown.NewBudget()
	// render renders side ('q' or 'a') of card i.
	render := func(src string, line, i int, side byte) string {
		if src == "" {
			return ""
		}
		o := markdown.Options{Resolver: rs, Root: pageRoot, File: n.Path, Line: line,
			UnsafeHTML: opt.UnsafeHTML, HeadingIDPrefix: pn.headingPrefix, Budget: budget}
		if strings.Contains(src, "[^") {
			// The definitions of its footnotes may sit elsewhere in the
			// note; on the deck page its footnote ids must be its own.
			src = n.WithFootnotes(src)
			o.FootnoteIDPrefix = pn.headingPrefix + "c" + strconv.Itoa(i) + string(side) + "-"
		}
		r := md.Render(src, o)
		diags = append(diags, r.Diags...)
		return r.HTML
	}
	crumbs := newCrumbs(n, func(src string) string {
		return md.Render(src, markdown.Options{Resolver: rs, Root: pageRoot, File: n.Path, UnsafeHTML: opt.UnsafeHTML, Budget: budget}).HTML
	})
	rn := &renderedNote{
		view:  NoteView{Title: n.Title, Path: n.Path, Anchor: pn.anchor},
		cards: make([]renderedCard, len(n.Cards)),
	}
	for i, c := range n.Cards {
		// The second side of a reversed pair shows the same two texts
		// swapped; render each text once.
		if c.Pair >= 0 && c.Pair < i {
			p := rn.cards[c.Pair]
			rn.cards[i] = renderedCard{question: p.answer, answer: p.question, questionText: p.answerText, answerText: p.questionText,
				context: crumbs.of(c.Context)}
			continue
		}
		q, a := render(c.Question, c.Line, i, 'q'), render(c.Answer, c.AnswerLine, i, 'a')
		rn.cards[i] = renderedCard{question: q, answer: a, questionText: plainText(q), answerText: plainText(a),
			context: crumbs.of(c.Context)}
	}
	// The deck page shows the note in one piece: its reading text with
	// each card segment replaced by a slot for the flip card, so that a
	// card inside a callout or a list item stays inside it.
	var doc strings.Builder
	doc.Grow(len(n.Body) + 64*len(n.Segments))
	var slots []string
	for _, seg := range n.Segments {
		if len(seg.Cards) == 0 {
			doc.WriteString(seg.Text)
			if !strings.HasSuffix(seg.Text, "\n") {
				doc.WriteByte('\n')
			}
			continue
		}
		first := n.Cards[seg.Cards[0]]
		face := rn.cards[seg.Cards[0]]
		if seg.Question != "" {
			// A cloze line with several numbers: one flip card hiding
			// every number, from which the quiz makes each number's card.
			q := render(seg.Question, first.Line, seg.Cards[0], 'q')
			face = renderedCard{question: q, answer: render(seg.Answer, first.AnswerLine, seg.Cards[0], 'a'),
				questionText: plainText(q), context: face.context}
		}
		cv := &CardView{
			ID:           first.ID,
			Kind:         string(first.Kind),
			Question:     template.HTML(face.question),
			Answer:       template.HTML(face.answer),
			Context:      face.context,
			Tags:         first.Tags,
			HeadingLevel: first.HeadingLevel,
		}
		if !slices.Equal(first.Deck, n.Deck) {
			cv.Deck = strings.Join(first.Deck, "::")
		}
		for _, ci := range seg.Cards {
			cv.IDs = append(cv.IDs, n.Cards[ci].ID)
		}
		rn.view.Contents = append(rn.view.Contents, ContentsItem{ID: "card-" + first.ID,
			Text: contentsText(face.questionText), HTML: contentsHTML(face)})
		doc.WriteString(markdown.CardSlot(seg.Container, len(slots), seg.LastLine-seg.Line+1))
		slots = append(slots, string(cardHTML(cv)))
	}
	if len(n.Segments) > 0 {
		r := md.Render(n.WithFootnotes(doc.String()), markdown.Options{Resolver: rs, Root: pageRoot, File: n.Path, Line: n.Segments[0].Line,
			UnsafeHTML: opt.UnsafeHTML, HeadingIDPrefix: pn.headingPrefix, CardSlots: slots, Budget: budget})
		diags = append(diags, r.Diags...)
		body := r.HTML
		if rest, id, ok := cutTitleHeading(body, n.Title); ok {
			body, rn.view.TitleID = rest, id
		}
		if body != "" {
			rn.view.Blocks = append(rn.view.Blocks, BlockView{HTML: template.HTML(body)})
		}
	}
	return rn, diags
}

// cutTitleHeading finds a note body that begins with a level-1 heading
// saying the note's title again ("# Syntax Tour" in "Syntax Tour.md"),
// as many notes do: the deck page already shows the title above the
// body, so it cuts the heading off and returns the rest and the
// heading's id (for the title to take). Text matches as the parser's
// card breadcrumbs match it: ignoring case.
func cutTitleHeading(body, title string) (rest, id string, ok bool) {
	s := strings.TrimLeft(body, " \t\r\n")
	if title == "" || !strings.HasPrefix(s, "<h1") || len(s) < 4 || (s[3] != '>' && s[3] != ' ') {
		return body, "", false
	}
	open := strings.IndexByte(s, '>')
	end := strings.Index(s, "</h1>")
	if open < 0 || end < open {
		return body, "", false
	}
	if !strings.EqualFold(strings.TrimSpace(plainText(s[open+1:end])), strings.TrimSpace(title)) {
		return body, "", false
	}
	attrs := s[3:open]
	if i := strings.Index(attrs, ` id="`); i >= 0 {
		v := attrs[i+5:]
		if j := strings.IndexByte(v, '"'); j >= 0 {
			id = html.UnescapeString(v[:j])
		}
	}
	return strings.TrimLeft(s[end+len("</h1>"):], "\r\n"), id, true
}

// contentsMax is how many characters of a question the deck page's
// table of contents shows.
const contentsMax = 110

// contentsText is a card's question as its line in a table of contents:
// on one line, cut at a word near contentsMax characters.
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

// blocksSize is how many bytes of HTML the note's deck-page blocks (flip
// cards and reading text) make: the deck page's buffer is sized from it.
func (rn *renderedNote) blocksSize() int {
	n := 0
	for _, b := range rn.view.Blocks {
		n += len(b.HTML)
	}
	return n
}
