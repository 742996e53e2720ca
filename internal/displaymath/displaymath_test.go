package displaymath

import "testing"

func TestCloserLine(t *testing.T) {
	for _, c := range []struct {
		rest        string
		inParagraph bool
		want        int
	}{
		{"a\n$$\n", false, 1},
		{"a\n\nb\n$$ text\n", false, 3}, // blank lines stay inside a block formula
		{"a\n\nb\n$$\n", true, -1},      // but end an inline one's paragraph
		{"> a\n>\n> b $$\n", true, -1},  // a lone '>' ends a paragraph in a quote
		{"> a\n>\n> b $$\n", false, 2},
		{"a\n## Heading\n$$\n", false, -1},
		{"a\n> ### Heading\n$$\n", false, -1},
		{"a\n#tag line\n$$\n", false, 2}, // a tag is not a heading
		{"a\n```\n$$\n```\n", false, -1},
		{"  ~~~\n$$\n", false, -1},
		{"a\nb", false, -1},
		{"", false, -1},
	} {
		if got := CloserLine([]byte(c.rest), c.inParagraph); got != c.want {
			t.Errorf("CloserLine(%q, %v) = %d, want %d", c.rest, c.inParagraph, got, c.want)
		}
	}
}
