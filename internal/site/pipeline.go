package site

import (
	"runtime"

	"github.com/flipdeck/flipdeck/internal/diag"
	"github.com/flipdeck/flipdeck/internal/vault"
)

// generate builds the site from a scanned vault into sink. It is the
// whole build, stage by stage (doc.go names each stage's file); data
// flows down, each stage handed only what the stages above it made.
// The caches of gen -serve and gen -cache (stagecache.go) sit between
// the stages; a one-off build has none and pays nothing for them.
//
// It returns what the build did, every file's hash, and the first error
// the sink gave (then the build must not be committed).
func (b *Builder) generate(v *vault.Vault, sink siteSink) (*Result, map[string]fileSum, error) {
	workers := b.opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	b.rendered.Store(0)
	e := newEmitter(sink, b.minifier, b.cache.minifyCache())
	var diags []diag.Diagnostic

	read := b.readNotes(v, workers)
	diags = append(diags, read.diags...)
	plan := b.plan(v, read)
	diags = append(diags, plan.diags...)
	// Deck by deck: a deck's notes are rendered, its page written, and
	// (in a one-off build) its renderings dropped before the next deck,
	// so memory holds one deck's HTML, not the whole site's.
	decks := b.layOutDecks(plan, e, workers)
	defer decks.cards.Close()
	diags = append(diags, decks.diags...)
	diags = append(diags, b.cache.fillDiags()...)
	if b.cache == nil {
		plan.release()
	}
	b.writeSiteFiles(plan, e, workers)
	diags = append(diags, b.writeCardsJSON(decks.cards, e)...)
	diags = append(diags, b.copyMedia(plan.media, e)...)
	diags = append(diags, writeFixedFiles(e, b.opt)...)
	// The service worker lists and hashes every other file, so it comes last.
	precache, swDiags := writeServiceWorker(e, b.minifier)
	diags = append(diags, swDiags...)
	b.cache.generated(decks.kept)

	res := &Result{Notes: len(decks.kept), Decks: len(plan.decks), Cards: decks.cardCount,
		Media: len(plan.media.usedFiles()), PrecacheBytes: precache, Rendered: int(b.rendered.Load())}
	diag.Sort(diags)
	res.Diags = dedupeDiags(diags)
	return res, e.sums, e.err
}
