// Package diag holds the problems found while building a site: each one
// names the file and line it comes from, a kind (for the counts printed at
// the end of a build) and a message that says what is wrong and what to do.
package diag

import (
	"fmt"
	"sort"
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
)

// Diagnostic is one problem at one place.
type Diagnostic struct {
	File     string // slash-separated path relative to the source folder
	Line     int    // 1-based; 0 when the problem concerns the whole file
	Kind     string
	Message  string
	Severity Severity
}

func (d Diagnostic) String() string {
	level := "warning"
	if d.Severity == Error {
		level = "error"
	}
	if d.Line > 0 {
		return fmt.Sprintf("%s:%d: %s: %s", d.File, d.Line, level, d.Message)
	}
	return fmt.Sprintf("%s: %s: %s", d.File, level, d.Message)
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
