package site

import (
	"fmt"
	"slices"
	"strings"

	"github.com/flipdeck/flipdeck/internal/layout"
	"github.com/flipdeck/flipdeck/internal/notes"
	"github.com/flipdeck/flipdeck/internal/slug"
)

// placedNote is a note with where it ends up on the site.
type placedNote struct {
	note   *notes.Note
	deck   *layout.DeckNode
	anchor string // element id of the note's <article>
	// headingPrefix goes before heading ids of this note, so that two
	// notes on one deck page never share an id.
	headingPrefix string
	// cardAnchors are the names links may give a card: [[Note#Question]]
	// and [[Note#^1234567890123]] land on the flip card.
	cardAnchors []cardAnchor
}

// cardAnchor is one name of a card: a heading card's slugged question,
// or a card's block id. A note has a handful, so a slice searched in
// order is enough; a map per note was a sixth of a large build's live
// memory.
type cardAnchor struct {
	block  bool   // name is a block id (without '^'), else a slug
	name   string // block id or slug
	cardID string
}

// addCardAnchors names note n's cards: the first card with a name keeps it.
func (pn *placedNote) addCardAnchors(n *notes.Note) {
	for _, c := range n.Cards {
		if c.BlockID != "" {
			pn.cardAnchors = append(pn.cardAnchors, cardAnchor{block: true, name: c.BlockID, cardID: c.ID})
		}
		if c.HeadingLevel > 0 {
			pn.cardAnchors = append(pn.cardAnchors, cardAnchor{name: slug.Make(c.Question), cardID: c.ID})
		}
	}
	pn.cardAnchors = slices.Clip(pn.cardAnchors)
}

// cardElementID returns the element id of the card named name.
func (pn *placedNote) cardElementID(block bool, name string) (string, bool) {
	for _, a := range pn.cardAnchors {
		if a.block == block && a.name == name {
			return "card-" + a.cardID, true
		}
	}
	return "", false
}

// fragmentID turns the part of a link after '#' into an element id on
// the note's deck page.
func (pn *placedNote) fragmentID(frag string) string {
	frag = strings.TrimSpace(frag)
	if frag == "" {
		return pn.anchor
	}
	if strings.HasPrefix(frag, "^") {
		if id, ok := pn.cardElementID(true, strings.TrimPrefix(frag, "^")); ok {
			return id
		}
		return pn.anchor
	}
	// Obsidian writes nested headings as "A#B"; the last one is the target.
	if i := strings.LastIndexByte(frag, '#'); i >= 0 {
		frag = frag[i+1:]
	}
	s := slug.Make(frag)
	if id, ok := pn.cardElementID(false, s); ok {
		return id
	}
	return pn.headingPrefix + s
}

// placeNotes decides each note's anchor and heading-id prefix on its
// deck page, and indexes its cards for links.
func placeNotes(all []*notes.Note, tree *layout.Tree) map[string]*placedNote {
	placed := make(map[string]*placedNote, len(all))
	for d, ns := range tree.Notes {
		used := map[string]int{}
		for _, n := range ns {
			base := "note-" + slug.Make(n.Title)
			used[base]++
			anchor := base
			if c := used[base]; c > 1 {
				anchor = fmt.Sprintf("%s-%d", base, c)
			}
			pn := &placedNote{note: n, deck: d, anchor: anchor,
				headingPrefix: strings.TrimPrefix(anchor, "note-") + "--"}
			pn.addCardAnchors(n)
			placed[n.Path] = pn
		}
	}
	return placed
}
