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

// cardTagSet maps every accepted card tag, lower-case without '#', to its
// kind. It is built once per Parse from Options.Tags.
type cardTagSet map[string]tagKind

func newCardTagSet(tags []string) cardTagSet {
	set := make(cardTagSet, 5*len(tags))
	for _, t := range tags {
		t = strings.ToLower(strings.TrimLeft(strings.TrimSpace(t), "#"))
		if t == "" {
			continue
		}
		set[t] = tagBasic
		set[t+"-reverse"], set[t+"/reverse"] = tagReverse, tagReverse
		set[t+"-spaced"], set[t+"/spaced"] = tagSpaced, tagSpaced
	}
	return set
}

func (set cardTagSet) kind(tag string) tagKind {
	if k, ok := set[tag]; ok {
		return k
	}
	// Only lower-case when needed: most tags are already lower-case.
	for i := 0; i < len(tag); i++ {
		if c := tag[i]; c >= 'A' && c <= 'Z' || c >= 0x80 {
			return set[strings.ToLower(tag)]
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
}

// cardTail reads the card tag at the end of a masked line. The card tag
// must be part of the run of #tags that ends the line ("Q #card #x"); a
// tag inside a sentence ("the #card game") or in code is not a card, and
// "#cards" is simply another tag.
func (set cardTagSet) cardTail(mask string) (tagTail, bool) {
	end := len(strings.TrimRight(mask, " \t"))
	runStart := end
	var found tagTail
	var others []string
	for end > 0 {
		k := end
		for k > 0 && mask[k-1] != ' ' && mask[k-1] != '\t' {
			k--
		}
		tok := mask[k:end]
		if !isTagToken(tok) {
			break
		}
		if kd := set.kind(tok[1:]); kd != tagNone {
			// The leftmost card tag of the run decides the kind.
			found.kind = kd
		} else {
			others = append(others, tok[1:])
		}
		runStart = k
		end = len(strings.TrimRight(mask[:k], " \t"))
	}
	if found.kind == tagNone {
		return tagTail{}, false
	}
	// others was collected right to left.
	for i, j := 0, len(others)-1; i < j; i, j = i+1, j-1 {
		others[i], others[j] = others[j], others[i]
	}
	found.textEnd = runStart
	found.tags = others
	return found, true
}

// isTagToken reports an Obsidian tag: '#' then letters, digits, '_', '-',
// '/' or any non-ASCII rune (emoji and CJK tags are common), not only
// digits.
func isTagToken(tok string) bool {
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
