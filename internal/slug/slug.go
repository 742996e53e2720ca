// Package slug turns names (deck levels, headings, file names) into the
// lower-case, URL-safe pieces used in output file names and anchors.
// Both the renderer (heading ids) and the link resolver use it, so a
// wikilink [[Note#Heading]] points at the id the heading really gets.
package slug

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"
	"unicode/utf8"
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

// MaxFile is the longest slug, in bytes, that File keeps as it is. A
// file name may have 255 bytes on common file systems; gen adds up to
// about 40 (a clash number, the extension, and the ".gen-….bak" name of
// the backup it makes while replacing a file), so a slug of 200 bytes
// fits, and every slug that was ever written as a file is left alone.
const MaxFile = 200

// File returns s (a slug) as it is when it has at most MaxFile bytes,
// else its first bytes (whole characters) then "-" and 16 hex digits of
// the SHA-256 of the whole of s, so that a long name keeps a stable,
// recognisable and distinct file name.
func File(s string) string {
	if len(s) <= MaxFile {
		return s
	}
	sum := sha256.Sum256([]byte(s))
	suffix := "-" + hex.EncodeToString(sum[:8])
	cut := MaxFile - len(suffix)
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return strings.TrimRight(s[:cut], "-") + suffix
}
