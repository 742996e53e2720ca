package site

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/flipdeck/flipdeck/internal/diag"
	"github.com/flipdeck/flipdeck/internal/notes"
	"github.com/flipdeck/flipdeck/internal/vault"
)

// A one-off build holds every note from the first deck to the last, but
// needs a note's text only while its own deck is laid out. Parsed notes
// take about five times the memory of their Markdown, so when a vault
// has more than keepParsedMax of it, the build keeps a slim note (what
// placing notes, linking to them and making card ids unique need) and
// parses the file again when the note's deck comes. Once the notes are
// placed, it keeps even less: a thin note, and the card ids in the
// noteReader. Slim notes' cards were a third of the build's live heap,
// which the collector marks over and over.
//
// Up to keepParsedMax, parsing once is worth the memory: a 2,000-note
// vault (12 MB of Markdown) built 8–13 % faster with its notes kept, but
// peaked at 118 MiB instead of 69–78; at 5,000 notes (29 MB) keeping
// them peaked at 240 MiB. At 8 MiB the peak stays under about 100 MiB.
const keepParsedMax = 8 << 20

// notesSize is how many bytes of Markdown fs hold.
func notesSize(fs []*vault.File) int64 {
	var n int64
	for _, f := range fs {
		n += f.Size
	}
	return n
}

// slimNote returns n without its text: no body, segments, answers,
// contexts, cloze texts or card tags.
func slimNote(n *notes.Note) *notes.Note {
	s := &notes.Note{Path: n.Path, Title: n.Title, Deck: n.Deck, DeckSet: n.DeckSet, Tags: n.Tags,
		BodyLine: n.BodyLine, Template: n.Template, Cards: make([]notes.Card, len(n.Cards))}
	for i, c := range n.Cards {
		// A question may be a piece of the note's text; a copy lets the
		// rest of the text go.
		s.Cards[i] = notes.Card{ID: c.ID, BlockID: c.BlockID, Kind: c.Kind, Deck: c.Deck, Question: strings.Clone(c.Question),
			Line: c.Line, HeadingLevel: c.HeadingLevel, Pair: c.Pair}
	}
	return s
}

// thinNote returns n without its cards and text: what a note that is
// placed, but not being laid out, is still asked for.
func thinNote(n *notes.Note) *notes.Note {
	return &notes.Note{Path: n.Path, Title: n.Title, Deck: n.Deck, DeckSet: n.DeckSet, Tags: n.Tags,
		BodyLine: n.BodyLine, Template: n.Template}
}

// noteReader parses notes again from their files.
type noteReader struct {
	// files are the notes' files by note path: readFile sizes its
	// buffer from the size the vault scan found, with no fstat.
	files map[string]*vault.File
	opts  notes.Options
	// ids are the card ids the build gave each thin note (made unique
	// across notes), by note path; written before decks are laid out,
	// only read after.
	ids map[string][]string
	// headers are the notes' frontmatter as first read, by note path
	// (with ids): the second parse takes them instead of decoding the
	// YAML again, about a third of parsing.
	headers map[string]notes.Header
}

func newNoteReader(files []*vault.File, opts notes.Options) *noteReader {
	r := &noteReader{files: make(map[string]*vault.File, len(files)), opts: opts}
	for _, f := range files {
		r.files[f.Path] = f
	}
	return r
}

// thin makes every note of ns thin, keeping its card ids and, for the
// second parse, headers (by note path) as the first read them.
func (r *noteReader) thin(ns []*notes.Note, headers map[string]notes.Header) {
	r.ids, r.headers = make(map[string][]string, len(ns)), headers
	for _, n := range ns {
		ids := make([]string, len(n.Cards))
		for i, c := range n.Cards {
			ids[i] = c.ID
		}
		r.ids[n.Path] = ids
		*n = *thinNote(n)
	}
}

// parse reads and parses the note at path; an error when the file
// cannot be read or parsing fails (it did not the first time: the file
// changed).
func (r *noteReader) parse(path string) (*notes.Note, error) {
	f := r.files[path]
	if f == nil { // not a note of the vault scan: nothing to read
		return nil, &fs.PathError{Op: "open", Path: path, Err: fs.ErrNotExist}
	}
	src, err := readFile(f)
	if err != nil {
		return nil, err
	}
	opts := r.opts
	if h, ok := r.headers[path]; ok {
		opts.Header = &h
	}
	n, crash := parseNote(path, src, opts)
	if crash != nil {
		return nil, errors.New(crash.Message)
	}
	return n, nil
}

// fill replaces thin note n by its full parse in place, with the card
// ids the build gave. When the file is gone or its cards changed since
// the first read, n is left as it is and fill returns a warning: the
// note is left out of this build (the next one sees the change), never
// published as cards without text.
func (r *noteReader) fill(n *notes.Note) *diag.Diagnostic {
	ids := r.ids[n.Path]
	full, err := r.parse(n.Path)
	if err == nil && len(full.Cards) != len(ids) {
		err = fmt.Errorf("it had %d cards, now %d", len(ids), len(full.Cards))
	}
	if err != nil {
		what := "changed"
		var pe *fs.PathError
		switch {
		case errors.Is(err, fs.ErrNotExist):
			what, err = "was removed", nil
		case errors.As(err, &pe):
			err = pe.Err // the path is the note's, named already
		}
		msg := "note " + what + " while the site was being built and is left out of it; build again"
		if err != nil {
			msg = fmt.Sprintf("note %s while the site was being built (%v) and is left out of it; build again", what, err)
		}
		return &diag.Diagnostic{File: n.Path, Kind: diag.KindUnreadable, Severity: diag.Warning, Message: msg}
	}
	for i := range full.Cards {
		full.Cards[i].ID = ids[i]
	}
	full.Diags = nil // reported by the first read
	*n = *full
	return nil
}

// fillDeck fills the thin notes of one deck (ns), returning those filled
// and a warning for each left out. Only this deck's job touches its notes.
func (r *noteReader) fillDeck(ns []*notes.Note, progress *progressCounter) ([]*notes.Note, []diag.Diagnostic) {
	live := make([]*notes.Note, 0, len(ns))
	var warns []diag.Diagnostic
	for _, n := range ns {
		if warn := r.fill(n); warn != nil {
			warns = append(warns, *warn)
			progress.add() // it is not rendered, but done
			continue
		}
		live = append(live, n)
	}
	return live, warns
}

// body returns the text of the note at path and the file line it starts
// on; false when the note cannot be read any more.
func (r *noteReader) body(path string) (string, int, bool) {
	n, err := r.parse(path)
	if err != nil {
		return "", 1, false
	}
	return n.Body, n.BodyLine, true
}
