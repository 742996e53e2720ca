package site

import (
	"strings"

	"github.com/flipdeck/flipdeck/internal/markdown"
	"github.com/flipdeck/flipdeck/internal/notes"
	"github.com/flipdeck/flipdeck/internal/slug"
	"github.com/flipdeck/flipdeck/internal/vault"
)

// resolver answers the renderer's link and embed questions from the
// vault index; it is shared by all render goroutines and only reads,
// except through mediaSet, which locks.
type resolver struct {
	vault *vault.Vault
	notes map[string]*placedNote // by note path
	media *mediaSet
	deps  *depRecorder // what each note's rendering looked at (nil: not recorded)
	// reader, when set, reads embedded notes' text from their files: a
	// one-off build keeps notes slim (reparse.go) and fills each only while
	// its own deck is laid out, possibly at the same time as this one.
	reader *noteReader
	// noteText, when set, gives the text of a note that may have been
	// taken slim from the cache index (notefill.go); ok false when it
	// cannot.
	noteText func(*notes.Note) (body string, line int, ok bool)
}

// useMedia marks f as used by the note at from and returns a link to it.
func (r *resolver) useMedia(from string, f *vault.File) markdown.Target {
	r.deps.usedMedia(from, f)
	url, download := r.media.use(f)
	return markdown.Target{URL: url, Kind: markdown.EmbedKindOf(f.Path), Download: download}
}

var _ markdown.Resolver = (*resolver)(nil)

func splitFragment(target string) (file, frag string) {
	if i := strings.IndexByte(target, '#'); i >= 0 {
		return target[:i], target[i+1:]
	}
	return target, ""
}

func (r *resolver) Link(from, target string) (markdown.Target, bool) {
	file, frag := splitFragment(target)
	var pn *placedNote
	if strings.TrimSpace(file) == "" {
		pn = r.notes[from]
	} else {
		r.deps.usedVault(from)
		f, err := r.vault.Resolve(from, file)
		if err != nil || f == nil {
			return markdown.Target{}, false
		}
		if !f.IsNote() {
			// [[file.pdf]] links to the copied file.
			return r.useMedia(from, f), true
		}
		r.deps.linked(from, f.Path, false)
		pn = r.notes[f.Path]
	}
	if pn == nil {
		return markdown.Target{}, false
	}
	return markdown.Target{URL: pn.deck.URL + "#" + pn.fragmentID(frag), Kind: markdown.EmbedNote}, true
}

func (r *resolver) Embed(from, target string) (markdown.Target, bool, error) {
	file, frag := splitFragment(target)
	r.deps.usedVault(from)
	f, err := r.vault.Resolve(from, file)
	if err != nil {
		return markdown.Target{}, false, err
	}
	if f == nil {
		return markdown.Target{}, false, nil
	}
	if !f.IsNote() {
		t := r.useMedia(from, f)
		if frag != "" && t.Kind == markdown.EmbedPDF {
			t.URL += "#" + frag
		}
		if t.Kind == markdown.EmbedImage {
			t.Width, t.Height = r.media.imageSize(f)
		}
		return t, true, nil
	}
	r.deps.linked(from, f.Path, true)
	pn := r.notes[f.Path]
	if pn == nil {
		return markdown.Target{}, false, nil
	}
	var md string
	var line int
	if r.reader != nil {
		var ok bool
		if md, line, ok = r.reader.body(f.Path); !ok {
			return markdown.Target{}, false, nil // removed during the build: missing
		}
	} else if r.noteText != nil {
		var ok bool
		if md, line, ok = r.noteText(pn.note); !ok {
			return markdown.Target{}, false, nil // the build fails (fillDiags)
		}
	} else {
		md, line = pn.note.Body, pn.note.BodyLine
	}
	size := len(md)
	if frag != "" && !strings.HasPrefix(frag, "^") {
		md, line = section(md, line, frag)
	}
	return markdown.Target{URL: pn.deck.URL + "#" + pn.fragmentID(frag), Kind: markdown.EmbedNote,
		Markdown: md, NoteFile: f.Path, NoteLine: line, NoteSize: size}, true, nil
}

// section returns the part of body under the heading whose text slugs to
// the same as heading, up to the next heading of the same or a higher
// level; the whole body when there is no such heading.
func section(body string, firstLine int, heading string) (string, int) {
	want := slug.Make(heading)
	lines := strings.Split(body, "\n")
	start, level := -1, 0
	inFence := false
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			inFence = !inFence
			continue
		}
		if inFence {
			continue
		}
		lv, text := headingOf(t)
		if lv == 0 {
			continue
		}
		if start < 0 {
			if slug.Make(stripTags(text)) == want {
				start, level = i, lv
			}
			continue
		}
		if lv <= level {
			return strings.Join(lines[start:i], "\n"), firstLine + start
		}
	}
	if start < 0 {
		return body, firstLine
	}
	return strings.Join(lines[start:], "\n"), firstLine + start
}

// headingOf returns the level and text of an ATX heading line, or 0.
func headingOf(line string) (int, string) {
	n := 0
	for n < len(line) && line[n] == '#' {
		n++
	}
	if n == 0 || n > 6 || (n < len(line) && line[n] != ' ' && line[n] != '\t') {
		return 0, ""
	}
	return n, strings.TrimSpace(line[n:])
}

// stripTags removes trailing #tags ("What is X? #card") from heading text.
func stripTags(text string) string {
	fields := strings.Fields(text)
	for len(fields) > 0 && strings.HasPrefix(fields[len(fields)-1], "#") {
		fields = fields[:len(fields)-1]
	}
	return strings.Join(fields, " ")
}
