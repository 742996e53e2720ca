// Package site builds the study site. It is the pipeline that wires the
// packages below it: the vault's files (internal/vault) are read into
// notes and cards (internal/notes), the notes are rendered to HTML
// (internal/markdown) and laid out as pages (internal/layout), and the
// site's files, with cards.json (internal/export) and the offline and
// install files (internal/pwa), are written to the output folder safely
// (internal/outdir). cmd/gen is a thin shell around Build.
//
// The stages, in build.go and builder.go: scan the vault, read and parse
// the notes (readNotes), make card ids unique (ids.go), build the deck
// tree and place the notes on their deck pages (placeNotes), then deck by
// deck render the notes (render.go) and make the deck page and its piece
// of cards.json (pages.go, cardsjson.go), then the pages that span decks,
// the attachments (media.go, inert.go, svg.go), the assets and the
// service worker. A one-off build keeps little in memory (reparse.go);
// gen -serve's Builder keeps caches between builds (cache.go).
package site
