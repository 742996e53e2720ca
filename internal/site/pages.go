package site

import (
	"sync"

	"github.com/flipdeck/flipdeck/internal/layout"
)

// pageBuilder lays out every page of the site from the deck tree and the
// rendered notes.
type pageBuilder struct {
	opt      Options
	tree     *layout.Tree
	placed   map[string]*placedNote
	rendered map[string]*renderedNote
	tmpl     layout.Templates
	siteID   string
	// mu guards rendered: decks are laid out in parallel.
	mu sync.RWMutex
}

// note returns the rendering of the note at path, nil when it has none
// (not rendered yet, dropped, or skipped after a crash).
func (p *pageBuilder) note(path string) *renderedNote {
	p.mu.RLock()
	rn := p.rendered[path]
	p.mu.RUnlock()
	return rn.resolved()
}

// addNote records a note's rendering.
func (p *pageBuilder) addNote(path string, rn *renderedNote) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.rendered[path] = rn
}

// dropNote forgets a note's rendering once its deck is written.
func (p *pageBuilder) dropNote(path string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.rendered, path)
}

func newPageBuilder(opt Options, tmpl layout.Templates, tree *layout.Tree, placed map[string]*placedNote) *pageBuilder {
	return &pageBuilder{opt: opt, tree: tree, placed: placed, rendered: map[string]*renderedNote{},
		tmpl: tmpl, siteID: layout.SiteID(opt.Title)}
}

// pageLayout is the Layout of a page of this site.
func (p *pageBuilder) pageLayout(kind, title, root string) layout.Layout {
	return layout.NewLayout(kind, p.opt.Title, title, root, p.siteID)
}

// prepare works out what every page needs from the whole tree before
// any deck is rendered: the card ids of every deck's subtree.
func (p *pageBuilder) prepare() {
	p.tree.Walk(func(d *layout.DeckNode) { d.OwnCardIDs, d.OwnPairs = p.ownCardIDs(d) })
}

// deckPage is deck d's page. d's notes must be rendered.
func (p *pageBuilder) deckPage(d *layout.DeckNode) []byte {
	size := 0
	for _, n := range p.tree.Notes[d] {
		if rn := p.note(n.Path); rn != nil {
			size += rn.blocksSize() + 700 // and the note's header
		}
	}
	views := p.noteViews(d)
	cards := 0
	for _, v := range views {
		cards += len(v.Contents)
	}
	rows := layout.DeckRows(d.Children, 0, layout.PageRoot)
	lay := p.pageLayout("deck", d.Trail(), layout.PageRoot)
	if len(rows) > 0 {
		lay = lay.WithDeckList()
	}
	var quizPages []string
	if d.CardCount > d.OwnCards {
		for _, u := range layout.QuizPageURLs(d) {
			if u != d.URL {
				quizPages = append(quizPages, u)
			}
		}
	}
	return p.tmpl.Execute(d.URL, "deck", layout.DeckPage{
		Layout:    lay,
		Deck:      d,
		Ancestors: p.tree.Ancestors(d),
		Rows:      rows,
		Notes:     views,
		Cards:     cards,
		QuizPages: quizPages,
	}, size)
}

func (p *pageBuilder) noteViews(d *layout.DeckNode) []layout.NoteView {
	var views []layout.NoteView
	for _, n := range p.tree.Notes[d] {
		if rn := p.note(n.Path); rn != nil {
			views = append(views, rn.view)
		}
	}
	return views
}

// siteFiles writes the pages and files that span decks, once every deck
// is done: the index, the statistics page and the list of decks. A
// deck's quiz runs in place on its deck page, the quiz of all decks on
// the index (quizplace.js): no page of its own. cards.json is made on
// its own (cardsJSON).
//
// emit is given each file's maker, which it calls only when the file
// must be made; the makers may run in parallel. They show only the deck
// tree (treeKey).
func (p *pageBuilder) siteFiles(decks []*layout.DeckNode, emit func(name string, make func() []byte)) {
	total := 0
	for _, d := range p.tree.Roots {
		total += d.CardCount
	}
	notesCount := 0
	for _, d := range decks {
		notesCount += d.NoteCount
	}
	emit("index.html", func() []byte {
		return p.tmpl.Execute("index.html", "index", layout.IndexPage{
			Layout:     p.pageLayout("index", "", ""),
			Decks:      p.tree.Roots,
			Rows:       layout.IndexRows(p.tree.Roots),
			TotalCards: total,
			TotalNotes: notesCount,
		}, 0)
	})
	emit("stats.html", func() []byte {
		return p.tmpl.Execute("stats.html", "stats", layout.StatsPage{
			Layout:     p.pageLayout("stats", "Statistics", ""),
			Decks:      p.tree.Roots,
			TotalCards: total,
		}, 0)
	})
	if len(p.tree.Roots) > 0 {
		// The index's lazy rows need it, cards or not.
		emit(layout.DecksDataURL, func() []byte { return layout.DecksJSON(p.tree) })
	}
}

// ownCardIDs lists the ids of the cards of d's own notes, in deck order,
// and the reversed pairs among them.
func (p *pageBuilder) ownCardIDs(d *layout.DeckNode) ([]string, [][2]string) {
	ids := make([]string, 0, d.OwnCards)
	var pairs [][2]string
	for _, n := range p.tree.Notes[d] {
		for i, c := range n.Cards {
			ids = append(ids, c.ID)
			if c.Pair > i && c.Pair < len(n.Cards) {
				pairs = append(pairs, [2]string{c.ID, n.Cards[c.Pair].ID})
			}
		}
	}
	return ids, pairs
}
