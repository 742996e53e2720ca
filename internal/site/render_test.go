package site

import (
	"testing"
)

func TestCutTitleHeading(t *testing.T) {
	for _, c := range []struct {
		html, title, rest, id string
		ok                    bool
	}{
		{"<h1 id=\"n--syntax-tour\">Syntax Tour</h1>\n<p>Text</p>", "Syntax Tour", "<p>Text</p>", "n--syntax-tour", true},
		{"\n<h1 id=\"x\">Syntax <em>tour</em></h1><p>T</p>", "Syntax Tour", "<p>T</p>", "x", true},
		{"<h1 id=\"a&amp;b\">A &amp; B</h1>", "A & B", "", "a&b", true},
		{"<h1>Title</h1><p>T</p>", "Title", "<p>T</p>", "", true},
		{"<h1 id=\"x\">Studying with flipdeck</h1><p>T</p>", "Keyboard", "", "", false},
		{"<p>Text</p><h1 id=\"x\">Title</h1>", "Title", "", "", false},
		{"<h2 id=\"x\">Title</h2>", "Title", "", "", false},
		{"<h1 id=\"x\">Title", "Title", "", "", false},
	} {
		rest, id, ok := cutTitleHeading(c.html, c.title)
		if ok != c.ok || (ok && (rest != c.rest || id != c.id)) || (!ok && rest != c.html) {
			t.Errorf("cutTitleHeading(%q, %q) = %q, %q, %v; want %q, %q, %v", c.html, c.title, rest, id, ok, c.rest, c.id, c.ok)
		}
	}
}
