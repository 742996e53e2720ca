package notes

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Block ids. The Flashcards plugin writes "^" + 13 digits (a Unix time in
// milliseconds) after each answer; that id is the card's stable id and it
// ends an answer. Other "^ids" are ordinary Obsidian block references:
// they are removed from card text but end nothing.

// is13Digits reports s == 13 ASCII digits.
func is13Digits(s string) bool {
	if len(s) != 13 {
		return false
	}
	for i := 0; i < 13; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func isBlockIDChar(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-'
}

// trailingBlockID finds " ^id" at the end of a (masked) line. start is the
// offset of the '^' (the text before it, right-trimmed, is the content).
// A '^' right at the start of the line also counts (a block-id line).
func trailingBlockID(mask string) (id string, start int, ok bool) {
	t := trimRightBlanks(mask)
	k := len(t)
	for k > 0 && isBlockIDChar(t[k-1]) {
		k--
	}
	if k == len(t) || k == 0 || t[k-1] != '^' {
		return "", 0, false
	}
	caret := k - 1
	if caret > 0 && t[caret-1] != ' ' && t[caret-1] != '\t' && !endsWithLayout(t[:caret]) {
		return "", 0, false
	}
	return t[k:], caret, true
}

// blockIDLine reports a line that holds only a 13-digit block id, such as
// "^1650913820879". The private-fork layout "<br>﹈<br>^1700962345784"
// counts too: its wrappers are layout, not content.
func blockIDLine(l *line) (string, bool) {
	if l.code {
		return "", false
	}
	id, start, ok := trailingBlockID(l.mask)
	if !ok || !is13Digits(id) || !isLayoutOnly(l.mask[:start]) {
		return "", false
	}
	return id, true
}

// anyBlockIDLine reports a line holding only a block id of any form; it
// is dropped from card text.
func anyBlockIDLine(l *line) bool {
	if l.code {
		return false
	}
	_, start, ok := trailingBlockID(l.mask)
	return ok && isLayoutOnly(l.mask[:start])
}

// Layout wrappers of a private Flashcards fork: "﹇<br>", "⌂", "<br>﹈<br>".
var layoutTokens = [...]string{"<br>", "<br/>", "<br />", "﹇", "﹈", "⌂"}

// isLayoutOnly reports text made only of layout wrappers and white space
// (what is left once the wrappers are removed, left to right, trims to
// nothing), without building that rest.
func isLayoutOnly(s string) bool {
next:
	for i := 0; i < len(s); {
		for _, t := range layoutTokens {
			if strings.HasPrefix(s[i:], t) {
				i += len(t)
				continue next
			}
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			return false
		}
		i += w
	}
	return true
}

func endsWithLayout(s string) bool {
	return strings.HasSuffix(s, "<br>") || strings.HasSuffix(s, "﹈") || strings.HasSuffix(s, "⌂")
}

// stripBlockID removes a trailing " ^id" from a line of card text.
func stripBlockID(l *line) (text, id string) {
	id, start, ok := trailingBlockID(l.mask)
	if !ok {
		return l.text, ""
	}
	return trimRightBlanks(l.text[:start]), id
}
