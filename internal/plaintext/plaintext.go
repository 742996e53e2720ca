// Package plaintext turns the HTML the site's Markdown renderer writes
// into the plain text a reader sees: what cards.json and the search hold
// of each card, a card's breadcrumb, and the deck page's table of
// contents. It knows HTML, not flashcards.
package plaintext

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// FromHTML turns rendered HTML into readable plain text for cards.json and
// the site search: tags dropped, character references decoded, block
// elements on their own lines, <br> one line break (the newline our
// renderer writes after it is not a second one), <img> as "[alt]", the
// content of <script> and <style> dropped, white space tidied. A formula
// gives its TeX source once: the <annotation encoding="application/x-tex">
// that texmath writes into each <math> stands for the whole <math>
// (MathML without one keeps its tokens' text).
//
// The text of a <pre> (a code block, highlighted or not) is code: its
// lines are kept as written, every space, tab and blank line of them,
// as a browser shows them (the newline right after a <pre> start tag
// dropped, as HTML drops it; "\r\n" and "\r" read as "\n", as HTML reads
// them). Only its blank lines at the start and end go: they join the
// line break or blank line that parts the block from the text around
// it, which is tidied as everywhere else.
//
// It runs for both sides of every card, so it is a small scanner rather
// than a loop over x/net/html's Tokenizer, which cost about 6% of a build.
// On well-formed HTML, which is what our renderer writes, it gives exactly
// what that loop gives (plaintext_test.go keeps it as a reference and compares
// the two on every rendered note); on malformed HTML it gives sensible text.
func FromHTML(s string) string {
	sc := scratchPool.Get().(*scratch)
	sc.buf, sc.code = htmlText(sc.buf[:0], sc.code[:0], s)
	sc.code = codeLines(sc.buf, sc.code)
	sc.buf = tidyBytes(sc.buf, sc.code)
	text := string(sc.buf)
	if cap(sc.buf) > 64<<10 {
		sc.buf = nil // one huge card should not pin its buffer for the build
	}
	if cap(sc.code) > 1<<10 {
		sc.code = nil
	}
	scratchPool.Put(sc)
	return text
}

// scratch is FromHTML's working memory: the text, and where the code
// in it is.
type scratch struct {
	buf  []byte
	code []span
}

// span is the bytes [from, to) of a buffer.
type span struct{ from, to int }

// scratchPool holds scratch memory for FromHTML (cards are rendered in
// parallel).
var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// htmlText appends the text of the HTML s to buf: '\n' for each block tag,
// "[alt]" for each image, a formula's TeX, white space left for tidyBytes.
// It appends to code where the text of each <pre> is in buf (in order,
// apart). Markup that s ends in the middle of ends the text.
func htmlText(buf []byte, code []span, s string) ([]byte, []span) {
	var m mathText
	m.reset()
	p := preText{spans: code}
	brEnd := -1 // len(buf) after the last <br>'s '\n', until the next markup
	preNL := -1 // len(buf) after the last <pre> start tag, until the next markup
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			buf = appendText(buf, s, p.depth > 0)
			return p.end(dropPreNewline(dropBrNewline(buf, brEnd), preNL))
		}
		buf = appendText(buf, s[:i], p.depth > 0) // splitting text at a lone '<' is harmless
		s = s[i:]
		end := 1 // the length of the markup, or -1 if s ends first
		if strings.HasPrefix(s, "<!--") {
			buf, brEnd = dropBrNewline(buf, brEnd), -1
			buf, preNL = dropPreNewline(buf, preNL), -1
			// Searching from the first '-' also ends "<!-->" and "<!--->".
			if end = strings.Index(s[2:], "-->"); end >= 0 {
				end += 5
			}
		} else if len(s) > 1 && startsMarkup(s[1]) {
			buf, brEnd = dropBrNewline(buf, brEnd), -1
			buf, preNL = dropPreNewline(buf, preNL), -1
			// A tag; a doctype, "<?...>" or "</ ...>" reads as a tag that
			// is none of those below.
			var name, attr string
			var k int
			name, k, attr, end = readTag(s) // name is "" if s ends first
			closing := s[1] == '/'
			switch {
			case k == tagBlock:
				buf = append(buf, '\n')
				if !closing && len(name) == 2 && name[0]|0x20 == 'b' { // <br>
					brEnd = len(buf)
				}
			case k == tagPre:
				if closing {
					p.close(len(buf))
				}
				buf = append(buf, '\n')
				if !closing {
					p.open(len(buf))
					preNL = len(buf)
				}
			case k == tagImg && attr != "" && !closing:
				buf = append(appendText(append(buf, '['), attr, p.depth > 0), ']')
			case k == tagSkip && !closing:
				end += skipEnd(s[end:], name)
			case k == tagMath:
				buf = m.math(buf, closing, &p)
			case k == tagAnnotation:
				m.annotation(buf, closing, attr)
			}
		} else {
			buf = append(buf, '<') // not markup
		}
		if end < 0 {
			return p.end(buf)
		}
		s = s[end:]
	}
}

// preText keeps track of the <pre> elements in htmlText's output.
type preText struct {
	spans []span // the text of those closed, in order
	depth int    // how many are open
	from  int    // where the text of the outermost open one starts
}

// open and close handle a <pre> start and end tag at len(buf) n.
func (p *preText) open(n int) {
	if p.depth == 0 {
		p.from = n
	}
	p.depth++
}

func (p *preText) close(n int) {
	if p.depth == 0 {
		return
	}
	if p.depth--; p.depth == 0 && n > p.from {
		p.spans = append(p.spans, span{p.from, n})
	}
}

// end closes the <pre> elements left open at the end of buf.
func (p *preText) end(buf []byte) ([]byte, []span) {
	if p.depth > 0 {
		p.depth = 1
		p.close(len(buf))
	}
	return buf, p.spans
}

// moved follows buf[from:to] moved to buf[start:] (start <= from),
// replacing what was there, buf having been n bytes long: a formula
// replaced by its TeX. Each moved byte stays code or not code.
func (p *preText) moved(start, from, to, n int) {
	i := len(p.spans)
	for i > 0 && p.spans[i-1].to > start {
		i--
	}
	if i == len(p.spans) && p.depth == 0 {
		return // no code in buf[start:]
	}
	old := append([]span(nil), p.spans[i:]...) // rare: code and math cross
	if p.depth > 0 && p.from < n {
		old = append(old, span{p.from, n})
	}
	p.spans = p.spans[:i]
	if len(old) > 0 && old[0].from < start {
		p.spans = append(p.spans, span{old[0].from, start})
	}
	shift := from - start
	for _, o := range old {
		if a, b := max(o.from, from), min(o.to, to); a < b {
			p.spans = append(p.spans, span{a - shift, b - shift})
		}
	}
	if p.depth > 0 {
		p.from = to - shift // codeLines joins spans that touch
	}
}

// dropPreNewline removes the line break that the text right after a
// <pre> start tag starts with, as HTML does: buf[at:] is that text,
// decoded (its line breaks read as '\n'); at < 0 means there was no
// <pre> right before it.
func dropPreNewline(buf []byte, at int) []byte {
	if at < 0 || at >= len(buf) || buf[at] != '\n' {
		return buf
	}
	return append(buf[:at], buf[at+1:]...)
}

// dropBrNewline removes the line break that the text after a <br> starts
// with (after spaces and tabs): buf[brEnd:] is that text, decoded; brEnd
// < 0 means there was no <br> right before it. Our renderer writes a
// newline after each <br>, which would otherwise make a second one.
func dropBrNewline(buf []byte, brEnd int) []byte {
	if brEnd < 0 {
		return buf
	}
	i := brEnd
	for i < len(buf) && (buf[i] == ' ' || buf[i] == '\t') {
		i++
	}
	n := 0
	switch {
	case i+1 < len(buf) && buf[i] == '\r' && buf[i+1] == '\n':
		n = 2
	case i < len(buf) && (buf[i] == '\n' || buf[i] == '\r'):
		n = 1
	}
	if n == 0 {
		return buf
	}
	return append(buf[:i], buf[i+n:]...)
}

// mathText keeps track of a <math> element in htmlText's output, so that
// its text can be replaced by the TeX of its annotation when it ends.
type mathText struct {
	start          int  // len(buf) at <math>; -1 outside math
	texFrom, texTo int  // the TeX annotation's text in buf; -1 until read
	inTeX          bool // inside that annotation
}

func (m *mathText) reset() { *m = mathText{start: -1, texFrom: -1, texTo: -1} }

// math handles a <math> start tag or a </math> end tag; p learns where
// code moves.
func (m *mathText) math(buf []byte, closing bool, p *preText) []byte {
	switch {
	case !closing && m.start < 0:
		m.start = len(buf)
	case closing && m.start >= 0:
		if m.texTo >= 0 {
			p.moved(m.start, m.texFrom, m.texTo, len(buf))
			n := copy(buf[m.start:], buf[m.texFrom:m.texTo])
			buf = buf[:m.start+n]
		}
		m.reset()
	}
	return buf
}

// annotation handles an <annotation> start tag (with its encoding
// attribute) or end tag: the first TeX annotation of a formula is its
// source.
func (m *mathText) annotation(buf []byte, closing bool, encoding string) {
	switch {
	case !closing && m.start >= 0 && m.texFrom < 0 && isTeXEncoding(encoding):
		m.texFrom, m.inTeX = len(buf), true
	case closing && m.inTeX:
		m.texTo, m.inTeX = len(buf), false
	}
}

// isTeXEncoding reports the encoding attribute value of a TeX annotation.
func isTeXEncoding(v string) bool {
	if strings.IndexByte(v, '&') >= 0 {
		v = html.UnescapeString(v)
	}
	return strings.EqualFold(v, "application/x-tex")
}

// startsMarkup reports whether c, after a '<', starts a tag, a comment, a
// doctype or the like.
func startsMarkup(c byte) bool {
	return 'a' <= c|0x20 && c|0x20 <= 'z' || c == '/' || c == '!' || c == '?'
}

// appendText appends t with its character references decoded; in code
// (pre), with "\r\n" and "\r" read as "\n" first, as HTML reads them.
func appendText(buf []byte, t string, pre bool) []byte {
	if pre && strings.IndexByte(t, '\r') >= 0 {
		t = newlines.Replace(t)
	}
	if strings.IndexByte(t, '&') < 0 {
		return append(buf, t...)
	}
	return append(buf, html.UnescapeString(t)...)
}

// newlines reads line breaks as HTML does.
var newlines = strings.NewReplacer("\r\n", "\n", "\r", "\n")

// readTag reads the start or end tag at the start of s. It returns the
// tag's name and kind (tagKind), the value of the first attribute its
// kind asks for (alt of an img, encoding of an annotation), and its
// length, or -1 if s ends first.
func readTag(s string) (name string, kind int, attr string, n int) {
	p := 1
	if s[1] == '/' {
		p = 2
	}
	name = s[p:upTo(s, p, endName)]
	p += len(name)
	want := ""
	switch kind = tagKind(name); kind {
	case tagImg:
		want = "alt"
	case tagAnnotation:
		want = "encoding"
	}
	for found := want == ""; p < len(s); {
		if c := s[p]; c == '>' {
			return name, kind, attr, p + 1
		} else if stops[c]&endName != 0 { // white space or '/'
			p++
			continue
		}
		key, v := s[p:upTo(s, p, endKey)], ""
		if p = skipSpace(s, p+len(key)); p < len(s) && s[p] == '=' {
			if p = skipSpace(s, p+1); p < len(s) && (s[p] == '"' || s[p] == '\'') {
				i := strings.IndexByte(s[p+1:], s[p])
				if i < 0 {
					break
				}
				v, p = s[p+1:p+1+i], p+i+2
			} else {
				v = s[p:upTo(s, p, endValue)]
				p += len(v)
			}
		}
		if !found && strings.EqualFold(key, want) {
			attr, found = v, true
		}
	}
	return "", tagOther, "", -1
}

// upTo returns the index of the first byte of s[p:] that ends a word of
// kind end (see stops), or len(s).
func upTo(s string, p int, end uint8) int {
	for p < len(s) && stops[s[p]]&end == 0 {
		p++
	}
	return p
}

// skipSpace returns the index of the first byte of s[p:] that is not
// white space, or len(s).
func skipSpace(s string, p int) int {
	for p < len(s) && stops[s[p]] == 1 {
		p++
	}
	return p
}

// stops sorts the bytes that end words in a tag; white space is 1.
var stops = [256]uint8{' ': 1, '\t': 1, '\n': 1, '\f': 1, '\r': 1, '>': 2, '/': 4, '=': 8}

const (
	endValue = 1 | 2        // an unquoted attribute value ends at white space or '>',
	endName  = endValue | 4 // a tag name also at '/',
	endKey   = endName | 8  // and an attribute name also at '='.
)

// skipEnd returns where the content of the <script> or <style> element
// name that starts s ends: at its end tag (in any case), or at len(s).
func skipEnd(s, name string) int {
	for i := 0; ; {
		j := strings.Index(s[i:], "</")
		if j < 0 {
			return len(s)
		}
		i += j + 2
		if e := i + len(name); e < len(s) && strings.EqualFold(s[i:e], name) && stops[s[e]]&endName != 0 {
			return i - 2
		}
	}
}

// Kinds of tag (see tagKind).
const (
	tagOther = iota
	tagBlock // starts and ends a line
	tagPre   // a block whose text is code
	tagImg   // gives its alt text
	tagSkip  // script or style: its content is dropped
	tagMath
	tagAnnotation
)

// tagKind classifies a tag name, ignoring case.
func tagKind(name string) int {
	switch strings.ToLower(name) { // which allocates only for upper case
	case "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
		"table", "ul", "ol", "blockquote", "details", "summary":
		return tagBlock
	case "pre":
		return tagPre
	case "img":
		return tagImg
	case "script", "style":
		return tagSkip
	case "math":
		return tagMath
	case "annotation":
		return tagAnnotation
	}
	return tagOther
}

// codeLines turns the spans of code text in b (in order, apart or
// touching) into the code tidyBytes keeps as written: spans that touch
// joined, and each cut to its lines from the first to the last that is
// not blank (all white space, unicode.IsSpace); a span with none goes.
// A line ends at '\n', and the last at the span's end.
func codeLines(b []byte, code []span) []span {
	out := code[:0]
	for i := 0; i < len(code); {
		c := code[i]
		for i++; i < len(code) && code[i].from == c.to; i++ {
			c.to = code[i].to
		}
		from, to, line, word := -1, -1, c.from, false
		for r := c.from; r < c.to; {
			switch b[r] {
			case '\n':
				if word {
					to = r
				}
				line, word, r = r+1, false, r+1
				continue
			case ' ', '\t', '\v', '\f', '\r':
				r++
				continue
			}
			if b[r] >= utf8.RuneSelf {
				ru, n := utf8.DecodeRune(b[r:c.to])
				if r += n; unicode.IsSpace(ru) {
					continue
				}
			} else {
				r++
			}
			if from < 0 {
				from = line
			}
			word = true
		}
		if word {
			to = c.to
		}
		if from >= 0 {
			out = append(out, span{from, to})
		}
	}
	return out
}

// tidyBytes tidies text in place and returns it, as strings.Fields would:
// white space (unicode.IsSpace) within a line collapsed to one space,
// lines trimmed, runs of blank lines collapsed to one, and blank lines at
// the start and end dropped. Lines end at '\n' only. Each span of code
// (in order, apart) is a word kept as written, white space and all.
func tidyBytes(b []byte, code []span) []byte {
	w, lines, space := 0, 0, false // lines counts the '\n's since the last word
	next := len(b)                 // where the next code starts, or len(b)
	if len(code) > 0 {
		next = code[0].from
	}
	for r := 0; r < len(b); {
		var e int // where the word at b[r] ends
		if r == next {
			e, code = code[0].to, code[1:]
			next = len(b)
			if len(code) > 0 {
				next = code[0].from
			}
		} else {
			switch spaceClass[b[r]] {
			case 1:
				space, r = true, r+1
				continue
			case 2:
				lines, r = lines+1, r+1
				continue
			case 3:
				if ru, n := utf8.DecodeRune(b[r:next]); unicode.IsSpace(ru) {
					space, r = true, r+n
					continue
				}
			}
			e = r + 1
			for e < next && spaceClass[b[e]] == 0 {
				e++
			}
		}
		// A word starts at b[r]; its separator fits in the space before it.
		if w > 0 && (lines > 0 || space) {
			w += copy(b[w:], [...]string{" ", "\n", "\n\n"}[min(lines, 2)])
		}
		lines, space = 0, false
		w += copy(b[w:], b[r:e])
		r = e
	}
	return b[:w]
}

// spaceClass sorts the bytes that may start white space: 1 is ASCII white
// space but '\n', 2 is '\n', 3 a lead byte of U+0085, U+00A0, U+1680,
// U+2000-U+200A, U+2028, U+2029, U+202F, U+205F or U+3000.
var spaceClass = [256]uint8{'\t': 1, '\v': 1, '\f': 1, '\r': 1, ' ': 1, '\n': 2,
	0xC2: 3, 0xE1: 3, 0xE2: 3, 0xE3: 3}
