package site

import (
	"github.com/flipdeck/flipdeck/internal/diag"
	"github.com/flipdeck/flipdeck/internal/layout"
	"github.com/flipdeck/flipdeck/internal/vault"
)

// sitePlan is where everything goes, decided from the notes before any
// is rendered: the deck tree, each note's place on its deck page, the
// attachments' output names, and what answers the renderer's links.
type sitePlan struct {
	tree     *layout.Tree
	decks    []*layout.DeckNode // every deck, in tree order
	notes    int                // how many were read
	media    *mediaSet
	placed   map[string]*placedNote // by note path
	resolver *resolver
	pages    *pageBuilder
	// reader reads notes again from their files: a one-off build thins
	// each note once its deck is done, and with reparse has read them slim.
	reader  *noteReader
	reparse bool
	diags   []diag.Diagnostic
}

// plan makes card ids unique across the site, builds the deck tree and
// places the notes on their deck pages.
func (b *Builder) plan(v *vault.Vault, read noteSet) *sitePlan {
	p := &sitePlan{notes: len(read.all), reparse: read.slim}
	p.diags = uniqueCardIDs(read.all)
	p.tree = layout.BuildTree(read.all)
	p.media = newMediaSet(v.Files, b.opt.UnsafeHTML)
	p.placed = placeNotes(read.all, p.tree)
	p.resolver = &resolver{vault: v, notes: p.placed, media: p.media}
	if b.cache == nil {
		p.reader = newNoteReader(v.Notes, b.parseOptions())
		p.resolver.reader = p.reader
	}
	b.cache.planned(v, p)
	p.pages = newPageBuilder(b.opt, b.templates, p.tree, p.placed)
	p.pages.prepare()
	if p.reparse {
		// The deck tree, the card anchors and the decks' card ids are
		// made: until its deck comes, a note needs nothing of its cards
		// but their ids, which the reader keeps.
		p.reader.thin(read.all, read.headers)
	}
	p.tree.Walk(func(d *layout.DeckNode) { p.decks = append(p.decks, d) })
	return p
}

// release lets the notes go once every deck is laid out (a one-off
// build): what is left to make needs only the deck tree, and the biggest
// file, cards.json, is joined next.
func (p *sitePlan) release() {
	p.placed, p.resolver, p.reader, p.tree.Notes, p.pages.placed = nil, nil, nil, nil, nil
}
