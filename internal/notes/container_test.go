package notes

import "testing"

// TestSegmentContainer: a card segment names the container its first line
// opens with, which a deck page repeats to put the card back there.
func TestSegmentContainer(t *testing.T) {
	cases := []struct{ src, want string }{
		{"Q #card\nA\n", ""},
		{"> [!note]\n> Q #card\n> A\n", "> "},
		{"> > Q #card\n> > A\n", "> > "},
		{"- a\n\t- Q #card\n\t\tA\n", "\t- "},
		{"1. a\n2. Q #card\n   A\n", "2. "},
		{"- [ ] Q #card\n  A\n", "- "},
		{"> - [x] Q #card\n>   A\n", "> - "},
		{"## Q #card\nA\n", ""},
	}
	for _, c := range cases {
		n := Parse("n.md", []byte(c.src), DefaultOptions())
		got, found := "", false
		for _, s := range n.Segments {
			if len(s.Cards) > 0 {
				got, found = s.Container, true
				break
			}
		}
		if !found {
			t.Errorf("%q: no card segment", c.src)
			continue
		}
		if got != c.want {
			t.Errorf("%q: Container = %q, want %q", c.src, got, c.want)
		}
	}
}
