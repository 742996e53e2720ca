// Package notes reads Obsidian flashcard notes (FORMAT.md) into cards: it
// finds the deck, the card-marking tags, every card form (heading,
// paragraph, reversed, inline, multi-line, cloze), their answers, block
// ids and breadcrumbs, and splits the note into reading text and card
// segments so that a deck page can show the note in full.
//
// It works on one note's bytes at a time and never touches the file
// system, so it is easy to test and to fuzz.
package notes

import "github.com/flipdeck/flipdeck/internal/diag"

// Options configure reading.
type Options struct {
	// Tags are the card tags without '#', lower-case (default: ["card"]).
	// "card" also enables its variants card-reverse, card/reverse,
	// card-spaced, card/spaced.
	Tags []string
	// HighlightCloze makes ==text== a cloze deletion too.
	HighlightCloze bool
	// Header, when set, is what an earlier Parse of the same file read
	// from its frontmatter (Note.Header): Parse takes it instead of
	// decoding the YAML again, and so reports no problem of the YAML.
	Header *Header
}

// Kind is the form a card was written in.
type Kind string

const (
	KindBasic    Kind = "basic"     // heading or paragraph card
	KindReversed Kind = "reversed"  // one side of a reversed pair (#card-reverse, :::, ??)
	KindInline   Kind = "inline"    // Question::Answer
	KindMulti    Kind = "multiline" // question lines, ?, answer lines
	KindCloze    Kind = "cloze"
	KindSpaced   Kind = "spaced" // a prompt with no answer (#card-spaced)
)

// Note is one Markdown file read into cards and segments.
type Note struct {
	Path  string   // slash path relative to the source folder, e.g. "AWS/Kinesis.md"
	Title string   // file name without ".md"
	Deck  []string // deck levels, e.g. ["AWS Exams", "Solutions Architect"]; never empty
	// DeckSet is true when the deck came from frontmatter or a #flashcards
	// tag (inline Q::A cards are only read in such notes).
	DeckSet bool
	Tags    []string // frontmatter tags, applied to every card
	// Body is the note's Markdown after the frontmatter, LF line endings,
	// Obsidian %%comments%% and other tools' <!--SR:...--> / <!--ID:...-->
	// comments removed (line count preserved so line numbers stay right).
	Body     string
	BodyLine int // line number in the file of Body's first line (1 when there is no frontmatter)
	Cards    []Card
	Segments []Segment
	// Footnotes are the footnote definitions of Body, in order, which
	// WithFootnotes gives to a card side or reading text that refers to
	// them without holding them.
	Footnotes []Footnote
	// footnoteIndex maps each footnote label to its first definition in
	// Footnotes (nil: WithFootnotes makes one for the call).
	footnoteIndex map[string]int
	Diags         []diag.Diagnostic
	// Template is true for a Templater template (the body holds <% … %>
	// outside code): it is read as reading text only, without cards, and a
	// site may leave it out altogether.
	Template bool
	// frontDeck is the frontmatter's cards-deck as written (Header).
	frontDeck string
}

// Card is one question and its answer. A reversed pair gives two cards,
// a cloze line one card per number.
type Card struct {
	ID      string // stable id: the block id when there is one, else from deck + normalised question
	BlockID string // the 13-digit ^id without '^', or ""
	Kind    Kind
	Deck    []string
	// Question and Answer are Markdown. For cloze cards the hidden span is
	// replaced in Question by <span class="cloze-gap">[…]</span> (or its
	// hint) and shown in Answer as <mark class="cloze">text</mark>.
	Question string
	Answer   string
	// ClozeText holds the hidden texts of a cloze card, in order.
	ClozeText []string
	Context   []string // ancestor headings, outermost first (breadcrumb)
	Tags      []string // tags after the card tag, plus the note's frontmatter tags
	Line      int      // 1-based line of the question in the file
	// AnswerLine is the file line of Answer's first line (messages about
	// the answer name it).
	AnswerLine int
	// HeadingLevel is 1-6 for heading cards, 0 otherwise; the deck page
	// renders the question as a heading of that level.
	HeadingLevel int
	// Pair is the index in Note.Cards of the other side of a reversed pair, or -1.
	Pair int
}

// Segment is a consecutive piece of Body: either reading text or one
// card block (a heading card with its answer, a paragraph card, a cloze
// line...). Segments cover Body in order, without overlap.
type Segment struct {
	Text  string // Markdown of a reading-text segment; "" for card segments
	Line  int    // 1-based file line where the segment starts
	Cards []int  // indices into Note.Cards; empty for reading text
	// LastLine is the 1-based file line of the segment's last line
	// (inclusive), so that Line..LastLine is the segment's source range.
	LastLine int
	// Container is, for a card segment, what its first line starts with
	// before the card's own text: blockquote markers and list indentation
	// and marker ("> ", "\t- ", "> 1. "). A deck page puts the card back
	// into the same callout or list item.
	Container string
	// Question and Answer are, for a cloze line with several numbers,
	// the Markdown of its one flip card: every cloze hidden (Question) or
	// marked (Answer), each carrying its number as data-cloze="N", from
	// which each number's card can be made (its Question and Answer hide
	// or mark that number only and show the others as text). "" for any
	// other segment, whose flip card shows its first card.
	Question, Answer string
}
