package notes

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Card ids are what the reader's progress is stored under, so they must
// survive rebuilds, reordering and edits to the answer. A 13-digit block
// id is the most stable thing there is ("b" + digits); otherwise the id
// hashes the deck and the question in a normalised form, so that
// re-emphasising a word, re-spacing a line, changing case or the Unicode
// normal form of "ü" keeps the id.

// CardID returns the stable id of a card without a block id: from its
// deck levels and normalised question. The format is "q" + the first 16
// hex digits of sha256(deck joined by "::" + "\n" + normalised question).
func CardID(deck []string, question string) string {
	sum := sha256.Sum256([]byte(strings.Join(deck, "::") + "\n" + normaliseQuestion(question)))
	return "q" + hex.EncodeToString(sum[:8])
}

// normaliseQuestion lower-cases, composes to NFC (so decomposed accents,
// as macOS writes file contents, hash like composed ones), removes Markdown emphasis and markup characters, HTML tags and #tags,
// and collapses whitespace.
func normaliseQuestion(q string) string {
	q = strings.ToLower(norm.NFC.String(q))
	var b strings.Builder
	b.Grow(len(q))
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch c {
		case '*', '_', '~', '=', '`', '[', ']':
			continue
		case '<':
			// Drop an HTML tag such as <br> or </u>; keep a lone '<'.
			if i+1 < len(q) && (q[i+1] == '/' || q[i+1] >= 'a' && q[i+1] <= 'z') {
				if j := strings.IndexByte(q[i:], '>'); j > 0 && strings.IndexByte(q[i:i+j], '\n') < 0 {
					if strings.HasPrefix(q[i:], "<br") {
						b.WriteByte(' ') // a line break separates words
					}
					i += j
					continue
				}
			}
		}
		b.WriteByte(c)
	}
	fields := strings.Fields(b.String())
	out := fields[:0]
	for _, f := range fields {
		if !isTagToken(f) {
			out = append(out, f)
		}
	}
	return strings.Join(out, " ")
}
