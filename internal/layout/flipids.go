package layout

import (
	"github.com/flipdeck/flipdeck/internal/notes"
)

// FlipCardIDs returns, for each card of n, the id of the flip card that
// shows it on the deck page: that of the first card of the first segment
// holding it, or its own when no segment holds it; and whether that
// segment holds other cards too (its siblings: a reversed pair, the
// numbers of one cloze line). One pass over the segments: looking each
// card up in them was quadratic (a note of 200,000 cards took minutes).
func FlipCardIDs(n *notes.Note) (ids []string, shared []bool) {
	ids = make([]string, len(n.Cards))
	shared = make([]bool, len(n.Cards))
	for i, c := range n.Cards {
		ids[i] = c.ID
	}
	// Backwards, so that the first segment holding a card has the last word.
	for si := len(n.Segments) - 1; si >= 0; si-- {
		s := n.Segments[si]
		if len(s.Cards) == 0 || s.Cards[0] < 0 || s.Cards[0] >= len(n.Cards) {
			continue
		}
		first := n.Cards[s.Cards[0]].ID
		for _, ci := range s.Cards {
			if ci >= 0 && ci < len(ids) {
				ids[ci], shared[ci] = first, len(s.Cards) > 1
			}
		}
	}
	return ids, shared
}
