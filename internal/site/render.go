package site

import (
	"html"
	"html/template"
	"slices"
	"strconv"
	"strings"

	"github.com/flipdeck/flipdeck/internal/diag"
	"github.com/flipdeck/flipdeck/internal/layout"
	"github.com/flipdeck/flipdeck/internal/markdown"
	"github.com/flipdeck/flipdeck/internal/notes"
	"github.com/flipdeck/flipdeck/internal/plaintext"
)

// renderedNote is a note turned into HTML: its deck-page view and each
// card's question and answer, which the deck pages' quizzes and cards.json reuse.
type renderedNote struct {
	view  layout.NoteView
	cards []renderedCard // parallel to note.Cards
	// lazy, when set, holds the rendering instead (a stored one, read
	// when first used: lazynote.go); resolved gives it.
	lazy *lazyNote
}

type renderedCard struct {
	question, answer string // HTML for pages one folder below the root
	// context is the card's breadcrumb as plain text (see layout.Crumbs); it
	// may be shared with other cards of the note.
	context []string
	// questionText and answerText are the same as plain text (cards.json,
	// search), worked out here so that they are cached with the HTML.
	questionText, answerText string
}

// renderNote renders note n, placed at pn, for its deck page and its
// cards: each card's sides and breadcrumb, and the note in one piece
// with a flip card in place of each card segment.
func renderNote(md *markdown.Renderer, n *notes.Note, pn *placedNote, rs *resolver, opt Options) (*renderedNote, []diag.Diagnostic) {
	r := &noteRenderer{md: md, n: n, pn: pn, rs: rs, unsafeHTML: opt.UnsafeHTML, budget: markdown.NewBudget()}
	rn := &renderedNote{
		view:  layout.NoteView{Title: n.Title, Path: n.Path, Anchor: pn.anchor},
		cards: r.cards(),
	}
	r.deckPageBody(rn)
	return rn, r.diags
}

// noteRenderer renders one note (renderNote): what every render of it
// shares, and the problems found, in the order they were found.
type noteRenderer struct {
	md         *markdown.Renderer
	n          *notes.Note
	pn         *placedNote
	rs         *resolver
	unsafeHTML bool
	// One budget for every render of the note: what its embeds expand to
	// and the time its code takes to highlight are bounded per note.
	budget *markdown.Budget
	diags  []diag.Diagnostic
}

// side renders side ('q' or 'a') of card i.
func (r *noteRenderer) side(src string, line, i int, side byte) string {
	if src == "" {
		return ""
	}
	o := markdown.Options{Resolver: r.rs, Root: layout.PageRoot, File: r.n.Path, Line: line,
		UnsafeHTML: r.unsafeHTML, HeadingIDPrefix: r.pn.headingPrefix, Budget: r.budget}
	if strings.Contains(src, "[^") {
		// The definitions of its footnotes may sit elsewhere in the
		// note; on the deck page its footnote ids must be its own.
		src = r.n.WithFootnotes(src)
		o.FootnoteIDPrefix = r.pn.headingPrefix + "c" + strconv.Itoa(i) + string(side) + "-"
	}
	res := r.md.Render(src, o)
	r.diags = append(r.diags, res.Diags...)
	return res.HTML
}

// heading renders a breadcrumb's heading for layout.Crumbs, dropping its
// problems: they are reported where the heading itself is rendered.
func (r *noteRenderer) heading(src string) string {
	return r.md.Render(src, markdown.Options{Resolver: r.rs, Root: layout.PageRoot, File: r.n.Path, UnsafeHTML: r.unsafeHTML, Budget: r.budget}).HTML
}

// cards renders both sides of every card of the note, as HTML and as
// plain text, and its breadcrumb.
func (r *noteRenderer) cards() []renderedCard {
	crumbs := layout.NewCrumbs(r.n, r.heading)
	cards := make([]renderedCard, len(r.n.Cards))
	for i, c := range r.n.Cards {
		// The second side of a reversed pair shows the same two texts
		// swapped; render each text once.
		if c.Pair >= 0 && c.Pair < i {
			p := cards[c.Pair]
			cards[i] = renderedCard{question: p.answer, answer: p.question, questionText: p.answerText, answerText: p.questionText,
				context: crumbs.Of(c.Context)}
			continue
		}
		q, a := r.side(c.Question, c.Line, i, 'q'), r.side(c.Answer, c.AnswerLine, i, 'a')
		cards[i] = renderedCard{question: q, answer: a, questionText: plaintext.FromHTML(q), answerText: plaintext.FromHTML(a),
			context: crumbs.Of(c.Context)}
	}
	return cards
}

// deckPageBody renders the note as the deck page shows it, in one piece:
// its reading text with each card segment replaced by a slot for the
// flip card, so that a card inside a callout or a list item stays
// inside it. rn's cards must be rendered.
func (r *noteRenderer) deckPageBody(rn *renderedNote) {
	n := r.n
	if len(n.Segments) == 0 {
		return
	}
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
		card, entry := r.flipCard(seg, rn.cards)
		rn.view.Contents = append(rn.view.Contents, entry)
		doc.WriteString(markdown.CardSlot(seg.Container, len(slots), seg.LastLine-seg.Line+1))
		slots = append(slots, string(layout.CardHTML(card)))
	}
	res := r.md.Render(n.WithFootnotes(doc.String()), markdown.Options{Resolver: r.rs, Root: layout.PageRoot, File: n.Path, Line: n.Segments[0].Line,
		UnsafeHTML: r.unsafeHTML, HeadingIDPrefix: r.pn.headingPrefix, CardSlots: slots, Budget: r.budget})
	r.diags = append(r.diags, res.Diags...)
	body := res.HTML
	if rest, id, ok := cutTitleHeading(body, n.Title); ok {
		body, rn.view.TitleID = rest, id
	}
	if body != "" {
		rn.view.Blocks = append(rn.view.Blocks, layout.BlockView{HTML: template.HTML(body)})
	}
}

// flipCard is the flip card of card segment seg, and its entry in the
// deck page's table of contents. It shows the segment's first card,
// whose rendering is in cards, or for a cloze line with several numbers
// the segment's own question and answer.
func (r *noteRenderer) flipCard(seg notes.Segment, cards []renderedCard) (*layout.CardView, layout.ContentsItem) {
	n := r.n
	first := n.Cards[seg.Cards[0]]
	face := cards[seg.Cards[0]]
	if seg.Question != "" {
		// A cloze line with several numbers: one flip card hiding
		// every number, from which the quiz makes each number's card.
		q := r.side(seg.Question, first.Line, seg.Cards[0], 'q')
		face = renderedCard{question: q, answer: r.side(seg.Answer, first.AnswerLine, seg.Cards[0], 'a'),
			questionText: plaintext.FromHTML(q), context: face.context}
	}
	cv := &layout.CardView{
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
	entry := layout.ContentsItem{ID: "card-" + first.ID,
		Text: layout.ContentsText(face.questionText), HTML: layout.ContentsHTML(face.question, face.questionText)}
	return cv, entry
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
	if !strings.EqualFold(strings.TrimSpace(plaintext.FromHTML(s[open+1:end])), strings.TrimSpace(title)) {
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

// blocksSize is how many bytes of HTML the note's deck-page blocks (flip
// cards and reading text) make: the deck page's buffer is sized from it.
func (rn *renderedNote) blocksSize() int {
	n := 0
	for _, b := range rn.view.Blocks {
		n += len(b.HTML)
	}
	return n
}
