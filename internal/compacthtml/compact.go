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
	copied := 0 // src[:copied] is in dst, or dropped
	var after tagsBefore
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == '<':
			m := readMarkup(src[i:])
			if m.size == 0 { // a '<' of text
				i++
				after.text()
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
			case m.name == nil:
				after.text() // a doctype: nothing to go by
			case m.closing:
				after.endTag(m.name)
			case mayKeepContent(m.name) && tagKind(m.name).keepsContent():
				// Its content is kept as it is, up to its end tag,
				// which the next turn reads.
				i += indexEndTag(src[i:], m.name)
				after.text()
			default:
				after.startTag(m.name)
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
				if after.block() || nextIsBlock(src[end:]) {
					dst = append(dst, src[copied:i]...)
					copied = end
				} else {
					after.text()
				}
				i = end
				continue
			}
			if j > i && after.block() {
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
			i = end
			after.text()
		}
	}
	return append(dst, src[copied:]...)
}

// tagsBefore is what comes before the place a compaction has reached,
// as far as white space there is concerned: whether it follows a block
// tag, through end tags of inline elements ("</p></span>"). Telling a
// block tag from an inline one is much of the work, and most tags are
// followed by text, so the last tag's kind is worked out only when
// asked for.
type tagsBefore struct {
	block0 bool   // a block tag ends the tags before last
	last   []byte // the name of the last tag, if a tag is last
}

// block reports whether white space here follows a block tag.
func (t *tagsBefore) block() bool {
	return t.block0 || t.last != nil && tagKind(t.last).isBlock()
}

func (t *tagsBefore) startTag(name []byte) { *t = tagsBefore{last: name} }

// endTag: the end tag of an inline element shows nothing, so what was
// before it still counts.
func (t *tagsBefore) endTag(name []byte) { *t = tagsBefore{block0: t.block(), last: name} }

func (t *tagsBefore) text() { *t = tagsBefore{} }

// nextIsBlock reports whether src starts with a block-level tag, after
// any end tags of inline elements and white space: white space before
// "</span>\n</p>" ends a line. It looks past at most maxLookahead end
// tags, as the minifier did, so that white space before each of
// thousands of them does not make compacting quadratic.
func nextIsBlock(src []byte) bool {
	for n := 0; len(src) > 1 && src[0] == '<' && n <= maxLookahead; n++ {
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

const maxLookahead = 100

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f'
}
