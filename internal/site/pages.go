package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html/template"
	"strings"
	"sync"

	"github.com/flipdeck/flipdeck"
	"github.com/flipdeck/flipdeck/internal/notes"
)

// pageBuilder lays out every page of the site from the deck tree and the
// rendered notes.
type pageBuilder struct {
	opt      Options
	tree     *deckTree
	placed   map[string]*placedNote
	rendered map[string]*renderedNote
	tmpl     map[string]*template.Template // page kind → layout + page
	siteID   string
	memo     *pageMemo // pages and fragments kept between builds (nil: none)
	// renderKeys are the render-cache keys of the notes (nil: no cache);
	// a deck page whose notes have the same keys renders the same.
	renderKeys map[string]hash
	// mu guards rendered and renderKeys: decks are laid out in parallel.
	mu sync.RWMutex
}

// note returns the rendering of the note at path, nil when it has none
// (not rendered yet, dropped, or skipped after a crash).
func (p *pageBuilder) note(path string) *renderedNote {
	p.mu.RLock()
	defer p.mu.RUnlock()
	return p.rendered[path]
}

// renderKey returns the render-cache key of the note at path.
func (p *pageBuilder) renderKey(path string) (hash, bool) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	k, ok := p.renderKeys[path]
	return k, ok
}

// addNote records a note's rendering (and its cache key, when cached).
func (p *pageBuilder) addNote(path string, rn *renderedNote, key *hash) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.rendered[path] = rn
	if key != nil && p.renderKeys != nil {
		p.renderKeys[path] = *key
	}
}

// dropNote forgets a note's rendering once its deck is written.
func (p *pageBuilder) dropNote(path string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.rendered, path)
}

// pageKinds are the page templates; each is parsed together with
// templates/layout.html and templates/decklist.html (the deck list of
// the index and of deck pages) and executed as "layout".
var pageKinds = []string{"index", "deck", "quiz", "stats"}

func newPageBuilder(opt Options, tmpl map[string]*template.Template, memo *pageMemo, tree *deckTree, placed map[string]*placedNote, rendered map[string]*renderedNote) *pageBuilder {
	sum := sha256.Sum256([]byte(opt.Title))
	return &pageBuilder{opt: opt, tree: tree, placed: placed, rendered: rendered,
		tmpl: tmpl, siteID: hex.EncodeToString(sum[:4]), memo: memo}
}

var templateFuncs = template.FuncMap{
	"join": strings.Join,
	"add":  func(a, b int) int { return a + b },
}

// parseTemplates parses the embedded templates. They are part of the
// binary, so a parse error is a programming error caught by every test.
func parseTemplates() map[string]*template.Template {
	m := map[string]*template.Template{}
	for _, kind := range pageKinds {
		t := template.New("").Funcs(templateFuncs)
		m[kind] = template.Must(t.ParseFS(flipdeck.Templates, "templates/layout.html", "templates/decklist.html", "templates/"+kind+".html"))
	}
	return m
}

func (p *pageBuilder) layout(kind, title, root string) Layout {
	return Layout{SiteTitle: p.opt.Title, PageTitle: title, Root: root, PageKind: kind, SiteID: p.siteID,
		Preload: modulePreloads()[kind+".js"]}
}

func (p *pageBuilder) execute(name, kind string, data any, sizeHint int) []byte {
	var buf bytes.Buffer
	buf.Grow(sizeHint + 16<<10) // the layout and deck tree around the content
	if err := p.tmpl[kind].ExecuteTemplate(&buf, "layout", data); err != nil {
		// Template data comes from our own types: a failure is a bug.
		panic(fmt.Sprintf("executing %s template for %s: %v", kind, name, err))
	}
	return buf.Bytes()
}

// prepare works out what every page needs from the whole tree before
// any deck is rendered: the card ids of every deck's subtree.
func (p *pageBuilder) prepare() {
	p.tree.walk(func(d *DeckNode) { d.OwnCardIDs, d.OwnPairs = p.ownCardIDs(d) })
}

// deckRows lays out decks as rows of a deck list at depth: a deck with
// no notes of its own and a single subdeck merges into its subdeck's row
// ("AWS Exams › Solutions Architect › Associate"), as nothing in it but
// that subdeck is worth a row; root is the page's Layout.Root.
func deckRows(decks []*DeckNode, depth int, root string) []*DeckRow {
	rows := make([]*DeckRow, 0, len(decks))
	for _, d := range decks {
		r := &DeckRow{Depth: depth, Root: root}
		for d.NoteCount == 0 && len(d.Children) == 1 {
			r.Chain = append(r.Chain, d)
			d = d.Children[0]
		}
		r.Deck = d
		r.Children = deckRows(d.Children, depth+1, root)
		rows = append(rows, r)
	}
	return rows
}

// deckPage is deck d's page. d's notes must be rendered.
func (p *pageBuilder) deckPage(d *DeckNode) []byte {
	size := 0
	for _, n := range p.tree.notes[d] {
		if rn := p.note(n.Path); rn != nil {
			size += rn.blocksSize() + 700 // and the note's header
		}
	}
	views := p.noteViews(d)
	cards := 0
	for _, v := range views {
		cards += len(v.Contents)
	}
	return p.execute(d.URL, "deck", DeckPage{
		Layout:        p.layout("deck", d.Trail(), pageRoot),
		Deck:          d,
		Ancestors:     p.tree.ancestors(d),
		Rows:          deckRows(d.Children, 0, pageRoot),
		Notes:         views,
		Cards:         cards,
		DeckCardsJSON: deckCardsJSON([]*DeckNode{d}),
	}, size)
}

func (p *pageBuilder) noteViews(d *DeckNode) []NoteView {
	var views []NoteView
	for _, n := range p.tree.notes[d] {
		if rn := p.note(n.Path); rn != nil {
			views = append(views, rn.view)
		}
	}
	return views
}

// siteFiles writes the pages and files that span decks, once every deck
// is done: the index, the statistics page, every quiz page and the list
// of decks. cards.json is made on its own (cardsJSON).
//
// emit takes a memo key (nil: none) and makes the file only when needed;
// the makers may run in parallel.
// Pages that show only the tree (index, statistics, quiz pages) are keyed
// by the tree's signature.
func (p *pageBuilder) siteFiles(decks []*DeckNode, emit func(name string, key *hash, make func() []byte)) {
	treeKey := p.treeKey()
	total := 0
	for _, d := range p.tree.roots {
		total += d.CardCount
	}
	notesCount := 0
	for _, d := range decks {
		notesCount += d.NoteCount
	}
	emit("index.html", treeKey, func() []byte {
		return p.execute("index.html", "index", IndexPage{
			Layout:     p.layout("index", "", ""),
			Decks:      p.tree.roots,
			Rows:       indexRows(p.tree.roots),
			TotalCards: total,
			TotalNotes: notesCount,
		}, 0)
	})
	emit("stats.html", treeKey, func() []byte {
		return p.execute("stats.html", "stats", StatsPage{
			Layout:        p.layout("stats", "Statistics", ""),
			Decks:         p.tree.roots,
			DeckCardsJSON: deckCardsJSON(p.tree.roots),
			TotalCards:    total,
		}, 0)
	})
	for _, d := range decks {
		if d.CardCount == 0 {
			continue
		}
		emit(d.QuizURL, treeKey, func() []byte {
			urls := quizPageURLs(d)
			l := p.layout("quiz", "Quiz: "+d.Trail(), pageRoot)
			l.Fetch = urls // quizcards.js reads them all at once
			return p.execute(d.QuizURL, "quiz", QuizPage{
				Layout:    l,
				Deck:      d,
				Ancestors: p.tree.ancestors(d),
				PageURLs:  urls,
			}, 0)
		})
	}
	if len(p.tree.roots) > 0 {
		// The index's lazy rows need it, cards or not.
		emit(decksDataURL, treeKey, p.decksJSON)
	}
	if total > 0 {
		all := p.allDecksNode(total)
		emit(all.QuizURL, treeKey, func() []byte {
			// Its cards come from the deck pages data/decks.json names,
			// only those it needs (quizcards.js).
			l := p.layout("quiz", "Review all decks", pageRoot)
			l.Fetch = []string{decksDataURL} // quizcards.js starts from it
			return p.execute(all.QuizURL, "quiz", QuizPage{
				Layout: l,
				Deck:   all,
			}, 0)
		})
	}
}

// allDecksNode is a deck standing for the whole site: its quiz reviews
// everything due, whatever the deck.
func (p *pageBuilder) allDecksNode(total int) *DeckNode {
	d := &DeckNode{Name: "All decks", FullName: "All decks", Slug: allDecksSlug,
		URL: "index.html", QuizURL: "quiz/" + allDecksSlug + ".html", CardCount: total,
		Children: p.tree.roots}
	return d
}

// ownCardIDs lists the ids of the cards of d's own notes, in deck order,
// and the reversed pairs among them.
func (p *pageBuilder) ownCardIDs(d *DeckNode) ([]string, [][2]string) {
	ids := make([]string, 0, d.OwnCards)
	var pairs [][2]string
	for _, n := range p.tree.notes[d] {
		for i, c := range n.Cards {
			ids = append(ids, c.ID)
			if c.Pair > i && c.Pair < len(n.Cards) {
				pairs = append(pairs, [2]string{c.ID, n.Cards[c.Pair].ID})
			}
		}
	}
	return ids, pairs
}

// deckCardsJSON lists, for every deck of the given subtrees, the ids of
// the cards of its own notes and its subdecks' slugs, and the reversed
// pairs among the cards: {"own": {slug: [ids]}, "kids": {slug: [slugs]},
// "pairs": [[id, id]]}. The page script puts the subtree lists together
// (dom.js readDeckCards); listing each id once rather than once per
// ancestor keeps a big deck page small. (The index takes the same from
// data/decks.json: decktree.js.)
func deckCardsJSON(roots []*DeckNode) template.JS {
	type deckCards struct {
		Own   map[string][]string `json:"own"`
		Kids  map[string][]string `json:"kids"`
		Pairs [][2]string         `json:"pairs,omitempty"`
	}
	dc := deckCards{Own: map[string][]string{}, Kids: map[string][]string{}}
	var rec func([]*DeckNode)
	rec = func(ds []*DeckNode) {
		for _, d := range ds {
			dc.Own[d.Slug] = d.OwnCardIDs
			dc.Pairs = append(dc.Pairs, d.OwnPairs...)
			if len(d.Children) > 0 {
				kids := make([]string, len(d.Children))
				for i, c := range d.Children {
					kids[i] = c.Slug
				}
				dc.Kids[d.Slug] = kids
			}
			rec(d.Children)
		}
	}
	rec(roots)
	return scriptJSON(dc)
}

// decksDataURL is the list of every deck with its cards, which a quiz
// page loads at the end of a session to offer the next deck with cards
// to study, the all-decks quiz to know which deck pages hold the cards it
// asks, and a deck page to gather its top-level deck's cards for Anki.
const decksDataURL = "data/decks.json"

// deckListEntry is one deck in data/decks.json.
type deckListEntry struct {
	Slug  string      `json:"slug"`
	Name  string      `json:"name"`           // "A › B › C"
	Title string      `json:"title"`          // "C", the deck's own name
	URL   string      `json:"url"`            // its page, root-relative
	Quiz  string      `json:"quiz,omitempty"` // root-relative; none when the deck has no cards
	Notes int         `json:"notes,omitempty"`
	IDs   []string    `json:"ids"`             // the cards of the deck's own notes
	Pairs [][2]string `json:"pairs,omitempty"` // reversed pairs among IDs
	Kids  []string    `json:"kids,omitempty"`  // subdecks' slugs
}

// decksJSON lists every deck, in tree order (each deck before its
// subdecks), with the ids of its own cards and its subdecks' slugs: what
// the quiz needs to offer the next deck, and what the index needs for
// today's counts and to make the rows of subdecks it leaves out
// (indexrows.go; notes for merging chains as deckRows does).
func (p *pageBuilder) decksJSON() []byte {
	var list []deckListEntry
	p.tree.walk(func(d *DeckNode) {
		e := deckListEntry{Slug: d.Slug, Name: d.Trail(), Title: d.Name, URL: d.URL, Notes: d.NoteCount,
			IDs: d.OwnCardIDs, Pairs: d.OwnPairs}
		if e.IDs == nil {
			e.IDs = []string{}
		}
		if d.CardCount > 0 {
			e.Quiz = d.QuizURL
		}
		for _, c := range d.Children {
			e.Kids = append(e.Kids, c.Slug)
		}
		list = append(list, e)
	})
	b, err := json.Marshal(list)
	if err != nil {
		panic(err) // only our own plain types are marshalled
	}
	return b
}

// scriptJSON marshals v for a <script type="application/json"> element.
// encoding/json escapes <, > and & as \u003c…, so no "</script>" or
// "<!--" can appear in the output and end the element early.
func scriptJSON(v any) template.JS {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only our own plain types are marshalled
	}
	return template.JS(b)
}

// quizPageURLs lists the deck pages (root-relative) whose flip cards a
// quiz over d asks: those of d's subtree with cards of their own, in deck
// order. The deck pages are the one copy of every card's HTML, readable
// without JavaScript and kept offline anyway; the quiz reads its cards
// from them (pagecards.js).
func quizPageURLs(d *DeckNode) []string {
	var urls []string
	var rec func(*DeckNode)
	rec = func(d *DeckNode) {
		if d.OwnCards > 0 {
			urls = append(urls, d.URL)
		}
		for _, c := range d.Children {
			rec(c)
		}
	}
	rec(d)
	return urls
}

// flipCardIDs returns, for each card of n, the id of the flip card that
// shows it on the deck page: that of the first card of the first segment
// holding it, or its own when no segment holds it; and whether that
// segment holds other cards too (its siblings: a reversed pair, the
// numbers of one cloze line). One pass over the segments: looking each
// card up in them was quadratic (a note of 200,000 cards took minutes).
func flipCardIDs(n *notes.Note) (ids []string, shared []bool) {
	ids = make([]string, len(n.Cards))
	shared = make([]bool, len(n.Cards))
	for i, c := range n.Cards {
		ids[i] = c.ID
	}
	// Backwards, so that the first segment holding a card has the last word.
	for si := len(n.Segments) - 1; si >= 0; si-- {
		s := n.Segments[si]
		if len(s.Cards) == 0 || s.Cards[0] < 0 || s.Cards[0] >= len(n.Cards) {
			continue
		}
		first := n.Cards[s.Cards[0]].ID
		for _, ci := range s.Cards {
			if ci >= 0 && ci < len(ids) {
				ids[ci], shared[ci] = first, len(s.Cards) > 1
			}
		}
	}
	return ids, shared
}

// deckPageKey is the memo key of d's deck page: everything its template
// shows. It is nil (no memo) when a note of the deck has no render key.
func (p *pageBuilder) deckPageKey(d *DeckNode) *hash {
	if p.renderKeys == nil { // set once before the decks are laid out
		return nil
	}
	h := sha256.New()
	fmt.Fprintf(h, "%q %q %q\n", p.opt.Title, p.siteID, pageRoot)
	var node func(*DeckNode, bool)
	node = func(d *DeckNode, deep bool) {
		fmt.Fprintf(h, "%q %q %q %q %q %q %d %d %d %d %q %q\n", d.Name, d.FullName, d.Slug, d.URL, d.QuizURL,
			d.AnkiSlug, d.Depth, d.OwnCards, d.CardCount, d.NoteCount, d.OwnCardIDs, d.OwnPairs)
		if deep {
			for _, c := range d.Children {
				node(c, true)
			}
		}
	}
	node(d, true)
	for _, a := range p.tree.ancestors(d) {
		node(a, false)
	}
	for _, n := range p.tree.notes[d] {
		k, ok := p.renderKey(n.Path)
		if !ok {
			return nil
		}
		h.Write(k[:])
	}
	var k hash
	copy(k[:], h.Sum(nil))
	return &k
}

// treeKey is the memo key of the pages that show only the deck tree:
// every deck's names, links, counts and card ids. nil without a memo.
func (p *pageBuilder) treeKey() *hash {
	if p.memo == nil {
		return nil
	}
	h := sha256.New()
	fmt.Fprintf(h, "%q %q\n", p.opt.Title, p.siteID)
	p.tree.walk(func(d *DeckNode) {
		fmt.Fprintf(h, "%q %q %q %q %q %q %d %d %d %d %d %q %q\n", d.Name, d.FullName, d.Slug, d.URL, d.QuizURL,
			d.AnkiSlug, d.Depth, d.OwnCards, d.CardCount, d.NoteCount, len(d.Children), d.OwnCardIDs, d.OwnPairs)
	})
	var k hash
	copy(k[:], h.Sum(nil))
	return &k
}
