package markdown

import (
	"strings"
	"sync/atomic"
	"testing"

	"github.com/flipdeck/flipdeck/internal/diag"
)

// bombResolver resolves note "N<k>" to a note embedding N<k+1> fanout
// times; N<depth> is a sentence. It counts the embeds it resolves.
type bombResolver struct {
	fanout   int
	resolved *atomic.Int64
}

func (r bombResolver) Link(from, target string) (Target, bool) {
	return Target{URL: target + ".html", Kind: EmbedNote}, strings.HasPrefix(target, "N")
}

func (r bombResolver) Embed(from, target string) (Target, bool, error) {
	r.resolved.Add(1)
	k := int(target[1] - '0')
	md := "The bottom: a sentence.\n"
	if k < 9 {
		md = strings.Repeat("![[N"+string(rune('0'+k+1))+"]]\n\n", r.fanout)
	}
	return Target{Kind: EmbedNote, URL: target + ".html", Markdown: md, NoteFile: target + ".md", NoteLine: 1}, true, nil
}

// TestEmbedBomb: a note embedding a note 40 times that embeds another
// 40 times, and so on, expanded to 40³ copies of the last (issue 15,
// bench/hostile's embed-bomb). The renders of one note share a budget:
// past it, embeds are links, and one warning names the line.
func TestEmbedBomb(t *testing.T) {
	var resolved atomic.Int64
	res := bombResolver{fanout: 40, resolved: &resolved}
	r := New()
	src := strings.Repeat("![[N1]]\n\n", 40)
	budget := NewBudget()
	var diags []diag.Diagnostic
	size, expanded := 0, 0
	// Two renders of one note (a card's answer, the reading text) share
	// the note's budget.
	for range 2 {
		out := r.Render(src, Options{Resolver: res, File: "bomb.md", Line: 5, Budget: budget})
		size += len(out.HTML)
		expanded += strings.Count(out.HTML, `<div class="embed-note">`)
		diags = append(diags, out.Diags...)
	}
	if expanded > maxNoteEmbeds {
		t.Errorf("%d embeds expanded, want at most %d", expanded, maxNoteEmbeds)
	}
	// Past the budget, embedded notes are not read (a link is enough).
	if n := resolved.Load(); n != maxNoteEmbeds+1 {
		t.Errorf("%d embeds resolved, want %d", n, maxNoteEmbeds+1)
	}
	if size > 2*maxEmbeddedBytes {
		t.Errorf("%d bytes of HTML, want at most %d", size, 2*maxEmbeddedBytes)
	}
	if len(diags) != 1 || diags[0].Kind != diag.KindLimit || diags[0].Line != 5 || diags[0].File != "bomb.md" {
		t.Fatalf("want one limit warning at bomb.md:5, got %v", diags)
	}
	t.Log(diags[0])

	// Without a budget from the caller, each Render call has its own.
	resolved.Store(0)
	out := r.Render(src, Options{Resolver: res, File: "bomb.md", Line: 1})
	if n := strings.Count(out.HTML, `<div class="embed-note">`); n != maxNoteEmbeds || len(out.Diags) != 1 {
		t.Errorf("without a budget: %d embeds expanded, %d warnings", n, len(out.Diags))
	}

	// A note under the budget is expanded in full, without a warning.
	out = r.Render("![[N7]]\n\n![[N7]]", Options{Resolver: bombResolver{fanout: 3, resolved: &resolved}, File: "ok.md", Line: 1})
	if got := strings.Count(out.HTML, "The bottom"); got != 2*9 || len(out.Diags) != 0 {
		t.Errorf("small note: %d copies of the bottom note (want 18), warnings %v", got, out.Diags)
	}
}
