package notes

import (
	"fmt"
	"strings"
	"testing"

	"github.com/flipdeck/flipdeck/internal/diag"
)

// TestCardCap: a note of more than MaxNoteCards cards keeps its first
// MaxNoteCards, a reversed pair whole, and is cut before the first card
// left out, with one warning there (issue 15: bench/hostile's
// cards-200k made a 161 MB deck).
func TestCardCap(t *testing.T) {
	var b strings.Builder
	b.WriteString("---\ncards-deck: Big\n---\n")
	for i := range MaxNoteCards - 1 {
		fmt.Fprintf(&b, "Question %d :: Answer %d\n", i, i)
	}
	b.WriteString("Front ::: Back\n") // a reversed pair: cards 9,999 and 10,000 would split it
	b.WriteString("Left out :: Text\n\nSome text.\n")
	n := Parse("big.md", []byte(b.String()), DefaultOptions())
	if len(n.Cards) != MaxNoteCards-1 {
		t.Fatalf("%d cards, want %d", len(n.Cards), MaxNoteCards-1)
	}
	var limits []diag.Diagnostic
	for _, d := range n.Diags {
		if d.Kind == diag.KindLimit {
			limits = append(limits, d)
		}
	}
	if len(limits) != 1 || limits[0].Line != MaxNoteCards+3 || !strings.Contains(limits[0].Message, "more than the 10000 cards") {
		t.Fatalf("want one limit warning at line %d: %v", MaxNoteCards+3, limits)
	}
	last := n.Segments[len(n.Segments)-1]
	if len(last.Cards) != 1 || last.LastLine != MaxNoteCards+2 || n.Cards[last.Cards[0]].Question != fmt.Sprint("Question ", MaxNoteCards-2) {
		t.Errorf("last segment %+v", last)
	}
	t.Log(limits[0])

	// Heading cards (found in another pass than inline ones) too.
	b.Reset()
	b.WriteString("---\ncards-deck: Big\n---\n")
	for i := range MaxNoteCards + 100 {
		fmt.Fprintf(&b, "## Heading %d #card\n\nAnswer %d\n\n", i, i)
	}
	n = Parse("big2.md", []byte(b.String()), DefaultOptions())
	if len(n.Cards) != MaxNoteCards || n.Cards[MaxNoteCards-1].Question != fmt.Sprint("Heading ", MaxNoteCards-1) {
		t.Errorf("%d cards, the last %q", len(n.Cards), n.Cards[len(n.Cards)-1].Question)
	}

	// At the limit, nothing is left out.
	n = Parse("ok.md", []byte("---\ncards-deck: Ok\n---\n"+strings.Repeat("Q :: A\n", MaxNoteCards)), DefaultOptions())
	if len(n.Cards) != MaxNoteCards {
		t.Errorf("%d cards at the limit", len(n.Cards))
	}
}
