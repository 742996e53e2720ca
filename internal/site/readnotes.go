package site

import (
	"fmt"

	"github.com/flipdeck/flipdeck/internal/diag"
	"github.com/flipdeck/flipdeck/internal/notes"
	"github.com/flipdeck/flipdeck/internal/vault"
)

// noteSet is the vault's notes as read: the first stage's output.
type noteSet struct {
	all   []*notes.Note // in path order; the build may edit them
	diags []diag.Diagnostic
	// slim: the notes were read without their text, which is parsed
	// again when each note's deck comes (reparse.go), with the header
	// read the first time, by note path.
	slim    bool
	headers map[string]notes.Header
}

// readNotes reads every note and parses it, in parallel, keeping path
// order; with caches, a note whose bytes are unchanged is taken from
// them. A one-off build of a big vault keeps the notes slim.
func (b *Builder) readNotes(v *vault.Vault, workers int) noteSet {
	opt := b.opt
	popt := b.parseOptions()
	slim := b.cache == nil && notesSize(v.Notes) > b.keepParsedMax
	results := make([]*parsedNote, len(v.Notes))
	warns := make([]*diag.Diagnostic, len(v.Notes))
	progress := opt.counter("reading notes", len(v.Notes))
	parallel(len(v.Notes), workers, func(i int) {
		defer progress.add()
		if b.stopped() {
			return
		}
		f := v.Notes[i]
		switch {
		case f.Size > opt.MaxFileSize:
			warns[i] = &diag.Diagnostic{File: f.Path, Kind: diag.KindTooLarge,
				Message: fmt.Sprintf("note is %d bytes, over the %d byte limit; split it or raise -max-file-size", f.Size, opt.MaxFileSize)}
		case b.cache != nil:
			results[i], warns[i] = b.cache.note(f, popt)
		default:
			results[i], warns[i] = readNote(f, popt, slim)
		}
	})
	set := noteSet{all: make([]*notes.Note, 0, len(results)), slim: slim}
	if slim {
		set.headers = make(map[string]notes.Header, len(results))
	}
	for i, p := range results {
		if warns[i] != nil {
			set.diags = append(set.diags, *warns[i])
		}
		if p == nil {
			continue
		}
		if slim {
			set.headers[p.note.Path] = p.header
		}
		set.diags = append(set.diags, p.diags...)
		set.all = append(set.all, b.cache.working(p))
	}
	b.cache.notesRead(v.Notes, results, popt)
	return set
}

// readNote reads and parses note file f, for a one-off build; slim
// drops the note's text at once (reparse.go).
func readNote(f *vault.File, popt notes.Options, slim bool) (*parsedNote, *diag.Diagnostic) {
	src, warn := readSource(f)
	if warn != nil {
		return nil, warn
	}
	n, crash := parseNote(f.Path, src, popt)
	if crash != nil {
		return nil, crash
	}
	found, header := n.Diags, n.Header()
	if slim {
		n = slimNote(n)
	}
	return &parsedNote{note: n, diags: found, header: header}, nil
}

// readSource reads the bytes of note file f.
func readSource(f *vault.File) ([]byte, *diag.Diagnostic) {
	src, err := readFile(f)
	if err != nil {
		return nil, &diag.Diagnostic{File: f.Path, Kind: diag.KindUnreadable,
			Message: fmt.Sprintf("cannot read note: %v; check its permissions", err)}
	}
	return src, nil
}

// parseOptions are the note parser's options for this build.
func (b *Builder) parseOptions() notes.Options {
	popt := notes.DefaultOptions()
	if len(b.opt.Tags) > 0 {
		popt.Tags = b.opt.Tags
	}
	popt.HighlightCloze = b.opt.HighlightCloze
	return popt
}
