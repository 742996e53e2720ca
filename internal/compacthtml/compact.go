package compacthtml

import "bytes"

// Append appends src, HTML, to dst without the white space a browser
// never shows next to block-level tags (see the package doc) and returns
// the result. dst may be src[:0]: the page is then compacted in place,
// as nothing is written ahead of what is read.
//
// It copies src in runs between the white space it drops, and reads
// tags only as far as it must: it runs over every byte of every page.
func Append(dst, src []byte) []byte {
	copied := 0        // src[:copied] is in dst, or dropped
	prevBlock := false // white space at i follows a block tag
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == '<':
			m := readMarkup(src[i:])
			if m.size == 0 { // a '<' of text
				i, prevBlock = i+1, false
				continue
			}
			if m.comment {
				// Never shown, as the minifier never kept them; white
				// space on both sides of it becomes the first.
				dst = append(dst, src[copied:i]...)
				end := i + m.size
				if i > 0 && isSpace(src[i-1]) {
					for end < len(src) && isSpace(src[end]) {
						end++
					}
				}
				i, copied = end, end
				continue
			}
			i += m.size
			switch {
			case m.kind.isBlock():
				prevBlock = true
			case m.kind == otherMarkup || !m.closing:
				prevBlock = false
				// The end tag of an inline element shows nothing: white
				// space after "</p></span>" still begins a line.
			}
			if m.kind.keepsContent() && !m.closing {
				// Its content is kept as it is, up to its end tag,
				// which the next turn reads.
				i += indexEndTag(src[i:], m.name)
				prevBlock = false
			}
		default:
			// Text up to the next markup. Only white space at its ends
			// may touch a tag.
			end := bytes.IndexByte(src[i+1:], '<') + i + 1
			if end == i {
				end = len(src)
			}
			j := i
			for j < end && isSpace(src[j]) {
				j++
			}
			if j == end { // all white space
				if prevBlock || nextIsBlock(src[end:]) {
					dst = append(dst, src[copied:i]...)
					copied = end
				} else {
					prevBlock = false
				}
				i = end
				continue
			}
			if j > i && prevBlock {
				dst = append(dst, src[copied:i]...)
				copied = j
			}
			k := end
			for isSpace(src[k-1]) {
				k--
			}
			if k < end && nextIsBlock(src[end:]) {
				dst = append(dst, src[copied:k]...)
				copied = end
			}
			i, prevBlock = end, false
		}
	}
	return append(dst, src[copied:]...)
}

// nextIsBlock reports whether src starts with a block-level tag, after
// any end tags of inline elements and white space: white space before
// "</span>\n</p>" ends a line.
func nextIsBlock(src []byte) bool {
	for len(src) > 1 && src[0] == '<' {
		name, closing := tagName(src)
		if name == nil {
			return false
		}
		if tagKind(name).isBlock() {
			return true
		}
		if !closing {
			return false
		}
		src = src[tagSize(src):]
		for len(src) > 0 && isSpace(src[0]) {
			src = src[1:]
		}
	}
	return false
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f'
}
