package site

import (
	"strings"

	"golang.org/x/net/html"
)

// blockTags end a line when HTML is turned into plain text.
var blockTags = map[string]bool{"p": true, "div": true, "br": true, "li": true, "tr": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "pre": true,
	"table": true, "ul": true, "ol": true, "blockquote": true, "details": true, "summary": true}

// plainText turns rendered HTML into readable plain text for cards.json:
// tags dropped, block elements on their own lines, image alt texts kept,
// runs of blank lines collapsed.
func plainText(s string) string {
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	skip := 0 // open <script>/<style> elements, whose text is not content
	for {
		switch z.Next() {
		case html.ErrorToken:
			return tidyText(b.String())
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			n := string(name)
			if n == "script" || n == "style" {
				skip++
			}
			if blockTags[n] {
				b.WriteByte('\n')
			}
			if n == "img" {
				for {
					k, v, more := z.TagAttr()
					if string(k) == "alt" && len(v) > 0 {
						b.WriteString("[" + string(v) + "]")
					}
					if !more {
						break
					}
				}
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			n := string(name)
			if (n == "script" || n == "style") && skip > 0 {
				skip--
			}
			if blockTags[n] {
				b.WriteByte('\n')
			}
		}
	}
}

func tidyText(s string) string {
	lines := strings.Split(s, "\n")
	out := lines[:0]
	blank := true
	for _, l := range lines {
		l = strings.Join(strings.Fields(l), " ")
		if l == "" {
			if !blank {
				out = append(out, "")
			}
			blank = true
			continue
		}
		out = append(out, l)
		blank = false
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}
