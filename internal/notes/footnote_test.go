package notes

import "testing"

func TestWithFootnotes(t *testing.T) {
	n := &Note{Footnotes: []Footnote{
		{Label: "1", Text: "[^1]: One."},
		{Label: "x", Text: "[^x]: Ex,\n    continued."},
		{Label: "1", Text: "[^1]: A second definition of 1."},
	}}
	for _, tc := range []struct{ src, want string }{
		{"No footnote.", "No footnote."},
		{"Refers[^2] to none of them.", "Refers[^2] to none of them."},
		{"Refers[^1].", "Refers[^1].\n\n[^1]: One."},
		{"Both[^x] and[^1].", "Both[^x] and[^1].\n\n[^1]: One.\n\n[^x]: Ex,\n    continued."},
		{"Defines its own[^1].\n\n  [^1]: Own.", "Defines its own[^1].\n\n  [^1]: Own."},
		{"Not a definition: a[^1]: b", "Not a definition: a[^1]: b\n\n[^1]: One."},
	} {
		if got := n.WithFootnotes(tc.src); got != tc.want {
			t.Errorf("WithFootnotes(%q) =\n%q, want\n%q", tc.src, got, tc.want)
		}
	}
	if got := (&Note{}).WithFootnotes("a[^1]"); got != "a[^1]" {
		t.Errorf("a note without footnotes changed %q", got)
	}
}
