package markdown

import "bytes"

// Obsidian comments: %%text%% (inline or over several lines, even over
// blank lines) are removed before parsing, because a comment may span
// several Markdown blocks, which no goldmark parser can see at once. The
// scan skips fenced code, inline code and math, where %% is content.
// Newlines inside a comment are kept so line numbers stay right.

// stripComments returns src without %%comments%%; src itself is reused
// when it has none.
func stripComments(src []byte) []byte {
	if !bytes.Contains(src, []byte("%%")) {
		return src
	}
	out := make([]byte, 0, len(src))
	var fence []byte // the open fence's marker, nil outside fences
	i := 0
	for i < len(src) {
		if i == 0 || src[i-1] == '\n' {
			var end int
			if end, fence = fenceLine(src, i, fence); end > i {
				out = append(out, src[i:end]...)
				i = end
				continue
			}
		}
		if end := verbatimEnd(src, i); end > i {
			out = append(out, src[i:end]...)
			i = end
			continue
		}
		if src[i] == '%' && i+1 < len(src) && src[i+1] == '%' {
			j := bytes.Index(src[i+2:], []byte("%%"))
			if j < 0 { // unclosed: keep it visible rather than hide the rest
				out = append(out, src[i:]...)
				i = len(src)
				continue
			}
			for _, b := range src[i+2 : i+2+j] {
				if b == '\n' {
					out = append(out, '\n')
				}
			}
			i += 2 + j + 2
			continue
		}
		out = append(out, src[i])
		i++
	}
	return out
}

// fenceLine reads the line that starts at src[i] given the marker of the
// open fence (nil outside fences). When it is a fence line or inside a
// fence, which is copied as it is, it returns the line's end; else i. It
// also returns the marker of the fence open after the line.
func fenceLine(src []byte, i int, fence []byte) (int, []byte) {
	end := bytes.IndexByte(src[i:], '\n')
	if end < 0 {
		end = len(src)
	} else {
		end += i + 1
	}
	line := src[i:end]
	if m := fenceMarker(line); m != nil {
		if fence == nil {
			fence = m
		} else if m[0] == fence[0] && len(m) >= len(fence) && isClosingFence(line) {
			fence = nil
		}
		return end, fence
	}
	if fence != nil {
		return end, fence
	}
	return i, fence
}

// verbatimEnd returns the end of the escape, backtick run or code span,
// or dollar run or math at src[i], where %% is content; or i when none
// starts there.
func verbatimEnd(src []byte, i int) int {
	switch c := src[i]; {
	case c == '\\' && i+1 < len(src) && src[i+1] != '\n':
		return i + 2
	case c == '`':
		n := runLen(src, i, '`')
		if j := findRun(src, i+n, '`', n); j >= 0 {
			return j + n
		}
		return i + n
	case c == '$':
		n := 1
		if i+1 < len(src) && src[i+1] == '$' {
			n = 2
		}
		closer := src[i : i+n]
		limit := len(src)
		if n == 1 {
			if nl := bytes.IndexByte(src[i+1:], '\n'); nl >= 0 {
				limit = i + 1 + nl
			}
		}
		if j := bytes.Index(src[i+n:limit], closer); j >= 0 {
			return i + n + j + n
		}
		return i + n
	}
	return i
}

// fenceMarker returns the ``` or ~~~ run opening line (after blockquote
// markers and indentation), or nil.
func fenceMarker(line []byte) []byte {
	t := bytes.TrimLeft(line, " \t>")
	if len(t) < 3 || (t[0] != '`' && t[0] != '~') {
		return nil
	}
	n := runLen(t, 0, t[0])
	if n < 3 {
		return nil
	}
	if t[0] == '`' && bytes.IndexByte(t[n:], '`') >= 0 {
		return nil // ```foo` is inline code, not a fence
	}
	return t[:n]
}

func isClosingFence(line []byte) bool {
	t := bytes.TrimLeft(line, " \t>")
	n := runLen(t, 0, t[0])
	return len(bytes.TrimSpace(t[n:])) == 0
}

func runLen(b []byte, i int, c byte) int {
	n := 0
	for i+n < len(b) && b[i+n] == c {
		n++
	}
	return n
}

// findRun finds the next run of exactly n bytes c at or after i, not
// crossing a blank line (where an inline code span cannot continue).
func findRun(b []byte, i int, c byte, n int) int {
	for i < len(b) {
		if b[i] == '\n' && i+1 < len(b) && b[i+1] == '\n' {
			return -1
		}
		if b[i] == c {
			m := runLen(b, i, c)
			if m == n {
				return i
			}
			i += m
			continue
		}
		i++
	}
	return -1
}
