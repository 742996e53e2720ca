// Package displaymath holds the rule that pairs the $$ delimiters of
// display math across lines. The note reader (which must never take a
// line of math for card syntax) and the Markdown renderer (which must
// show the math) both follow it, so that they always agree on where a
// formula starts and ends.
//
// Obsidian (MathJax) pairs $$ with the next $$ whatever lies between,
// blank lines included: a formula may hold empty lines. Pairing without
// any bound, though, lets one forgotten $$ turn the rest of a note into
// math, and every later pair into prose. So a $$ left open on its line
// is closed by the first later line holding $$, but only if that line
// comes before
//
//   - a heading or a code fence (formulas hold neither), and
//   - for a $$ written after text on its line (inline use), a blank line:
//     such a formula lives inside one paragraph.
//
// Otherwise the $$ is text, and the renderer warns that it is unclosed.
package displaymath

import "bytes"

// Delim is the display math delimiter.
const Delim = "$$"

// CloserLine reports on which line of rest the $$ that opened just before
// rest closes: the index of the first line holding $$, or -1 when a
// heading, a code fence, the end of rest or (with inParagraph) a blank
// line comes first. rest starts at the line after the opening one.
// Container markers (">" of quotes and callouts, indentation) are skipped
// before a line is judged, as the lines may belong to a quote or a list
// item.
func CloserLine(rest []byte, inParagraph bool) int {
	for n := 0; len(rest) > 0; n++ {
		line, tail, _ := bytes.Cut(rest, []byte{'\n'})
		if bytes.Contains(line, []byte(Delim)) {
			return n
		}
		t := bytes.TrimLeft(line, " \t>") // container markers
		if isHeading(t) || isFence(t) || inParagraph && len(bytes.TrimSpace(t)) == 0 {
			return -1
		}
		rest = tail
	}
	return -1
}

// isHeading reports an ATX heading: one to six '#' and then a space, a
// tab or the end of the line ("#tag" is a tag, not a heading).
func isHeading(t []byte) bool {
	n := 0
	for n < len(t) && t[n] == '#' {
		n++
	}
	if n == 0 || n > 6 {
		return false
	}
	return n == len(t) || t[n] == ' ' || t[n] == '\t' || t[n] == '\r'
}

// isFence reports a line starting a (or ending a) code fence.
func isFence(t []byte) bool {
	return bytes.HasPrefix(t, []byte("```")) || bytes.HasPrefix(t, []byte("~~~"))
}
