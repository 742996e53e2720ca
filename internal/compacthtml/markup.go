package compacthtml

import "bytes"

// markup is a tag, comment, doctype or processing instruction at the
// start of some HTML.
type markup struct {
	size    int    // bytes, '<' to '>'; 0: the '<' is text
	name    []byte // a tag's name; nil for the others
	kind    kind   // otherMarkup for the others
	closing bool   // an end tag
	comment bool   // a comment, which a page need not keep
}

// readMarkup reads the markup src starts with ('<'). Markup that src
// ends in the middle of takes the rest of src.
func readMarkup(src []byte) markup {
	if len(src) < 2 {
		return markup{}
	}
	switch c := src[1]; {
	case bytes.HasPrefix(src, []byte("<!--")):
		// Searching from the first '-' also ends "<!-->" and "<!--->".
		end := bytes.Index(src[2:], []byte("-->"))
		if end < 0 {
			return markup{size: len(src), kind: otherMarkup, comment: true}
		}
		return markup{size: 2 + end + 3, kind: otherMarkup, comment: true}
	case c == '!' || c == '?':
		end := bytes.IndexByte(src, '>')
		if end < 0 {
			return markup{size: len(src), kind: otherMarkup}
		}
		return markup{size: end + 1, kind: otherMarkup}
	}
	name, closing := tagName(src)
	if name == nil {
		return markup{}
	}
	return markup{size: tagSize(src), name: name, kind: tagKind(name), closing: closing}
}

// tagName returns the name of the start or end tag src starts with, nil
// when '<' does not start one.
func tagName(src []byte) (name []byte, closing bool) {
	i := 1
	if i < len(src) && src[i] == '/' {
		closing = true
		i++
	}
	start := i
	if i >= len(src) || !isLetter(src[i]) {
		return nil, false
	}
	for i < len(src) && (isLetter(src[i]) || '0' <= src[i] && src[i] <= '9' || src[i] == '-') {
		i++
	}
	return src[start:i], closing
}

// tagSize is how many bytes the tag src starts with takes, up to its
// '>' outside quoted attribute values. It jumps from quote to quote.
func tagSize(src []byte) int {
	i := 0
	for {
		end := bytes.IndexByte(src[i:], '>')
		if end < 0 {
			return len(src)
		}
		end += i
		q := indexQuote(src[i:end])
		if q < 0 {
			return end + 1
		}
		q += i
		close := bytes.IndexByte(src[q+1:], src[q])
		if close < 0 {
			return len(src)
		}
		i = q + 1 + close + 1
	}
}

// indexQuote is the index of the first quote (either kind) in b, -1
// if none.
func indexQuote(b []byte) int {
	d := bytes.IndexByte(b, '"')
	if d < 0 {
		d = len(b)
	}
	if s := bytes.IndexByte(b[:d], '\''); s >= 0 {
		return s
	}
	if d == len(b) {
		return -1
	}
	return d
}

// indexEndTag is where the end tag of element name begins in src, the
// element's content; len(src) when it has none.
func indexEndTag(src, name []byte) int {
	for i := 0; ; {
		j := bytes.Index(src[i:], []byte("</"))
		if j < 0 {
			return len(src)
		}
		i += j
		if n, _ := tagName(src[i:]); bytes.EqualFold(n, name) {
			return i
		}
		i += 2
	}
}

func isLetter(c byte) bool {
	return 'a' <= c|0x20 && c|0x20 <= 'z'
}
