package notes

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"github.com/flipdeck/flipdeck/internal/diag"
)

// normaliseSource turns the file's bytes into text the rest of the package
// can trust: no byte-order mark, LF line endings only (with CRLF the
// original plugin finds no cards, so we must not depend on them), and
// valid UTF-8. Each line holding invalid bytes gets one warning; the bad
// bytes become U+FFFD so that later steps never see broken runes.
//
// Most files need none of this: then src itself is returned, not a copy.
// The result is only read, never kept: every string the parser returns is
// cut from copies (Body, the frontmatter), never from src.
func normaliseSource(path string, src []byte) ([]byte, []diag.Diagnostic) {
	s := bytes.TrimPrefix(src, []byte("\uFEFF"))
	if bytes.IndexByte(s, '\r') >= 0 {
		s = crToLF(s)
	}
	if utf8.Valid(s) {
		return s, nil
	}
	var diags []diag.Diagnostic
	var b bytes.Buffer
	b.Grow(len(s) + 16)
	lineNo := 1
	for rest := s; ; lineNo++ {
		ln, tail, more := bytes.Cut(rest, []byte{'\n'})
		if !utf8.Valid(ln) {
			diags = append(diags, diag.Diagnostic{
				File: path, Line: lineNo, Kind: diag.KindInvalidUTF8, Severity: diag.Warning,
				Message: fmt.Sprintf("line %d is not valid UTF-8; the bad bytes are shown as \uFFFD: save the file as UTF-8", lineNo),
			})
			ln = bytes.ToValidUTF8(ln, []byte("\uFFFD"))
		}
		b.Write(ln)
		if !more {
			break
		}
		b.WriteByte('\n')
		rest = tail
	}
	return b.Bytes(), diags
}

// crToLF returns a copy of s with CRLF and lone CR turned into LF.
func crToLF(s []byte) []byte {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\r' {
			if i+1 < len(s) && s[i+1] == '\n' {
				continue // the LF that follows is kept
			}
			c = '\n'
		}
		out = append(out, c)
	}
	return out
}
