package layout

// stringWriter is a strings.Builder or a bytes.Buffer.
type stringWriter interface {
	WriteString(s string) (int, error)
	WriteByte(c byte) error
}

// The pieces of a page written in Go (flip cards, a deck page's contents
// and notes) escape their values as html/template did when they were
// template actions, so that the page is byte for byte what the template
// wrote.

// escapeText writes s escaped as html/template escapes text and quoted
// attribute values: NUL, quotes, '&', '+', '<' and '>'.
func escapeText[W stringWriter](b W, s string) {
	start := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case 0:
			esc = "\uFFFD"
		case '"':
			esc = "&#34;"
		case '&':
			esc = "&amp;"
		case '\'':
			esc = "&#39;"
		case '+':
			esc = "&#43;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		default:
			continue
		}
		b.WriteString(s[start:i])
		b.WriteString(esc)
		start = i + 1
	}
	b.WriteString(s[start:])
}

// escapeFragment writes s as html/template writes a value after "#" in
// a quoted URL attribute: percent-encoded except for RFC 3986's
// unreserved characters (its URL escaper, then its attribute escaper,
// which leaves that result as it is).
func escapeFragment[W stringWriter](b W, s string) {
	const hex = "0123456789abcdef"
	start := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; !unreservedURLByte(c) {
			b.WriteString(s[start:i])
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
			start = i + 1
		}
	}
	b.WriteString(s[start:])
}

// unreservedURLByte reports whether c is unreserved in a URL (RFC 3986
// section 2.3), which html/template's URL escaper keeps as it is.
func unreservedURLByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}
