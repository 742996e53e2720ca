package notes

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/flipdeck/flipdeck/internal/diag"
)

// normaliseSource turns the file's bytes into text the rest of the package
// can trust: no byte-order mark, LF line endings only (with CRLF the
// original plugin finds no cards, so we must not depend on them), and
// valid UTF-8. Each line holding invalid bytes gets one warning; the bad
// bytes become U+FFFD so that later steps never see broken runes.
func normaliseSource(path string, src []byte) (string, []diag.Diagnostic) {
	s := string(src)
	s = strings.TrimPrefix(s, "\uFEFF")
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	if utf8.ValidString(s) {
		return s, nil
	}
	var diags []diag.Diagnostic
	var b strings.Builder
	b.Grow(len(s) + 16)
	lineNo := 1
	for rest := s; ; lineNo++ {
		ln, tail, more := strings.Cut(rest, "\n")
		if !utf8.ValidString(ln) {
			diags = append(diags, diag.Diagnostic{
				File: path, Line: lineNo, Kind: diag.KindInvalidUTF8, Severity: diag.Warning,
				Message: fmt.Sprintf("line %d is not valid UTF-8; the bad bytes are shown as \uFFFD: save the file as UTF-8", lineNo),
			})
			ln = strings.ToValidUTF8(ln, "\uFFFD")
		}
		b.WriteString(ln)
		if !more {
			break
		}
		b.WriteByte('\n')
		rest = tail
	}
	return b.String(), diags
}
