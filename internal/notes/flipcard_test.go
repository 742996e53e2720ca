package notes

import "testing"

// TestClozeFlipCard: a cloze line with several numbers is one flip card
// whose front hides every cloze and whose back marks it, each with its
// number; text shown below the answer (an Anki block's Back Extra, a
// Logseq block's children) is below the flip card's answer too. Other
// segments have no flip card text of their own.
func TestClozeFlipCard(t *testing.T) {
	const fm = "---\ncards-deck: D\n---\n"
	cases := []struct{ name, src, q, a string }{
		{"two numbers", fm + "A {1:b} c {2:d}.\n",
			`A <span class="cloze-gap" data-cloze="1">[…]</span> c <span class="cloze-gap" data-cloze="2">[…]</span>.`,
			`A <mark class="cloze" data-cloze="1">b</mark> c <mark class="cloze" data-cloze="2">d</mark>.`},
		{"unnumbered, a number twice, a hint", fm + "{{c2::x::hint}} {y} and {{c2::z}}\n",
			`<span class="cloze-gap" data-cloze="2">[hint]</span> <span class="cloze-gap" data-cloze="3">[…]</span> and <span class="cloze-gap" data-cloze="2">[…]</span>`,
			`<mark class="cloze" data-cloze="2">x</mark> <mark class="cloze" data-cloze="3">y</mark> and <mark class="cloze" data-cloze="2">z</mark>`},
		{"anki block with extra", "START\nCloze\nText: {{c1::a}} {{c2::b}}\nBack Extra: more\nEND\n",
			`<span class="cloze-gap" data-cloze="1">[…]</span> <span class="cloze-gap" data-cloze="2">[…]</span>`,
			`<mark class="cloze" data-cloze="1">a</mark> <mark class="cloze" data-cloze="2">b</mark>` + "\n\nmore"},
		{"one number", fm + "A {1:b} c {1:d}.\n", "", ""},
		{"reversed pair", "Q ::: A #card\n", "", ""},
	}
	for _, c := range cases {
		n := Parse("n.md", []byte(c.src), DefaultOptions())
		var seg *Segment
		for i := range n.Segments {
			if len(n.Segments[i].Cards) > 0 {
				seg = &n.Segments[i]
				break
			}
		}
		if seg == nil {
			t.Errorf("%s: no card segment", c.name)
			continue
		}
		if seg.Question != c.q || seg.Answer != c.a {
			t.Errorf("%s: flip card\n q %q\n a %q\nwant\n q %q\n a %q", c.name, seg.Question, seg.Answer, c.q, c.a)
		}
	}
}
