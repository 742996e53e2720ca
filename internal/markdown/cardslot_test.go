package markdown

import (
	"strings"
	"testing"
)

// TestCardSlot renders notes whose card lines were replaced by CardSlot
// and checks that the card lands inside the container it was written in
// and that what follows the card keeps its own place.
func TestCardSlot(t *testing.T) {
	card := []string{"<CARD0>", "<CARD1>"}
	cases := []struct {
		name, src, want string
		slots           []string
	}{
		{"top level, text after",
			"Intro.\n" + CardSlot("", 0, 3) + "After.\n", "<p>Intro.</p>\n<CARD0><p>After.</p>\n", card},
		{"in a folded callout, next callout apart",
			"> [!note]- F\n" + CardSlot("> ", 0, 3) + "\n> [!tip] T\n> x\n",
			"<summary class=\"callout-title\">F</summary>\n<div class=\"callout-content\">\n<CARD0></div></details>\n<div class=\"callout callout-tip\"", card},
		{"in a nested list item, list goes on",
			"- a\n" + CardSlot("\t- ", 1, 3) + "\t- b\n\t\t- c\n",
			"<ul>\n<li>a\n<ul>\n<li>\n<CARD1></li>\n<li>b\n<ul>\n<li>c</li>\n</ul>\n</li>\n</ul>\n</li>\n</ul>\n", card},
		{"numbered item",
			CardSlot("1. ", 0, 2) + "2. next\n", "<ol>\n<li>\n<CARD0></li>\n<li>next</li>\n</ol>\n", card},
		{"index out of range is text",
			CardSlot("", 5, 1), "<p>\uE0005\uE000</p>\n", card},
		{"no slots given is text",
			CardSlot("", 0, 1), "<p>\uE0000\uE000</p>\n", nil},
	}
	r := New()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := r.Render(c.src, Options{CardSlots: c.slots}).HTML
			if !strings.Contains(got, c.want) {
				t.Errorf("render(%q)\n got %q\nwant it to hold %q", c.src, got, c.want)
			}
		})
	}
}

// TestCardSlotKeepsLines: a slot takes as many lines as the card did, so
// messages about the text after it name the right line.
func TestCardSlotKeepsLines(t *testing.T) {
	src := "> [!note]\n" + CardSlot("> ", 0, 4) + "\n![[missing.png]]\n"
	res := New().Render(src, Options{CardSlots: []string{"<C>"}, File: "n.md", Line: 10, Resolver: fakeResolver{}})
	if len(res.Diags) != 1 || res.Diags[0].Line != 16 {
		t.Fatalf("diags = %v, want one at line 16", res.Diags)
	}
}
