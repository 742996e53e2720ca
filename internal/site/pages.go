package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"sync"
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

func newPageBuilder(opt Options, tmpl map[string]*template.Template, memo *pageMemo, tree *deckTree, placed map[string]*placedNote, rendered map[string]*renderedNote) *pageBuilder {
	sum := sha256.Sum256([]byte(opt.Title))
	return &pageBuilder{opt: opt, tree: tree, placed: placed, rendered: rendered,
		tmpl: tmpl, siteID: hex.EncodeToString(sum[:4]), memo: memo}
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
			return p.execute(d.QuizURL, "quiz", QuizPage{
				Layout:    p.layout("quiz", "Quiz: "+d.Trail(), pageRoot),
				Deck:      d,
				Ancestors: p.tree.ancestors(d),
				PageURLs:  quizPageURLs(d),
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
			return p.execute(all.QuizURL, "quiz", QuizPage{
				Layout: p.layout("quiz", "Review all decks", pageRoot),
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
