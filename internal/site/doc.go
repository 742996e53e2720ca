// Package site builds the study site. It is the pipeline that wires the
// packages below it: the vault's files (internal/vault) are read into
// notes and cards (internal/notes), the notes are rendered to HTML
// (internal/markdown) and laid out as pages (internal/layout), and the
// site's files, with cards.json (internal/export) and the offline and
// install files (internal/pwa), are written to the output folder safely
// (internal/outdir). cmd/gen is a thin shell around Build.
//
// Start with pipeline.go: generate is the whole build, read top to
// bottom, one line a stage, each stage a function in a file of its own
// that takes plain values and returns them:
//
//   - readNotes (readnotes.go): read and parse the notes;
//   - plan (plan.go): make card ids unique (ids.go), build the deck tree,
//     place the notes on their deck pages (placement.go) and name the
//     attachments (media.go);
//   - layOutDecks (laydecks.go): deck by deck, render the notes
//     (render.go), make the deck page and its piece of cards.json
//     (pages.go, cardsjson.go);
//   - writeSiteFiles, writeCardsJSON (sitefiles.go): the pages that span
//     decks, and cards.json;
//   - copyMedia (copymedia.go): the attachments, made inert (inert.go,
//     svg.go);
//   - writeFixedFiles, writeServiceWorker (fixedfiles.go): the assets,
//     the install files, the 404 page and, last, the service worker.
//
// Every file goes out through the emitter (emit.go), which hashes it and
// minifies the fixed CSS, JavaScript, SVG and 404 page; the pages made
// from the templates come out compact already (layout.Templates.Execute,
// internal/compacthtml), without a pass of the HTML minifier. builder.go holds the Builder and BuildContext, which scans
// the vault and commits the output only when the whole build succeeded.
//
// A one-off build keeps little in memory (reparse.go, gc.go). gen -serve
// and gen -cache keep caches between builds: stagecache.go is the layer
// the pipeline calls at the stages' boundaries, absent (nil) in a one-off
// build; cache.go says what it keeps, and diskcache.go keeps it on disk.
package site
