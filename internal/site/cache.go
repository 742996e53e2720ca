package site

import (
	"crypto/sha256"
	"time"

	"github.com/flipdeck/flipdeck/internal/diag"
	"github.com/flipdeck/flipdeck/internal/notes"
)

// The caches of the stageCache layer (stagecache.go) let a Builder
// rebuild after an edit doing only the work the edit calls for: notes
// whose bytes did not change are not parsed again (parsedNote), notes
// whose rendering cannot have changed are not rendered again
// (rendercache.go, notedeps.go), and pages whose bytes did not change
// are not made or minified again (pagememo.go, minifycache.go). A fresh
// Builder has empty caches, so its first build does all the work, and
// the output never depends on what was cached.

type hash = [sha256.Size]byte

// parsedNote is a note as read from bytes with a given hash. The note is
// kept pristine: each build works on a copy (card ids are made unique
// across the site per build, which edits them).
type parsedNote struct {
	size    int64
	modTime time.Time // with size: the file is taken as unchanged without reading it
	sum     hash
	note    *notes.Note
	diags   []diag.Diagnostic
	// header is the note's frontmatter as read, for parsing a slim note
	// again (a one-off build; reparse.go).
	header notes.Header
	// slim: note is what the cache index keeps, without its text, which
	// is loaded when the build needs it (notefill.go).
	slim bool
}

// copyNote returns a copy of n whose cards can be edited.
func copyNote(n *notes.Note) *notes.Note {
	c := *n
	c.Cards = append([]notes.Card(nil), n.Cards...)
	return &c
}
