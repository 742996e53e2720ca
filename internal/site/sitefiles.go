package site

import (
	"github.com/flipdeck/flipdeck/internal/diag"
	"github.com/flipdeck/flipdeck/internal/export"
)

// writeSiteFiles hands over the pages that span decks (the index, the
// statistics page, the list of decks), once every deck
// is done. They are made in parallel: made one after another they were
// the build's last half second, on one core. They show only the deck
// tree, so its key is theirs.
func (b *Builder) writeSiteFiles(p *sitePlan, e *emitter, workers int) {
	type siteFile struct {
		name string
		make func() []byte
	}
	var files []siteFile
	p.pages.siteFiles(p.decks, func(name string, make func() []byte) {
		files = append(files, siteFile{name, make})
	})
	key := b.cache.treeKey(p.pages)
	parallel(len(files), workers, func(i int) {
		if !b.stopped() {
			b.cache.emit(e, files[i].name, key, files[i].make)
		}
	})
}

// writeCardsJSON hands over cards.json, a quarter of the cards' HTML
// again as plain text (27 MB at 5,000 notes), written as the decks were
// laid out. It is handed over alone: beside other big files it raised
// the peak memory by a fifth.
func (b *Builder) writeCardsJSON(cards *export.CardsWriter, e *emitter) []diag.Diagnostic {
	if b.stopped() {
		return nil
	}
	fail := func(err error) []diag.Diagnostic {
		return []diag.Diagnostic{{File: "cards.json", Kind: diag.KindUnreadable, Message: err.Error(), Severity: diag.Error}}
	}
	if b.cache != nil {
		// In memory, in its decks' pieces: written as they are.
		parts, size, sum, err := cards.FinishPieces()
		if err != nil {
			return fail(err)
		}
		e.emitPieces("cards.json", parts, size, sum)
		return nil
	}
	data, sum, err := cards.Finish()
	if err != nil {
		return fail(err)
	}
	e.emitKnown("cards.json", finalFile{data, sum})
	return nil
}
