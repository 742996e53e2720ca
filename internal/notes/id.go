package notes

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
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

// normaliseQuestion lower-cases, composes (NFC for the accents of Latin,
// Greek and Cyrillic letters: the standard library has no normaliser),
// removes Markdown emphasis and markup characters, HTML tags and #tags,
// and collapses whitespace.
func normaliseQuestion(q string) string {
	q = strings.ToLower(composeNFC(q))
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

// nfcCompose maps a base rune and a combining mark to the precomposed
// rune. It is filled once from nfcPairs and only read afterwards.
var nfcCompose = func() map[[2]rune]rune {
	m := make(map[[2]rune]rune, len(nfcPairs)/12)
	hexRune := func(s string) rune {
		var r rune
		for i := 0; i < len(s); i++ {
			c := s[i]
			switch {
			case c >= '0' && c <= '9':
				r = r<<4 | rune(c-'0')
			default:
				r = r<<4 | rune(c-'A'+10)
			}
		}
		return r
	}
	for i := 0; i+12 <= len(nfcPairs); i += 12 {
		m[[2]rune{hexRune(nfcPairs[i : i+4]), hexRune(nfcPairs[i+4 : i+8])}] = hexRune(nfcPairs[i+8 : i+12])
	}
	return m
}()

func isCombiningMark(r rune) bool { return r >= 0x0300 && r <= 0x036F }

// composeNFC recomposes base + combining mark pairs that have a
// precomposed form, which makes decomposed (macOS) and composed text hash
// alike for the scripts in nfcPairs.
func composeNFC(s string) string {
	has := false
	for i := 0; i+1 < len(s); i++ {
		// U+0300..U+036F are encoded as 0xCC 0x80..0xBF and 0xCD 0x80..0xAF.
		if s[i] == 0xCC || s[i] == 0xCD {
			has = true
			break
		}
	}
	if !has {
		return s
	}
	out := make([]rune, 0, len(s))
	for _, r := range s {
		if n := len(out); n > 0 && isCombiningMark(r) {
			if c, ok := nfcCompose[[2]rune{out[n-1], r}]; ok {
				out[n-1] = c
				continue
			}
		}
		out = append(out, r)
	}
	return string(out)
}
