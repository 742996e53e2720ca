package notes

import (
	"strings"
	"unicode/utf8"
)

// noteTitle is the file name without ".md", percent-decoded (see
// decodeFileName).
func noteTitle(path string) string {
	t := path[strings.LastIndexByte(path, '/')+1:]
	if len(t) > 3 && strings.EqualFold(t[len(t)-3:], ".md") {
		t = t[:len(t)-3]
	}
	return decodeFileName(t)
}

// decodeFileName undoes the percent-encoding that exporters (Logseq,
// Notion, web clippers) use for characters a file name cannot hold:
// "TCP%2FIP" is the note "TCP/IP". Only "%" and two hex digits are
// decoded, so "100% sure" stays as it is; a name that would decode to
// invalid UTF-8 or to a control character is kept as written.
func decodeFileName(name string) string {
	i := strings.IndexByte(name, '%')
	if i < 0 {
		return name
	}
	b := make([]byte, 0, len(name))
	b = append(b, name[:i]...)
	for ; i < len(name); i++ {
		c := name[i]
		if c == '%' && i+2 < len(name) && isHex(name[i+1]) && isHex(name[i+2]) {
			c = unhex(name[i+1])<<4 | unhex(name[i+2])
			if c < 0x20 || c == 0x7f {
				return name
			}
			i += 2
		}
		b = append(b, c)
	}
	if !utf8.Valid(b) {
		return name
	}
	return string(b)
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}
