package notes

import "strings"

// splitDeck turns "A::B::C" into its levels, trimming each one and
// dropping empty ones, so that "A:: B ::" and "A::B" are the same deck.
func splitDeck(v string) []string {
	var out []string
	for _, l := range strings.Split(v, "::") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// folderDeck is the deck of a note without cards-deck: its folder path
// ("a/b/x.md" gives a::b), or Default at the source root.
func folderDeck(path string) []string {
	i := strings.LastIndexByte(path, '/')
	if i < 0 {
		return []string{"Default"}
	}
	var out []string
	for _, l := range strings.Split(path[:i], "/") {
		if l != "" && l != "." {
			out = append(out, l)
		}
	}
	if len(out) == 0 {
		return []string{"Default"}
	}
	return out
}

// flashcardsDeck reads a Spaced Repetition deck tag: "flashcards" (ok, no
// levels: the note's own deck is kept) or "flashcards/a/b" (a::b). The
// comparison ignores case, like Obsidian's tags.
func flashcardsDeck(tag string) (levels []string, ok bool) {
	const name = "flashcards"
	if len(tag) < len(name) || !strings.EqualFold(tag[:len(name)], name) {
		return nil, false
	}
	rest := tag[len(name):]
	if rest == "" {
		return nil, true
	}
	if rest[0] != '/' {
		return nil, false
	}
	for _, l := range strings.Split(rest[1:], "/") {
		if l != "" {
			levels = append(levels, l)
		}
	}
	return levels, true
}
