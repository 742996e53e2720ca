package notes

// Header is what Parse takes from a note's frontmatter: its cards-deck
// and its tags. A build that parses a note twice (site's reparse.go)
// gives the second Parse the first one's Header, so that the YAML, a
// third of the parser's time, is decoded once.
type Header struct {
	Deck string   // cards-deck as written; "" when there is none
	Tags []string // the tags, without '#'
}

// Header returns what n's frontmatter said. Only a note made by Parse
// has it (a copy made field by field, or decoded from a cache, does not).
func (n *Note) Header() Header { return Header{Deck: n.frontDeck, Tags: n.Tags} }

// frontmatter is h as the frontmatter decoded to it.
func (h *Header) frontmatter() frontmatter {
	return frontmatter{deck: h.Deck, hasDeck: h.Deck != "", tags: h.Tags}
}
