package notes

import (
	"strings"
	"unicode/utf8"
)

// Almost every note's frontmatter is a few "key: value" lines and a
// list of tags, yet yaml.v3 decoding it was 1.3 % of a 5,000-note
// build's CPU profile and 50 MB of its allocations (the floor reads no
// frontmatter at all); simpleYAML takes 0.1 % and 2 MB. It decodes the
// frontmatter itself when every line is of a small grammar whose meaning
// under yaml.v3 is certain, and gives up (false) on anything else, which
// yaml.v3 then decodes as before; so what frontmatterOf reads is always
// what yaml.v3 gives. The grammar, one entry a line:
//
//	key: plain value
//	key: [plain, items]
//	key:
//	  - plain item
//
// Keys start at the line's start, are short ASCII words and are not
// repeated (yaml.v3 fails on a repeated key). A plain value has no
// comment, quote, escape, leading or trailing space, tab or line-breaking
// character, and no ": ". Values are strings, except for keys
// frontmatterOf never reads, whose values may start with a digit
// ("created: 2024-03-05"): yaml.v3 might make them numbers or dates, but
// no one asks. A value of a key that is read starts with a letter (not a
// word yaml.v3 makes a bool or null) or a character above ASCII, so it
// is a string for yaml.v3 too. TestSimpleYAMLAgreesWithYAMLv3 and
// FuzzSimpleYAML hold the two together.
func simpleYAML(yml string) ([]fmEntry, bool) {
	var entries []fmEntry
	var list *[]any // the block list being read (after "key:")
	listIndent := -1
	read := false // the last key is one frontmatterOf reads
	for len(yml) > 0 {
		line, rest, _ := strings.Cut(yml, "\n")
		yml = rest
		if line == "" {
			list = nil // a list that goes on after a blank line is left to yaml.v3
			continue
		}
		if line[0] == ' ' || line[0] == '-' {
			if list == nil {
				return nil, false
			}
			indent := len(line) - len(strings.TrimLeft(line, " "))
			item, ok := strings.CutPrefix(line[indent:], "- ")
			if !ok || (listIndent >= 0 && indent != listIndent) {
				return nil, false
			}
			listIndent = indent
			if !plainScalar(item, read, false) {
				return nil, false
			}
			*list = append(*list, item)
			entries[len(entries)-1].value = *list
			continue
		}
		key, value, ok := strings.Cut(line, ":")
		if !ok || !simpleKey(key) {
			return nil, false
		}
		for _, e := range entries {
			if e.key == key {
				return nil, false
			}
		}
		e := fmEntry{key: key}
		read = readKey(key)
		list, listIndent = nil, -1
		switch {
		case value == "":
			// nil, or the list on the next lines
			list = new([]any)
		case value[0] != ' ':
			return nil, false // "key:value" is not a key
		case strings.HasPrefix(value, " ["):
			items, ok := flowList(value[1:], read)
			if !ok {
				return nil, false
			}
			e.value = items
		default:
			if !plainScalar(value[1:], read, false) {
				return nil, false
			}
			e.value = value[1:]
		}
		entries = append(entries, e)
	}
	return entries, true
}

// readKey tells the keys frontmatterOf reads, whose values must be
// strings for yaml.v3 too.
func readKey(key string) bool {
	switch strings.ToLower(key) {
	case "cards-deck", "tags", "tag":
		return true
	}
	return false
}

// simpleKey accepts an ASCII word (letters, digits, '-', '_') starting
// with a letter that yaml.v3 takes as a string, and short: yaml.v3 looks
// no further than 1,024 characters for a key's ':'.
func simpleKey(key string) bool {
	if key == "" || len(key) > 128 || !isASCIILetter(key[0]) || resolvedWord(key) {
		return false
	}
	for i := 0; i < len(key); i++ {
		c := key[i]
		if !isASCIILetter(c) && !('0' <= c && c <= '9') && c != '-' && c != '_' {
			return false
		}
	}
	return true
}

// flowList reads "[a, b, c]": items separated by ", ", none empty.
func flowList(s string, read bool) ([]any, bool) {
	inner, ok := strings.CutPrefix(s, "[")
	if inner, ok = strings.CutSuffix(inner, "]"); !ok || inner == "" {
		return nil, false
	}
	items := make([]any, 0, strings.Count(inner, ",")+1)
	for item := range strings.SplitSeq(inner, ", ") {
		if !plainScalar(item, read, true) {
			return nil, false
		}
		items = append(items, item)
	}
	return items, true
}

// plainScalar accepts s as a plain YAML scalar whose text is s itself:
// no leading or trailing space, comment, quote or indicator, ": ", or
// character YAML reads as a line break or does not allow. read asks for
// one yaml.v3 is sure to take as a string; inFlow also refuses what
// ends a flow list's item (',', brackets, braces, ':').
func plainScalar(s string, read, inFlow bool) bool {
	if s == "" || s[len(s)-1] == ' ' || s[len(s)-1] == ':' || !utf8.ValidString(s) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(s)
	switch {
	case first < utf8.RuneSelf && isASCIILetter(byte(first)):
		if read && resolvedWord(s) {
			return false
		}
	case first < utf8.RuneSelf && '0' <= first && first <= '9':
		if read {
			return false // maybe a number or a date
		}
	case !printableYAML(first):
		return false
	}
	prevSpace := false
	for i, r := range s {
		switch {
		case r < utf8.RuneSelf && (isASCIILetter(byte(r)) || ('0' <= r && r <= '9')):
		case r == ' ':
			if prevSpace {
				return false
			}
		case r == ':':
			if inFlow || s[i+1] == ' ' {
				return false
			}
		case r == ',':
			if inFlow {
				return false
			}
		case strings.ContainsRune("-_./()+&'?!", r):
		case r >= utf8.RuneSelf && printableYAML(r):
		default:
			return false
		}
		prevSpace = r == ' '
	}
	return true
}

// resolvedWord tells the words yaml.v3 (or YAML 1.1 readers) may take
// for a bool or null rather than a string, in any case.
func resolvedWord(s string) bool {
	switch strings.ToLower(s) {
	case "true", "false", "null", "yes", "no", "on", "off", "y", "n":
		return true
	}
	return false
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// printableYAML tells a character above ASCII that YAML allows in a
// plain scalar and does not read as a line break: NEL (U+0085), the line
// and paragraph separators and the byte order mark are left out.
func printableYAML(r rune) bool {
	switch {
	case r < 0xA0, r == 0x2028, r == 0x2029, r == 0xFEFF:
		return false
	case r <= 0xD7FF, 0xE000 <= r && r <= 0xFFFD, 0x10000 <= r && r <= utf8.MaxRune:
		return true
	}
	return false
}
