// Package diag holds the problems found while building a site: each one
// names the file and line it comes from, a kind (for the counts printed at
// the end of a build) and a message that says what is wrong and what to do.
package diag

import (
	"fmt"
	"sort"
	"strings"
)

// Severity says whether a problem stops the build.
type Severity int

const (
	Warning Severity = iota // reported; the build goes on (fails under -strict)
	Error                   // the build fails
)

// Kinds of problems. The build summary counts diagnostics by kind.
const (
	KindYAML          = "broken-yaml"
	KindEmptyAnswer   = "empty-answer"
	KindDuplicate     = "duplicate-question"
	KindMissingEmbed  = "missing-embed"
	KindMissingLink   = "missing-link"
	KindOutsideSource = "outside-source"
	KindInvalidUTF8   = "invalid-utf8"
	KindUnreadable    = "unreadable-file"
	KindTooLarge      = "file-too-large"
	KindMath          = "math"
	KindSyntax        = "card-syntax"
	// KindLimit: an input past a bound that keeps builds fast and small
	// (note embeds, code highlighting, nesting); shown in a simpler form.
	KindLimit = "limit"
)

// Diagnostic is one problem at one place.
type Diagnostic struct {
	File     string // slash-separated path relative to the source folder
	Line     int    // 1-based; 0 when the problem concerns the whole file
	Kind     string
	Message  string
	Severity Severity
}

// String is the diagnostic as one line, "file:line: warning: message":
// line breaks and other control characters in the file name or the
// message are written as escapes (\n, \r, \x1b, \u2028), so that every
// problem stays one line for the reader and for tools, and a file name
// cannot send a terminal escape sequence.
func (d Diagnostic) String() string {
	level := "warning"
	if d.Severity == Error {
		level = "error"
	}
	file, msg := OneLine(d.File), OneLine(d.Message)
	if d.Line > 0 {
		return fmt.Sprintf("%s:%d: %s: %s", file, d.Line, level, msg)
	}
	return fmt.Sprintf("%s: %s: %s", file, level, msg)
}

// OneLine returns s with control characters other than tab, and the
// Unicode line and paragraph separators, escaped. Most strings have
// none and are returned as they are. Anything printed that may hold a
// file name goes through it.
func OneLine(s string) string {
	i := strings.IndexFunc(s, breaksLine)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		switch {
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case breaksLine(r) && r < 0x100:
			fmt.Fprintf(&b, `\x%02x`, r)
		case breaksLine(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// breaksLine reports a character that OneLine escapes: a C0 or C1
// control other than tab, DEL, or U+2028/U+2029.
func breaksLine(r rune) bool {
	return r < 0x20 && r != '\t' || r >= 0x7f && r < 0xa0 || r == 0x2028 || r == 0x2029
}

// Sort orders diagnostics by file, line, then message, so that output does
// not depend on the order in which parallel work finished.
func Sort(ds []Diagnostic) {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Message < b.Message
	})
}
