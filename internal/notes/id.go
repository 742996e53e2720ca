package notes

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"
	"unicode/utf8"

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
	var n normaliser
	return idOfKey(n.key(strings.Join(deck, "::"), question))
}

// idOfKey returns the id of a question key made by normaliser.key.
func idOfKey(key []byte) string {
	sum := sha256.Sum256(key)
	var id [17]byte
	id[0] = 'q'
	hex.Encode(id[1:], sum[:8])
	return string(id[:])
}

// normaliser computes normalised questions; its buffer is reused from
// one question to the next.
type normaliser struct {
	buf []byte
}

// key returns deck + "\n" + the normalised question: what a card id
// hashes, and how duplicate questions are found. It is valid until the
// next call.
func (n *normaliser) key(deck, q string) []byte {
	n.buf = append(append(n.buf[:0], deck...), '\n')
	n.buf = appendQuestion(n.buf, q)
	return n.buf
}

// What appendQuestion does with each byte.
const (
	qKeep  = iota
	qDrop  // Markdown markup: * _ ~ = ` [ ]
	qSpace // ASCII white space (as strings.Fields)
	qAngle // '<', which may open an HTML tag
	qRune  // the first byte of a non-ASCII rune
)

var questionByte = func() (t [256]uint8) {
	for _, c := range "*_~=`[]" {
		t[c] = qDrop
	}
	for _, c := range " \t\n\v\f\r" {
		t[c] = qSpace
	}
	t['<'] = qAngle
	for c := utf8.RuneSelf; c < 256; c++ {
		t[c] = qRune
	}
	return t
}()

// appendQuestion appends the normalised form of question q to dst: it
// lower-cases, composes to NFC (so decomposed accents, as macOS writes
// file contents, hash like composed ones), removes Markdown emphasis and
// markup characters, HTML tags and #tags, and collapses whitespace.
//
// It does so in one pass: markup and HTML tags are dropped, letters
// lower-cased and words written out one space apart as they come; a word
// that turns out to be a #tag is taken back. ASCII text (most questions)
// needs no NFC pass nor a lower-cased copy.
func appendQuestion(dst []byte, q string) []byte {
	if !isASCII(q) {
		q = strings.ToLower(norm.NFC.String(q))
	}
	start := len(dst) // the normalised question starts here
	word := -1        // start in dst of the word being written; -1: between words
	for i := 0; i < len(q); {
		c := q[i]
		switch questionByte[c] {
		case qDrop:
			i++
			continue
		case qSpace:
			dst, word = endWord(dst, start, word)
			i++
			continue
		case qAngle:
			// Drop an HTML tag such as <br> or </u>; keep a lone '<'.
			if i+1 < len(q) {
				if d := lowerASCII(q[i+1]); d == '/' || d >= 'a' && d <= 'z' {
					if j := strings.IndexByte(q[i:], '>'); j > 0 && strings.IndexByte(q[i:i+j], '\n') < 0 {
						if i+2 < len(q) && d == 'b' && lowerASCII(q[i+2]) == 'r' {
							dst, word = endWord(dst, start, word) // a line break separates words
						}
						i += j + 1
						continue
					}
				}
			}
		case qRune:
			r, w := utf8.DecodeRuneInString(q[i:])
			if unicode.IsSpace(r) {
				dst, word = endWord(dst, start, word)
			} else {
				dst, word = startWord(dst, start, word)
				dst = append(dst, q[i:i+w]...)
			}
			i += w
			continue
		}
		dst, word = startWord(dst, start, word)
		dst = append(dst, lowerASCII(c))
		i++
	}
	dst, _ = endWord(dst, start, word)
	return dst
}

// startWord begins a word at the end of dst unless one is being written,
// with a space after the words before it.
func startWord(dst []byte, start, word int) ([]byte, int) {
	if word >= 0 {
		return dst, word
	}
	if len(dst) > start {
		dst = append(dst, ' ')
	}
	return dst, len(dst)
}

// endWord ends the word being written; a #tag is taken back, with the
// space before it.
func endWord(dst []byte, start, word int) ([]byte, int) {
	if word >= 0 && isTagToken(dst[word:]) {
		if word > start {
			word--
		}
		dst = dst[:word]
	}
	return dst, -1
}

func lowerASCII(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
