package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
)

// Block ids: a " ^abc-1" at the end of a line (Obsidian's block
// reference target, and the Flashcards plugin's card id) is removed, and
// a paragraph holding only block ids disappears. This works on the
// parsed tree, so a "^x" inside code or math is never touched.

// isBlockID reports whether b is "^" followed by letters, digits and '-'.
func isBlockID(b []byte) bool {
	if len(b) < 2 || b[0] != '^' {
		return false
	}
	for _, c := range b[1:] {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// stripBlockIDs trims block ids from the ends of the lines of an inline
// container (paragraph, text block, heading).
func stripBlockIDs(n ast.Node, src []byte) {
	var next ast.Node
	for c := n.FirstChild(); c != nil; c = next {
		next = c.NextSibling()
		t, ok := c.(*ast.Text)
		if !ok || (next != nil && !t.SoftLineBreak() && !t.HardLineBreak()) {
			continue
		}
		v := t.Segment.Value(src)
		trimmed := bytes.TrimRight(v, " \t")
		i := bytes.LastIndexAny(trimmed, " \t")
		word := trimmed[i+1:]
		if !isBlockID(word) {
			continue
		}
		if i < 0 {
			// The node is only the id: it must start its line or follow
			// a space or raw HTML ("﹈<br>^id" in one vault).
			if prev := c.PreviousSibling(); prev != nil && !isLineEnd(prev) && prev.Kind() != ast.KindRawHTML {
				pt, isText := prev.(*ast.Text)
				if !isText {
					continue
				}
				pv := pt.Segment.Value(src)
				if len(pv) == 0 || (pv[len(pv)-1] != ' ' && pv[len(pv)-1] != '\t') {
					continue
				}
			}
		}
		keep := bytes.TrimRight(trimmed[:i+1], " \t")
		t.Segment = t.Segment.WithStop(t.Segment.Start + len(keep))
		if len(keep) > 0 {
			continue
		}
		// Nothing left of this node.
		if next == nil {
			// The last line of the block: the line before must not end
			// with a break now.
			if p, ok := c.PreviousSibling().(*ast.Text); ok {
				p.SetSoftLineBreak(false)
				p.SetHardLineBreak(false)
			}
			n.RemoveChild(n, c)
		} else if prev := c.PreviousSibling(); prev == nil || isLineEnd(prev) {
			n.RemoveChild(n, c) // a whole line: drop it with its break
		}
	}
}

func isLineEnd(n ast.Node) bool {
	t, ok := n.(*ast.Text)
	return ok && (t.SoftLineBreak() || t.HardLineBreak())
}
