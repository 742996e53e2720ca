package site

import (
	"crypto/sha256"
	"fmt"

	"github.com/flipdeck/flipdeck/internal/layout"
)

// deckPageKey is the memo key of d's deck page: everything its template
// shows, with the render keys of its notes' renderings (renderKey). It
// is nil (no memo) when a note of the deck has no render key.
func (p *pageBuilder) deckPageKey(d *layout.DeckNode, renderKey func(path string) (hash, bool)) *hash {
	h := sha256.New()
	fmt.Fprintf(h, "%q %q %q\n", p.opt.Title, p.siteID, layout.PageRoot)
	var node func(*layout.DeckNode, bool)
	node = func(d *layout.DeckNode, deep bool) {
		fmt.Fprintf(h, "%q %q %q %q %q %q %d %d %d %d %q %q\n", d.Name, d.FullName, d.Slug, d.URL, d.QuizURL,
			d.AnkiSlug, d.Depth, d.OwnCards, d.CardCount, d.NoteCount, d.OwnCardIDs, d.OwnPairs)
		if deep {
			for _, c := range d.Children {
				node(c, true)
			}
		}
	}
	node(d, true)
	for _, a := range p.tree.Ancestors(d) {
		node(a, false)
	}
	for _, n := range p.tree.Notes[d] {
		k, ok := renderKey(n.Path)
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
// every deck's names, links, counts and card ids.
func (p *pageBuilder) treeKey() *hash {
	h := sha256.New()
	fmt.Fprintf(h, "%q %q\n", p.opt.Title, p.siteID)
	p.tree.Walk(func(d *layout.DeckNode) {
		fmt.Fprintf(h, "%q %q %q %q %q %q %d %d %d %d %d %q %q\n", d.Name, d.FullName, d.Slug, d.URL, d.QuizURL,
			d.AnkiSlug, d.Depth, d.OwnCards, d.CardCount, d.NoteCount, len(d.Children), d.OwnCardIDs, d.OwnPairs)
	})
	var k hash
	copy(k[:], h.Sum(nil))
	return &k
}
