package compacthtml

import "bytes"

// markup is a tag, comment, doctype or processing instruction at the
// start of some HTML.
type markup struct {
	size    int    // bytes, '<' to '>'; 0: the '<' is text
	name    []byte // a tag's name; nil for the others
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
			return markup{size: len(src), comment: true}
		}
		return markup{size: 2 + end + 3, comment: true}
	case c == '!' || c == '?':
		end := bytes.IndexByte(src, '>')
		if end < 0 {
			return markup{size: len(src)}
		}
		return markup{size: end + 1}
	}
	name, closing := tagName(src)
	if name == nil {
		return markup{}
	}
	return markup{size: tagSize(src), name: name, closing: closing}
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
	for i < len(src) && isNameByte(src[i]) {
		i++
	}
	return src[start:i], closing
}

// tagSize is how many bytes the tag src starts with takes, up to its
// '>' outside quoted attribute values. Tags are short: a loop over their
// bytes is faster than searching for each quote and '>'.
func tagSize(src []byte) int {
	var quote byte // the quote of the attribute value the loop is in
	for i := 1; i < len(src); i++ {
		switch c := src[i]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '>':
			return i + 1
		case c == '"' || c == '\'':
			quote = c
		}
	}
	return len(src)
}

// indexEndTag is where the end tag of element name begins in src, the
// element's content; len(src) when it has none. It looks for the end
// tag written as name is, or in lower case: an end tag in other letters
// ("<pre>…</Pre>") is missed, which only keeps the white space after it
// as it is.
func indexEndTag(src, name []byte) int {
	var buf [2 + 9]byte // mayKeepContent's names are at most 9 bytes
	if len(name) > len(buf)-2 {
		return len(src)
	}
	needle := append(append(buf[:0], '<', '/'), name...)
	end := len(src)
	for _, lower := range []bool{false, true} {
		if lower {
			if !hasUpper(name) {
				break // as written: looked for already
			}
			for k := 2; k < len(needle); k++ {
				needle[k] |= 0x20
			}
		}
		for from := 0; from < end; {
			k := bytes.Index(src[from:end], needle)
			if k < 0 {
				break
			}
			k += from
			// "</pre" must not be "</preview".
			if after := k + len(needle); after == len(src) || !isNameByte(src[after]) {
				end = k
				break
			}
			from = k + 1
		}
	}
	return end
}

func hasUpper(b []byte) bool {
	for _, c := range b {
		if 'A' <= c && c <= 'Z' {
			return true
		}
	}
	return false
}

func isNameByte(c byte) bool {
	return isLetter(c) || '0' <= c && c <= '9' || c == '-'
}

func isLetter(c byte) bool {
	return 'a' <= c|0x20 && c|0x20 <= 'z'
}
