package site

import (
	"github.com/flipdeck/flipdeck/internal/diag"
	"github.com/flipdeck/flipdeck/internal/export"
	"github.com/flipdeck/flipdeck/internal/notes"
)

// deckResults is what laying out the decks leaves for the rest of the
// build.
type deckResults struct {
	cards     *export.CardsWriter // cards.json, given each deck's piece
	kept      map[string]bool     // the notes on the site, by path
	cardCount int
	diags     []diag.Diagnostic
}

// deckResult is what laying out one deck gives.
type deckResult struct {
	kept  []string // its notes on the site
	cards int
	diags []diag.Diagnostic
}

// layOutDecks renders every deck's notes and hands over its page and
// its piece of cards.json. Decks are laid out in parallel (and the notes
// of each deck too, so that one big deck is not rendered on one core);
// what spans decks is kept per deck index and joined in tree order.
func (b *Builder) layOutDecks(p *sitePlan, e *emitter, workers int) deckResults {
	progress := b.opt.counter("rendering notes", p.notes)
	// A one-off build spools cards.json to a temporary file, not memory:
	// it is the biggest file, and only caches keep its pieces anyway.
	cards := export.NewCardsWriter(b.opt.Title, len(p.decks), b.cache == nil)
	per := make([]deckResult, len(p.decks))
	parallel(len(p.decks), workers, func(i int) {
		if !b.stopped() {
			per[i] = b.layOutDeck(p, i, e, cards, workers, progress)
		}
	})
	out := deckResults{cards: cards, kept: map[string]bool{}}
	for _, r := range per {
		out.diags = append(out.diags, r.diags...)
		out.cardCount += r.cards
		for _, path := range r.kept {
			out.kept[path] = true
		}
	}
	return out
}

// layOutDeck renders the notes of deck i, then hands over its page and
// gives cards its piece of cards.json. A one-off build then lets the
// deck's renderings and its notes' text go: nothing later needs them.
func (b *Builder) layOutDeck(p *sitePlan, i int, e *emitter, cards *export.CardsWriter, workers int,
	progress *progressCounter) deckResult {
	d := p.decks[i]
	ns := p.tree.Notes[d]
	var out deckResult
	live := ns
	if p.reparse {
		live, out.diags = p.reader.fillDeck(ns, progress)
	}
	rendered, diags := b.renderNotes(live, p, workers, progress)
	out.diags = append(out.diags, diags...)
	for _, n := range ns {
		if rn := rendered[n.Path]; rn != nil {
			p.pages.addNote(n.Path, rn)
			b.cache.onPage(n.Path)
			out.kept = append(out.kept, n.Path)
			out.cards += len(n.Cards)
		}
	}
	// A deck whose key (its notes' renderings and its place in the tree)
	// is unchanged since the last build gives the same files.
	key := b.cache.deckPageKey(p.pages, d)
	b.cache.emit(e, d.URL, key, func() []byte { return p.pages.deckPage(d) })
	cards.Set(i, b.cache.deckRecords(p.pages, d, key))
	b.cache.deckDone(p.pages, d, ns)
	if b.cache == nil {
		for _, n := range ns {
			p.pages.dropNote(n.Path)
			*n = *thinNote(n)
		}
	}
	return out
}

// renderNotes renders the notes of one deck in parallel, taking from the
// caches what cannot have changed. A note whose rendering panics is
// reported and left out of the site (links to it then lead to its deck
// page without finding it).
func (b *Builder) renderNotes(ns []*notes.Note, p *sitePlan, workers int,
	progress *progressCounter) (map[string]*renderedNote, []diag.Diagnostic) {
	out := make([]*renderedNote, len(ns))
	per := make([][]diag.Diagnostic, len(ns))
	parallel(len(ns), workers, func(i int) {
		defer progress.add()
		if b.stopped() {
			return
		}
		n := ns[i]
		defer func() {
			if v := recover(); v != nil {
				out[i], per[i] = nil, []diag.Diagnostic{crashDiag(n.Path, "rendering", v)}
			}
		}()
		render := func() (*renderedNote, []diag.Diagnostic) {
			if !b.cache.fullNote(n) {
				return nil, nil // the build fails (fillDiags)
			}
			b.rendered.Add(1)
			return renderNote(b.md, n, p.placed[n.Path], p.resolver, b.opt)
		}
		var ok bool
		if out[i], per[i], ok = b.cache.rendering(n, p.resolver.media, render); ok {
			return
		}
		if out[i], per[i] = render(); out[i] != nil {
			b.cache.rendered(n, p.resolver.deps, out[i], per[i])
		}
	})
	rendered := make(map[string]*renderedNote, len(ns))
	var diags []diag.Diagnostic
	for i, n := range ns {
		if out[i] != nil {
			rendered[n.Path] = out[i]
		}
		diags = append(diags, per[i]...)
	}
	return rendered, diags
}
