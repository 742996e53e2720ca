package notes

import "strings"

// tagKind is what a card tag asks for.
type tagKind uint8

const (
	tagNone    tagKind = iota
	tagBasic           // #card
	tagReverse         // #card-reverse, #card/reverse
	tagSpaced          // #card-spaced, #card/spaced
)

// cardTagSet holds the accepted card tags, lower-case without '#', in
// Options order. Each one also accepts its variants -reverse, /reverse,
// -spaced and /spaced. It is built once per Parse from Options.Tags and
// matched by comparing strings, which is cheaper than building a map of
// every variant for a handful of tags.
type cardTagSet []string

// appendCardTags appends the card tags of Options.Tags to set.
func appendCardTags(set cardTagSet, tags []string) cardTagSet {
	for _, t := range tags {
		t = strings.ToLower(strings.TrimLeft(strings.TrimSpace(t), "#"))
		if t != "" {
			set = append(set, t)
		}
	}
	return set
}

// lookup returns the kind of a lower-case tag. When one tag is a variant
// of another (tags "card" and "card-reverse"), the later tag decides, as
// if every variant of every tag were written into a map in order.
func (set cardTagSet) lookup(tag string) tagKind {
	for i := len(set) - 1; i >= 0; i-- {
		t := set[i]
		if !strings.HasPrefix(tag, t) {
			continue
		}
		switch tag[len(t):] {
		case "":
			return tagBasic
		case "-reverse", "/reverse":
			return tagReverse
		case "-spaced", "/spaced":
			return tagSpaced
		}
	}
	return tagNone
}

func (set cardTagSet) kind(tag string) tagKind {
	if k := set.lookup(tag); k != tagNone {
		return k
	}
	// Only lower-case when needed: most tags are already lower-case.
	for i := 0; i < len(tag); i++ {
		if c := tag[i]; c >= 'A' && c <= 'Z' || c >= 0x80 {
			return set.lookup(strings.ToLower(tag))
		}
	}
	return tagNone
}

// tagTail is the run of #tags that ends a line, when it holds a card tag.
type tagTail struct {
	kind tagKind
	// textEnd is the byte offset where the run starts: the line's text
	// before it (right-trimmed) is the question part.
	textEnd int
	tags    []string // the run's other tags, without '#'
	// after is what follows the run on its line: image embeds that start
	// the answer ("Q #card ![[x.png]]", see tagembeds.go), or "".
	after string
}

// cardTail reads the card tag at the end of a masked line. The card tag
// must be part of the run of #tags that ends the line ("Q #card #x"); a
// tag inside a sentence ("the #card game") or in code is not a card, and
// "#cards" is simply another tag. The other tags are cut from text (the
// line the mask was made from): tags are never masked, so the bytes are
// the same, and the tags then share the note's Body.
func (set cardTagSet) cardTail(mask, text string) (tagTail, bool) {
	// Walk the run right to left; the leftmost card tag of the run
	// decides the kind. The other tags are gathered in a small array on
	// the stack, as most lines turn out to hold no card tag.
	end := len(trimRightBlanks(mask))
	runStart := end
	var kind tagKind
	var few [8]string
	others := few[:0] // right to left
	for end > 0 {
		k, ok := lastTagToken(mask, end)
		if !ok {
			break
		}
		tok := mask[k:end]
		if kd := set.kind(tok[1:]); kd != tagNone {
			kind = kd
		} else {
			others = append(others, text[k+1:end])
		}
		runStart = k
		end = len(trimRightBlanks(mask[:k]))
	}
	if kind == tagNone {
		return tagTail{}, false
	}
	found := tagTail{kind: kind, textEnd: runStart}
	if len(others) > 0 {
		found.tags = make([]string, len(others))
		for i, t := range others {
			found.tags[len(others)-1-i] = t
		}
	}
	return found, true
}

// lastTagToken reports whether the last blank-separated token of
// mask[:end] is a tag, and where it starts. Runs of tags that end a line
// are read right to left with it.
func lastTagToken(mask string, end int) (start int, ok bool) {
	k := end
	for k > 0 && mask[k-1] != ' ' && mask[k-1] != '\t' {
		k--
	}
	return k, isTagToken(mask[k:end])
}

// isTagToken reports an Obsidian tag: '#' then letters, digits, '_', '-',
// '/' or any non-ASCII rune (emoji and CJK tags are common), not only
// digits.
func isTagToken[T string | []byte](tok T) bool {
	if len(tok) < 2 || tok[0] != '#' {
		return false
	}
	digits := true
	for i := 1; i < len(tok); i++ {
		c := tok[i]
		switch {
		case c >= '0' && c <= '9':
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_', c == '-', c == '/', c >= 0x80:
			digits = false
		default:
			return false
		}
	}
	return !digits
}

// mayHoldFlashcardsTag is a cheap test to run before lineTags: a
// #flashcards tag is '#' then "flashcards" in any case (flashcardsDeck's
// EqualFold on ten bytes only matches ASCII).
func mayHoldFlashcardsTag(mask string) bool {
	const name = "flashcards"
	for i := 0; ; {
		j := strings.IndexByte(mask[i:], '#')
		if j < 0 {
			return false
		}
		i += j + 1
		if len(mask)-i >= len(name) && asciiEqualFold(mask[i:i+len(name)], name) {
			return true
		}
	}
}

// asciiEqualFold reports whether s equals lower-case ASCII word w, ignoring
// the case of ASCII letters.
func asciiEqualFold(s, w string) bool {
	if len(s) != len(w) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != w[i] {
			return false
		}
	}
	return true
}

// lineTags returns every tag token of a masked line (used to find
// #flashcards deck tags, which may stand anywhere on their line).
func lineTags(mask string) []string {
	if strings.IndexByte(mask, '#') < 0 {
		return nil
	}
	var out []string
	for _, f := range strings.Fields(mask) {
		if isTagToken(f) {
			out = append(out, f[1:])
		}
	}
	return out
}
