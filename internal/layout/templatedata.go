// Package layout is the site's page layout: the deck tree, the data the
// page templates receive, and the pieces of a page written without a
// template (a flip card, a card's breadcrumb, a deck page's table of
// contents, the deck list's rows, the decks' card ids as JSON). It takes
// parsed notes and rendered HTML as plain values and returns page data
// and bytes; internal/site renders the notes and wires the pages.
package layout

import (
	"crypto/sha256"
	"encoding/hex"
	"html/template"
	"strings"
)

// The types in this file are what the templates in templates/ receive.
// URLs in them are relative to the site root; templates put .Root before
// them so that every URL in the output is relative to the page.

// PageRoot is the relative path from pages in decks/ to the root.
// Card HTML is rendered once with it and used on both kinds of page.
const PageRoot = "../"

// Layout is shared by every page (templates/layout.html).
type Layout struct {
	SiteTitle string
	PageTitle string // "" on the index
	Root      string // "" on the index, "../" on pages in decks/
	PageKind  string // "index", "deck" or "stats": the body class and the page script
	// Preload lists the modules (in assets/js/) the page script imports,
	// directly or not, preloaded at low priority (modulepreload.go).
	Preload []string
	// Sheets lists the stylesheets (in assets/) the page links, in
	// cascade order (PageSheets).
	Sheets []string
	// SiteID is a short build-independent id of the site (from its title),
	// part of the localStorage key prefix together with the site's path.
	SiteID string
}

// NewLayout is the Layout of a page of kind ("index", "deck", "stats")
// titled pageTitle, root being the way from it to the site root ("" or
// PageRoot), with the modules its script imports to preload and
// its stylesheets (a deck page with subdecks adds the deck list's:
// WithDeckList).
func NewLayout(kind, siteTitle, pageTitle, root, siteID string) Layout {
	return Layout{SiteTitle: siteTitle, PageTitle: pageTitle, Root: root, PageKind: kind, SiteID: siteID,
		Preload: modulePreloads()[kind+".js"], Sheets: PageSheets(kind, kind == "index")}
}

// WithDeckList is l for a page that shows a deck list (a deck page with
// subdecks): it links the deck list's stylesheet too.
func (l Layout) WithDeckList() Layout {
	l.Sheets = PageSheets(l.PageKind, true)
	return l
}

// SiteID is the short id of a site titled title (Layout.SiteID).
func SiteID(title string) string {
	sum := sha256.Sum256([]byte(title))
	return hex.EncodeToString(sum[:4])
}

// DeckNode is one deck in the tree built from "A::B::C" deck paths.
type DeckNode struct {
	Name     string   // last level, e.g. "Associate"
	Path     []string // all levels
	FullName string   // "AWS Exams::Solutions Architect::Associate"
	Slug     string   // unique file stem
	URL      string   // "decks/<slug>.html"
	// QuizURL is where the deck's quiz runs: in place on its page,
	// "decks/<slug>.html#quiz" (quizplace.js).
	QuizURL string
	// AnkiSlug is the slug of the top-level deck whose cards the deck
	// page's Anki download holds (all of them, as Anki rebuilds the
	// hierarchy from the deck column); "" when that deck has no cards.
	AnkiSlug  string
	Depth     int // 0 for top-level decks
	OwnCards  int // cards in notes of exactly this deck
	CardCount int // cards in this deck and all decks below it
	NoteCount int // notes of exactly this deck
	Children  []*DeckNode
	// OwnCardIDs are the ids of the cards of exactly this deck's notes, in
	// deck order (progress counts add up the subtree's in the browser;
	// listing every id once per ancestor was 3 MB at 5,000 notes).
	OwnCardIDs []string
	// OwnPairs are the two sides of each reversed pair among OwnCardIDs:
	// a day's review never shows both, so the day's counts leave one out.
	OwnPairs [][2]string
}

// Trail is the deck's path as the breadcrumb shows it, "A › B › C", for
// page titles and labels: "::" is how notes write it, not how readers
// (or screen readers) take it.
func (d *DeckNode) Trail() string {
	if len(d.Path) == 0 {
		return d.FullName
	}
	return strings.Join(d.Path, " › ")
}

// DeckRow is one row of a deck list (the index, a deck page's
// subdecks): a deck, or a chain of decks each holding nothing but the
// next one ("AWS Exams › Solutions Architect › Associate"), merged into
// the row of the last.
type DeckRow struct {
	Deck     *DeckNode   // the deck the row opens: the chain's last
	Chain    []*DeckNode // the decks merged into the row before Deck, outermost first
	Children []*DeckRow  // Deck's subdecks
	Depth    int         // nesting in the list, 0 at its top
	Root     string      // the page's Layout.Root, for the row's URLs
	// Lazy: Deck has subdecks, left out of the page (Children is empty);
	// the page script makes their rows from data/decks.json when the
	// row's toggle opens them (the index of a big vault: deckrows.go).
	Lazy bool
}

// Subdecks reports whether the row has subdecks, on the page or not.
func (r *DeckRow) Subdecks() bool { return len(r.Children) > 0 || r.Lazy }

// Label is the row's name as a screen reader and a page title give it:
// the chain and the deck, "A › B › C".
func (r *DeckRow) Label() string {
	parts := make([]string, 0, len(r.Chain)+1)
	for _, d := range r.Chain {
		parts = append(parts, d.Name)
	}
	return strings.Join(append(parts, r.Deck.Name), " › ")
}

// IndexPage is index.html.
type IndexPage struct {
	Layout
	Decks []*DeckNode // top level, sorted by name
	// Rows is the deck list: Decks with single-child chains merged, down
	// to the depth a small page holds (IndexRows). The page script counts
	// today's cards from data/decks.json, which lists every deck's cards.
	Rows       []*DeckRow
	TotalCards int
	TotalNotes int
}

// DeckPage is decks/<slug>.html: the deck's notes in full.
type DeckPage struct {
	Layout
	Deck      *DeckNode
	Ancestors []*DeckNode // from the top-level deck down to the parent
	Rows      []*DeckRow  // the subdecks, as the index lists them
	Notes     []NoteView
	Cards     int // flip cards on the page (the contents list and the filter count them)
	// QuizPages are the other deck pages (root-relative) whose flip cards
	// the deck's quiz asks, after the page's own: its subdecks' with
	// cards, in deck order (QuizPageURLs).
	QuizPages []string
}

// NoteView is one note on a deck page.
type NoteView struct {
	Title  string
	Path   string // source path, shown for orientation
	Anchor string // element id of the note's section, target of [[Note]] links
	// TitleID is the id of the note's own first heading when it repeats
	// the title ("# Title"): the page shows the title once, and the title
	// takes the heading's id so that [[Note#Title]] still lands on it.
	TitleID string
	Blocks  []BlockView
	// Contents lists the note's flip cards, in order, for the deck page's
	// table of contents.
	Contents []ContentsItem
}

// ContentsItem is one flip card in a deck page's table of contents.
type ContentsItem struct {
	ID   string // the flip card's element id, "card-<id>"
	Text string // its question as plain text, shortened
	// HTML is the question as rendered, when it is short inline text
	// (formulas show as formulas, not as their TeX); "" otherwise.
	HTML template.HTML
}

// BlockView is a piece of a note on a deck page: reading text or a flip
// card (CardHTML), as HTML.
type BlockView struct {
	HTML template.HTML
}

// CardView is one flip card on a deck page (CardHTML writes it). A
// reversed pair or a cloze line with several numbers is one flip card
// holding several card ids.
type CardView struct {
	ID   string   // first card's id; also the element id "card-<ID>"
	IDs  []string // every card id this flip card stands for
	Kind string
	// Deck is the cards' deck ("A::B") when it is not their note's (a
	// #flashcards/… tag further down the note), else "".
	Deck         string
	Question     template.HTML
	Answer       template.HTML
	Context      []string // breadcrumb headings
	Tags         []string
	HeadingLevel int // 0 for non-heading cards
}

// StatsPage is stats.html at the site root: the reader's statistics
// (due forecast, reviews per day, retention, cards by state per deck),
// computed and drawn in the browser from the store.
type StatsPage struct {
	Layout
	Decks      []*DeckNode // top level, as on the index; their cards come from data/decks.json
	TotalCards int
}

// Fixed URLs, relative to the site root, that templates may link to:
//
//	index.html#quiz      review of every deck at once (when there are cards)
//	stats.html           the statistics page
//	cards.json           every card as data
//	data/decks.json      every deck, its page and its cards' ids
