package markdown

// Plain paragraphs: most card questions ("What is log compaction?") and
// many short answers are one line of words and common punctuation, in
// which nothing is Markdown. goldmark still makes a parser context,
// parses blocks and inlines, runs every transformer and renderer over
// the tree, and pools nothing of it: about 8 µs and 1.9 KB a call, for
// a paragraph whose HTML is the text itself. A build renders tens of
// thousands of them, so Render writes that paragraph directly when the
// text cannot hold anything else (plainLine).
//
// The text qualifies only if every one of its bytes is one that no
// block or inline parser of the pipeline reacts to, wherever it stands:
// ASCII letters and digits, the space, and , . ? ; ' " ( ) -; it starts
// with a letter (a digit may start an ordered list, "1. x"; a '-' a
// list or a rule) and ends with something other than a space (trailing
// spaces are trimmed, two of them make a line break); it has no line
// break (hard wraps) and no "www." (linkify, see gate.go). Such a text
// is one paragraph holding one text node: goldmark writes it HTML-
// escaped between <p> and </p>, and our transformers have nothing to
// change (no heading, block id, link, math, raw HTML or blank edge).
// plainpara_test.go compares it with the full pipeline.

// plainByte says which bytes a plain paragraph may hold.
var plainByte = func() (t [256]bool) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = true
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = true
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for _, c := range " ,.?;'\"()-" {
		t[c] = true
	}
	return t
}()

// isLetter reports whether c is an ASCII letter.
func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// plainLine returns the HTML goldmark writes for src when src is a
// plain paragraph (see above), and false otherwise.
func plainLine(src string) (string, bool) {
	if src == "" || !isLetter(src[0]) || src[len(src)-1] == ' ' {
		return "", false
	}
	quotes := 0
	for i := 0; i < len(src); i++ {
		c := src[i]
		if !plainByte[c] {
			return "", false
		}
		switch c {
		case '"':
			quotes++
		case '.':
			if i >= 3 && isWWW(src[i-3:i]) {
				return "", false
			}
		}
	}
	const open, close, quot = "<p>", "</p>\n", "&quot;"
	b := make([]byte, 0, len(open)+len(src)+quotes*(len(quot)-1)+len(close))
	b = append(b, open...)
	for i := 0; i < len(src); i++ {
		if src[i] == '"' {
			b = append(b, quot...)
		} else {
			b = append(b, src[i])
		}
	}
	b = append(b, close...)
	return string(b), true
}

// isWWW reports whether s is "www" in any case: linkify's gate looks
// for "www." as written, goldmark's linkify in any case, so neither
// kind is taken as plain.
func isWWW(s string) bool {
	return len(s) == 3 && s[0]|0x20 == 'w' && s[1]|0x20 == 'w' && s[2]|0x20 == 'w'
}
