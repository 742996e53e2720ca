package notes

import (
	"strings"
	"unicode/utf8"
)

// Decoding a note's frontmatter with yaml.v3 costs more than reading the
// whole rest of the note, yet almost every frontmatter is a handful of
// lines such as
//
//	tags: uni dsa
//	cards-deck: Uni::Courses::DSA
//	aliases:
//	  - Patricia-Baum
//	created: 2022-07-22
//
// simpleYAML reads exactly that subset: "key: value" lines with a plain
// one-line value or a one-line list "[a, b]", "key:" lines followed by
// "- item" lines, and blank lines. On anything else (quotes, flow collections, comments, anchors,
// tags, tabs, multi-line or nested values, duplicate keys, a value that
// YAML would read as a number, bool or null where we use it) it gives up,
// and readFrontmatter asks yaml.v3 as before. Where it answers, the
// answer is the one yaml.v3 gives (FuzzSimpleYAML compares the two).

// fmEntry is one top-level key of the frontmatter and its value as
// yaml.v3 decodes it into an any: a string, a []any or nil. simpleYAML
// gives lists as []string (the same strings, without boxing each one),
// and only fills in the values readFrontmatter uses (see readsValue).
type fmEntry struct {
	key   string
	value any
}

// readsValue reports the keys whose values readFrontmatter looks at.
func readsValue(key string) bool {
	switch strings.ToLower(key) {
	case "cards-deck", "tags", "tag":
		return true
	}
	return false
}

// maxSimpleKeys bounds the number of keys simpleYAML reads.
const maxSimpleKeys = 64

// simpleYAML returns the top-level entries of yml, in file order, or
// ok false when yml is not in the subset it reads.
func simpleYAML(yml string) (entries []fmEntry, ok bool) {
	entries = make([]fmEntry, 0, min(strings.Count(yml, "\n")+1, maxSimpleKeys))
	list := -1       // index of the entry whose "- item" lines may follow
	listIndent := -1 // indentation of that list's items, once seen
	for rest := yml; rest != ""; {
		ln, tail, _ := strings.Cut(rest, "\n")
		rest = tail
		if strings.IndexByte(ln, '\t') >= 0 {
			return nil, false
		}
		t := strings.TrimRight(ln, " ")
		if t == "" {
			continue
		}
		if t[0] == ' ' || t[0] == '-' {
			// "- item" of the list of the "key:" line above.
			item := strings.TrimLeft(t, " ")
			indent := len(t) - len(item)
			if list < 0 || (listIndent >= 0 && indent != listIndent) || !strings.HasPrefix(item, "- ") {
				return nil, false
			}
			listIndent = indent
			v := strings.TrimLeft(item[2:], " ")
			if !plainScalar(v) {
				return nil, false
			}
			e := &entries[list]
			if readsValue(e.key) {
				if !resolvesToString(v) {
					return nil, false
				}
				items, _ := e.value.([]string)
				e.value = append(items, v)
			}
			continue
		}
		colon := strings.IndexByte(t, ':')
		if colon < 0 || !plainKey(t[:colon]) || colon+1 < len(t) && t[colon+1] != ' ' {
			return nil, false
		}
		key, v := t[:colon], strings.TrimLeft(t[colon+1:], " ")
		if len(entries) == maxSimpleKeys {
			return nil, false // keeps the duplicate check below cheap
		}
		for _, e := range entries {
			if e.key == key {
				return nil, false // yaml.v3 reports duplicate keys
			}
		}
		e := fmEntry{key: key}
		list, listIndent = -1, -1
		switch {
		case v == "":
			list = len(entries) // null, unless "- item" lines follow
		case v[0] == '[':
			items, ok := flowSequence(v)
			if !ok {
				return nil, false
			}
			if readsValue(key) {
				for _, it := range items {
					if !resolvesToString(it) {
						return nil, false
					}
				}
				e.value = items
			}
		case !plainScalar(v):
			return nil, false
		case readsValue(key):
			if !resolvesToString(v) {
				return nil, false
			}
			e.value = v
		}
		entries = append(entries, e)
	}
	return entries, true
}

// flowSequence reads "[a, b c, d]": a one-line list of plain scalars,
// none empty. Inside brackets '?' and ':' may end a scalar too; items
// holding them, brackets, braces or '#' are left to yaml.v3.
func flowSequence(v string) (items []string, ok bool) {
	if len(v) < 2 || v[0] != '[' || v[len(v)-1] != ']' {
		return nil, false
	}
	inner := v[1 : len(v)-1]
	if strings.ContainsAny(inner, "[]{}?:#") {
		return nil, false
	}
	if strings.Trim(inner, " ") == "" {
		return []string{}, true
	}
	for rest := inner; ; {
		it, tail, more := strings.Cut(rest, ",")
		if it = strings.Trim(it, " "); !plainScalar(it) {
			return nil, false
		}
		items = append(items, it)
		if !more {
			return items, true
		}
		rest = tail
	}
}

// plainKey reports a key that YAML reads as that very string: a letter,
// then letters, digits, '_' and '-', and not a bool or null.
func plainKey(k string) bool {
	if k == "" || len(k) > 128 || !isASCIILetter(k[0]) {
		return false
	}
	for i := 1; i < len(k); i++ {
		if c := k[i]; !isASCIILetter(c) && !(c >= '0' && c <= '9') && c != '_' && c != '-' {
			return false
		}
	}
	return resolvesToString(k)
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// plainScalar reports a one-line plain scalar (right-trimmed) that YAML
// reads in full and without error: it does not start with an indicator,
// holds no ": " (a nested mapping), no " #" (a comment), no line break
// and only characters YAML accepts.
func plainScalar(v string) bool {
	if v == "" || strings.IndexByte("-?:,[]{}#&*!|>'\"%@`", v[0]) >= 0 {
		return false
	}
	if v[len(v)-1] == ':' || strings.Contains(v, ": ") || strings.Contains(v, " #") {
		return false
	}
	for i := 0; i < len(v); {
		c := v[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7F {
				return false
			}
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(v[i:])
		switch {
		case r == utf8.RuneError && w == 1:
			return false
		case r == 0x2028 || r == 0x2029 || r == 0xFEFF: // line breaks and BOM
			return false
		case r >= 0xA0 && r <= 0xD7FF, r >= 0xE000 && r <= 0xFFFD, r >= 0x10000:
		default:
			return false
		}
		i += w
	}
	return true
}

// resolvesToString reports that yaml.v3 decodes plain scalar v into an
// any as the string v: it starts with a non-ASCII character or with a
// letter and is not true, false or null (the only words yaml.v3 reads as
// something else). Numbers, dates and the like are left to yaml.v3.
func resolvesToString(v string) bool {
	if v == "" {
		return false
	}
	if v[0] >= utf8.RuneSelf {
		return true
	}
	if !isASCIILetter(v[0]) {
		return false
	}
	switch v {
	case "true", "True", "TRUE", "false", "False", "FALSE", "null", "Null", "NULL":
		return false
	}
	return true
}
