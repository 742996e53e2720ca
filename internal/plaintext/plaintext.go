// Package plaintext turns the HTML the site's Markdown renderer writes
// into the plain text a reader sees: what cards.json and the search hold
// of each card, a card's breadcrumb, and the deck page's table of
// contents. It knows HTML, not flashcards.
package plaintext

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// FromHTML turns rendered HTML into readable plain text for cards.json and
// the site search: tags dropped, character references decoded, block
// elements on their own lines, <br> one line break (the newline our
// renderer writes after it is not a second one), <img> as "[alt]", the
// content of <script> and <style> dropped, white space tidied. A formula
// gives its TeX source once: the <annotation encoding="application/x-tex">
// that texmath writes into each <math> stands for the whole <math>
// (MathML without one keeps its tokens' text).
//
// It runs for both sides of every card, so it is a small scanner rather
// than a loop over x/net/html's Tokenizer, which cost about 6% of a build.
// On well-formed HTML, which is what our renderer writes, it gives exactly
// what that loop gives (plaintext_test.go keeps it as a reference and compares
// the two on every rendered note); on malformed HTML it gives sensible text.
func FromHTML(s string) string {
	bp := textBufPool.Get().(*[]byte)
	*bp = tidyBytes(htmlText((*bp)[:0], s))
	text := string(*bp)
	if cap(*bp) > 64<<10 {
		*bp = nil // one huge card should not pin its buffer for the build
	}
	textBufPool.Put(bp)
	return text
}

// textBufPool holds scratch buffers for FromHTML (cards are rendered in
// parallel).
var textBufPool = sync.Pool{New: func() any { return new([]byte) }}

// htmlText appends the text of the HTML s to buf: '\n' for each block tag,
// "[alt]" for each image, a formula's TeX, white space left for tidyBytes.
// Markup that s ends in the middle of ends the text.
func htmlText(buf []byte, s string) []byte {
	var m mathText
	m.reset()
	brEnd := -1 // len(buf) after the last <br>'s '\n', until the next markup
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			return dropBrNewline(appendText(buf, s), brEnd)
		}
		buf = appendText(buf, s[:i]) // splitting text at a lone '<' is harmless
		s = s[i:]
		end := 1 // the length of the markup, or -1 if s ends first
		if strings.HasPrefix(s, "<!--") {
			buf, brEnd = dropBrNewline(buf, brEnd), -1
			// Searching from the first '-' also ends "<!-->" and "<!--->".
			if end = strings.Index(s[2:], "-->"); end >= 0 {
				end += 5
			}
		} else if len(s) > 1 && startsMarkup(s[1]) {
			buf, brEnd = dropBrNewline(buf, brEnd), -1
			// A tag; a doctype, "<?...>" or "</ ...>" reads as a tag that
			// is none of those below.
			var name, attr string
			var k int
			name, k, attr, end = readTag(s) // name is "" if s ends first
			closing := s[1] == '/'
			switch {
			case k == tagBlock:
				buf = append(buf, '\n')
				if !closing && len(name) == 2 && name[0]|0x20 == 'b' { // <br>
					brEnd = len(buf)
				}
			case k == tagImg && attr != "" && !closing:
				buf = append(appendText(append(buf, '['), attr), ']')
			case k == tagSkip && !closing:
				end += skipEnd(s[end:], name)
			case k == tagMath:
				buf = m.math(buf, closing)
			case k == tagAnnotation:
				m.annotation(buf, closing, attr)
			}
		} else {
			buf = append(buf, '<') // not markup
		}
		if end < 0 {
			return buf
		}
		s = s[end:]
	}
}

// dropBrNewline removes the line break that the text after a <br> starts
// with (after spaces and tabs): buf[brEnd:] is that text, decoded; brEnd
// < 0 means there was no <br> right before it. Our renderer writes a
// newline after each <br>, which would otherwise make a second one.
func dropBrNewline(buf []byte, brEnd int) []byte {
	if brEnd < 0 {
		return buf
	}
	i := brEnd
	for i < len(buf) && (buf[i] == ' ' || buf[i] == '\t') {
		i++
	}
	n := 0
	switch {
	case i+1 < len(buf) && buf[i] == '\r' && buf[i+1] == '\n':
		n = 2
	case i < len(buf) && (buf[i] == '\n' || buf[i] == '\r'):
		n = 1
	}
	if n == 0 {
		return buf
	}
	return append(buf[:i], buf[i+n:]...)
}

// mathText keeps track of a <math> element in htmlText's output, so that
// its text can be replaced by the TeX of its annotation when it ends.
type mathText struct {
	start          int  // len(buf) at <math>; -1 outside math
	texFrom, texTo int  // the TeX annotation's text in buf; -1 until read
	inTeX          bool // inside that annotation
}

func (m *mathText) reset() { *m = mathText{start: -1, texFrom: -1, texTo: -1} }

// math handles a <math> start tag or a </math> end tag.
func (m *mathText) math(buf []byte, closing bool) []byte {
	switch {
	case !closing && m.start < 0:
		m.start = len(buf)
	case closing && m.start >= 0:
		if m.texTo >= 0 {
			n := copy(buf[m.start:], buf[m.texFrom:m.texTo])
			buf = buf[:m.start+n]
		}
		m.reset()
	}
	return buf
}

// annotation handles an <annotation> start tag (with its encoding
// attribute) or end tag: the first TeX annotation of a formula is its
// source.
func (m *mathText) annotation(buf []byte, closing bool, encoding string) {
	switch {
	case !closing && m.start >= 0 && m.texFrom < 0 && isTeXEncoding(encoding):
		m.texFrom, m.inTeX = len(buf), true
	case closing && m.inTeX:
		m.texTo, m.inTeX = len(buf), false
	}
}

// isTeXEncoding reports the encoding attribute value of a TeX annotation.
func isTeXEncoding(v string) bool {
	if strings.IndexByte(v, '&') >= 0 {
		v = html.UnescapeString(v)
	}
	return strings.EqualFold(v, "application/x-tex")
}

// startsMarkup reports whether c, after a '<', starts a tag, a comment, a
// doctype or the like.
func startsMarkup(c byte) bool {
	return 'a' <= c|0x20 && c|0x20 <= 'z' || c == '/' || c == '!' || c == '?'
}

// appendText appends t with its character references decoded.
func appendText(buf []byte, t string) []byte {
	if strings.IndexByte(t, '&') < 0 {
		return append(buf, t...)
	}
	return append(buf, html.UnescapeString(t)...)
}

// readTag reads the start or end tag at the start of s. It returns the
// tag's name and kind (tagKind), the value of the first attribute its
// kind asks for (alt of an img, encoding of an annotation), and its
// length, or -1 if s ends first.
func readTag(s string) (name string, kind int, attr string, n int) {
	p := 1
	if s[1] == '/' {
		p = 2
	}
	name = s[p:upTo(s, p, endName)]
	p += len(name)
	want := ""
	switch kind = tagKind(name); kind {
	case tagImg:
		want = "alt"
	case tagAnnotation:
		want = "encoding"
	}
	for found := want == ""; p < len(s); {
		if c := s[p]; c == '>' {
			return name, kind, attr, p + 1
		} else if stops[c]&endName != 0 { // white space or '/'
			p++
			continue
		}
		key, v := s[p:upTo(s, p, endKey)], ""
		if p = skipSpace(s, p+len(key)); p < len(s) && s[p] == '=' {
			if p = skipSpace(s, p+1); p < len(s) && (s[p] == '"' || s[p] == '\'') {
				i := strings.IndexByte(s[p+1:], s[p])
				if i < 0 {
					break
				}
				v, p = s[p+1:p+1+i], p+i+2
			} else {
				v = s[p:upTo(s, p, endValue)]
				p += len(v)
			}
		}
		if !found && strings.EqualFold(key, want) {
			attr, found = v, true
		}
	}
	return "", tagOther, "", -1
}

// upTo returns the index of the first byte of s[p:] that ends a word of
// kind end (see stops), or len(s).
func upTo(s string, p int, end uint8) int {
	for p < len(s) && stops[s[p]]&end == 0 {
		p++
	}
	return p
}

// skipSpace returns the index of the first byte of s[p:] that is not
// white space, or len(s).
func skipSpace(s string, p int) int {
	for p < len(s) && stops[s[p]] == 1 {
		p++
	}
	return p
}

// stops sorts the bytes that end words in a tag; white space is 1.
var stops = [256]uint8{' ': 1, '\t': 1, '\n': 1, '\f': 1, '\r': 1, '>': 2, '/': 4, '=': 8}

const (
	endValue = 1 | 2        // an unquoted attribute value ends at white space or '>',
	endName  = endValue | 4 // a tag name also at '/',
	endKey   = endName | 8  // and an attribute name also at '='.
)

// skipEnd returns where the content of the <script> or <style> element
// name that starts s ends: at its end tag (in any case), or at len(s).
func skipEnd(s, name string) int {
	for i := 0; ; {
		j := strings.Index(s[i:], "</")
		if j < 0 {
			return len(s)
		}
		i += j + 2
		if e := i + len(name); e < len(s) && strings.EqualFold(s[i:e], name) && stops[s[e]]&endName != 0 {
			return i - 2
		}
	}
}

// Kinds of tag (see tagKind).
const (
	tagOther = iota
	tagBlock // starts and ends a line
	tagImg   // gives its alt text
	tagSkip  // script or style: its content is dropped
	tagMath
	tagAnnotation
)

// tagKind classifies a tag name, ignoring case.
func tagKind(name string) int {
	switch strings.ToLower(name) { // which allocates only for upper case
	case "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "pre",
		"table", "ul", "ol", "blockquote", "details", "summary":
		return tagBlock
	case "img":
		return tagImg
	case "script", "style":
		return tagSkip
	case "math":
		return tagMath
	case "annotation":
		return tagAnnotation
	}
	return tagOther
}

// tidyBytes tidies text in place and returns it, as strings.Fields would:
// white space (unicode.IsSpace) within a line collapsed to one space,
// lines trimmed, runs of blank lines collapsed to one, and blank lines at
// the start and end dropped. Lines end at '\n' only.
func tidyBytes(b []byte) []byte {
	w, lines, space := 0, 0, false // lines counts the '\n's since the last word
	for r := 0; r < len(b); {
		switch spaceClass[b[r]] {
		case 1:
			space, r = true, r+1
			continue
		case 2:
			lines, r = lines+1, r+1
			continue
		case 3:
			if ru, n := utf8.DecodeRune(b[r:]); unicode.IsSpace(ru) {
				space, r = true, r+n
				continue
			}
		}
		// A word starts at b[r]; its separator fits in the space before it.
		if w > 0 && (lines > 0 || space) {
			w += copy(b[w:], [...]string{" ", "\n", "\n\n"}[min(lines, 2)])
		}
		lines, space = 0, false
		e := r + 1
		for e < len(b) && spaceClass[b[e]] == 0 {
			e++
		}
		w += copy(b[w:], b[r:e])
		r = e
	}
	return b[:w]
}

// spaceClass sorts the bytes that may start white space: 1 is ASCII white
// space but '\n', 2 is '\n', 3 a lead byte of U+0085, U+00A0, U+1680,
// U+2000-U+200A, U+2028, U+2029, U+202F, U+205F or U+3000.
var spaceClass = [256]uint8{'\t': 1, '\v': 1, '\f': 1, '\r': 1, ' ': 1, '\n': 2,
	0xC2: 3, 0xE1: 3, 0xE2: 3, 0xE3: 3}
