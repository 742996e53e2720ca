package site

import (
	"strings"
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

func TestContentsText(t *testing.T) {
	if got := contentsText("  What is\n\nKinesis?  "); got != "What is Kinesis?" {
		t.Errorf("got %q", got)
	}
	if got := contentsText(""); got == "" {
		t.Error("a card without question text has no line in the contents")
	}
	long := strings.Repeat("word ", 60)
	got := contentsText(long)
	if r := []rune(got); len(r) > contentsMax+1 || !strings.HasSuffix(got, "word…") {
		t.Errorf("long question cut to %q (%d runes)", got, len(r))
	}
}

func TestDeckRowsMergeChains(t *testing.T) {
	leaf := &DeckNode{Name: "C", NoteCount: 1}
	b := &DeckNode{Name: "B", Children: []*DeckNode{leaf}}
	a := &DeckNode{Name: "A", Children: []*DeckNode{b}}
	e := &DeckNode{Name: "E", NoteCount: 1}
	d := &DeckNode{Name: "D", NoteCount: 1, Children: []*DeckNode{e}} // notes of its own: a row
	x1, x2 := &DeckNode{Name: "X1", NoteCount: 1}, &DeckNode{Name: "X2", NoteCount: 1}
	x := &DeckNode{Name: "X", Children: []*DeckNode{x1, x2}} // two subdecks: a row
	rows := deckRows([]*DeckNode{a, d, x}, 0, "../")
	var got []string
	var walk func([]*DeckRow)
	walk = func(rs []*DeckRow) {
		for _, r := range rs {
			got = append(got, strings.Repeat(">", r.Depth)+r.Label()+"@"+r.Root)
			walk(r.Children)
		}
	}
	walk(rows)
	want := "A › B › C@../ D@../ >E@../ X@../ >X1@../ >X2@../"
	if strings.Join(got, " ") != want {
		t.Errorf("rows %q, want %q", strings.Join(got, " "), want)
	}
	if rows[0].Deck != leaf || len(rows[0].Chain) != 2 {
		t.Errorf("the chain's row opens %q with chain %d, want C after 2", rows[0].Deck.Name, len(rows[0].Chain))
	}
}
