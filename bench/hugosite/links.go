package hugosite

import (
	"bytes"
	"regexp"
	"strings"
)

// wikilink matches Obsidian links and embeds: [[T]], [[T#H]], [[T|alias]],
// ![[img.png|300]].
var wikilink = regexp.MustCompile(`(!?)\[\[([^\]|#\n]*)(#[^\]|\n]*)?(\|[^\]\n]*)?\]\]`)

// resolver finds the URL (root-relative, as written in the page's
// Markdown) of a note or attachment named in a link; ok is false when the
// vault has none.
type resolver interface {
	note(title string) (url string, ok bool)
	attachment(name string) (url string, ok bool)
}

// rewriteLinks turns a note body's wikilinks and embeds into Markdown
// links and images, outside code fences. A link to nothing becomes its
// text, as Obsidian shows an unresolved link.
func rewriteLinks(body []byte, r resolver) []byte {
	var out bytes.Buffer
	out.Grow(len(body) + len(body)/8)
	fence := ""
	for len(body) > 0 {
		line := body
		if i := bytes.IndexByte(body, '\n'); i >= 0 {
			line = body[:i+1]
		}
		body = body[len(line):]
		if marker := fenceMarker(line); marker != "" && (fence == "" || strings.HasPrefix(marker, fence)) {
			if fence == "" {
				fence = marker
			} else {
				fence = ""
			}
			out.Write(line)
			continue
		}
		if fence != "" || !bytes.Contains(line, []byte("[[")) {
			out.Write(line)
			continue
		}
		out.Write(wikilink.ReplaceAllFunc(line, func(m []byte) []byte {
			return []byte(markdownLink(wikilink.FindSubmatch(m), r))
		}))
	}
	return out.Bytes()
}

// markdownLink is the Markdown for one wikilink match.
func markdownLink(m [][]byte, r resolver) string {
	embed := len(m[1]) > 0
	target := strings.TrimSpace(string(m[2]))
	heading := strings.TrimPrefix(string(m[3]), "#")
	text := strings.TrimPrefix(string(m[4]), "|")
	if embed {
		if url, ok := r.attachment(target); ok {
			// "|300" is a width; Markdown images have none.
			return "![" + escapeText(target) + "](" + url + ")"
		}
	}
	if text == "" || embed {
		text = target
		if heading != "" {
			text += " > " + heading
		}
	}
	url, ok := r.note(target)
	if !ok {
		return escapeText(text)
	}
	if heading != "" {
		url += "#" + anchor(heading)
	}
	return "[" + escapeText(text) + "](" + url + ")"
}

// fenceMarker is the run of ``` or ~~~ opening or closing a code fence
// on this line (indented at most 3 spaces), or "".
func fenceMarker(line []byte) string {
	s := strings.TrimLeft(string(line), " ")
	if len(line)-len(s) > 3 || len(s) < 3 || (s[0] != '`' && s[0] != '~') {
		return ""
	}
	n := 0
	for n < len(s) && s[n] == s[0] {
		n++
	}
	if n < 3 {
		return ""
	}
	return s[:n]
}

// escapeText escapes the characters that would end or change a link's
// text.
func escapeText(s string) string {
	return strings.NewReplacer(`\`, `\\`, `[`, `\[`, `]`, `\]`, "*", `\*`, "_", `\_`, "`", "\\`").Replace(s)
}
