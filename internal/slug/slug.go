// Package slug turns names (deck levels, headings, file names) into the
// lower-case, URL-safe pieces used in output file names and anchors.
// Both the renderer (heading ids) and the link resolver use it, so a
// wikilink [[Note#Heading]] points at the id the heading really gets.
package slug

import (
	"strings"
	"unicode"
)

// Make returns a slug for s: letters and digits of any script are kept
// (lower-cased), every other run of characters becomes one '-'. An input
// with nothing left gives "x".
func Make(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	if b.Len() == 0 {
		return "x"
	}
	return b.String()
}
