package notes

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/flipdeck/flipdeck/internal/diag"
)

// MaxNoteCards is the most cards one note makes. A deck page shows its
// notes whole, and its quiz data holds every card, so a note of 200,000
// cards made one page and one data file of 161 MB that a phone cannot
// open, and took seconds and about a gigabyte to build (bench/hostile's
// cards-200k). Past it, the note is cut, with a warning: its later cards
// and the text after them are left out (kept as reading text, they made
// a 10 MB page that took as long). Splitting such a note (a vocabulary
// list, say) into notes of a few thousand cards each makes decks a
// reader can study.
const MaxNoteCards = 10000

// capCards keeps the note's first MaxNoteCards cards, in source order,
// whole blocks at a time (a reversed pair or the numbers of one cloze
// line stay together), and the note's lines before the first block left
// out.
func (p *parser) capCards() {
	if len(p.cards) <= MaxNoteCards {
		return
	}
	byStart := func(a, b block) int { return cmp.Compare(a.start, b.start) }
	if !slices.IsSortedFunc(p.blocks, byStart) {
		slices.SortStableFunc(p.blocks, byStart)
	}
	kept := 0
	for i, b := range p.blocks {
		if kept+b.n > MaxNoteCards {
			p.n.Diags = append(p.n.Diags, diag.Diagnostic{
				File: p.path, Line: p.base + b.start, Kind: diag.KindLimit, Severity: diag.Warning,
				Message: fmt.Sprintf("this note has more than the %d cards a note may have: it is cut here, its cards from here on and the text after them are left out; split it into notes of at most %d cards",
					MaxNoteCards, MaxNoteCards),
			})
			p.blocks = p.blocks[:i]
			clear(p.lines[b.start:]) // they point into the note (see release)
			p.lines = p.lines[:b.start]
			return
		}
		kept += b.n
	}
}

// pastCap returns, for lineCards, a function telling whether the note
// will be cut before line i (called with i growing): whether the blocks
// starting before i hold more than MaxNoteCards cards. Card forms after
// that are not looked for, so that a note of 200,000 inline cards does
// not make 200,000 cards to keep 10,000 of them.
func (p *parser) pastCap() func(i int) bool {
	starts := make([]block, len(p.blocks)) // the blocks of structural
	copy(starts, p.blocks)
	slices.SortStableFunc(starts, func(a, b block) int { return cmp.Compare(a.start, b.start) })
	next, before, inline := 0, 0, len(p.cards)
	return func(i int) bool {
		if p.capLine > 0 && i >= p.capLine {
			return true
		}
		for next < len(starts) && starts[next].start < i {
			before += starts[next].n
			next++
		}
		// The cards lineCards made so far are on lines before i.
		return before+len(p.cards)-inline > MaxNoteCards
	}
}
